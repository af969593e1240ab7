#pragma once
// The owning property set used by every packet except PUBLISH (see publish_properties.h):
// one typed field per property, in identifier order.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/mqtt/property.h"
#include "common/mqtt/reader.h"
#include "common/mqtt/writer.h"

namespace mm::mqtt {

using Bytes = std::vector<uint8_t>;

struct UserProperty {
  std::string name{};
  std::string value{};
  bool operator==(const UserProperty&) const = default;
};

struct Properties {
  std::optional<uint8_t> payload_format_indicator;
  std::optional<uint32_t> message_expiry_interval;
  std::optional<std::string> content_type{};
  std::optional<std::string> response_topic{};
  std::optional<Bytes> correlation_data{};
  std::vector<uint32_t> subscription_identifiers;
  std::optional<uint32_t> session_expiry_interval;
  std::optional<std::string> assigned_client_identifier{};
  std::optional<uint16_t> server_keep_alive;
  std::optional<std::string> authentication_method{};
  std::optional<Bytes> authentication_data{};
  std::optional<uint8_t> request_problem_information;
  std::optional<uint32_t> will_delay_interval;
  std::optional<uint8_t> request_response_information;
  std::optional<std::string> response_information{};
  std::optional<std::string> server_reference{};
  std::optional<std::string> reason_string{};
  std::optional<uint16_t> receive_maximum;
  std::optional<uint16_t> topic_alias_maximum;
  std::optional<uint16_t> topic_alias;
  std::optional<uint8_t> maximum_qos;
  std::optional<uint8_t> retain_available;
  std::vector<UserProperty> user_properties{};
  std::optional<uint32_t> maximum_packet_size;
  std::optional<uint8_t> wildcard_subscription_available;
  std::optional<uint8_t> subscription_identifier_available;
  std::optional<uint8_t> shared_subscription_available;

  bool operator==(const Properties&) const = default;
  bool empty() const { return *this == Properties{}; }
};

// Calls f(PropertyId, field&) for every field, in identifier order: the one list that ties
// identifiers to fields for decoding, encoding and test generators.
template <class Props, class F>
void visit_properties(Props& p, const F& f) {
  using P = PropertyId;
  f(P::payload_format_indicator, p.payload_format_indicator);
  f(P::message_expiry_interval, p.message_expiry_interval);
  f(P::content_type, p.content_type);
  f(P::response_topic, p.response_topic);
  f(P::correlation_data, p.correlation_data);
  f(P::subscription_identifier, p.subscription_identifiers);
  f(P::session_expiry_interval, p.session_expiry_interval);
  f(P::assigned_client_identifier, p.assigned_client_identifier);
  f(P::server_keep_alive, p.server_keep_alive);
  f(P::authentication_method, p.authentication_method);
  f(P::authentication_data, p.authentication_data);
  f(P::request_problem_information, p.request_problem_information);
  f(P::will_delay_interval, p.will_delay_interval);
  f(P::request_response_information, p.request_response_information);
  f(P::response_information, p.response_information);
  f(P::server_reference, p.server_reference);
  f(P::reason_string, p.reason_string);
  f(P::receive_maximum, p.receive_maximum);
  f(P::topic_alias_maximum, p.topic_alias_maximum);
  f(P::topic_alias, p.topic_alias);
  f(P::maximum_qos, p.maximum_qos);
  f(P::retain_available, p.retain_available);
  f(P::user_property, p.user_properties);
  f(P::maximum_packet_size, p.maximum_packet_size);
  f(P::wildcard_subscription_available, p.wildcard_subscription_available);
  f(P::subscription_identifier_available, p.subscription_identifier_available);
  f(P::shared_subscription_available, p.shared_subscription_available);
}

// Property Length and the properties, checked for `where`.
Status read_properties(Reader& r, PropertyContext where, Properties& out);
// Property Length and the properties that are set.
void write_properties(Writer& w, const Properties& p);

}  // namespace mm::mqtt
