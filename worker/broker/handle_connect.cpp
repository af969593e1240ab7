// CONNECT (MQTT 3.1.2 / 5.0 3.1): the protocol level, client identifier, session, keep alive,
// will and the 5.0 limits each side announces; answered with CONNACK.

#include <cstdio>

#include "common/log.h"
#include "common/mqtt/topic.h"
#include "worker/broker/broker.h"

namespace mm::broker {
namespace {

using mqtt::ReasonCode;

// The 3.1/3.1.1 CONNACK return code for a refusal, if the level has one.
std::optional<mqtt::ConnackCode311> code_311(ReasonCode code) {
  switch (code) {
    case ReasonCode::unsupported_protocol_version:
      return mqtt::ConnackCode311::unacceptable_protocol_version;
    case ReasonCode::client_identifier_not_valid:
      return mqtt::ConnackCode311::identifier_rejected;
    case ReasonCode::server_unavailable:
    case ReasonCode::server_busy:
      return mqtt::ConnackCode311::server_unavailable;
    case ReasonCode::bad_user_name_or_password:
      return mqtt::ConnackCode311::bad_user_name_or_password;
    case ReasonCode::not_authorized:
      return mqtt::ConnackCode311::not_authorized;
    default:
      return std::nullopt;
  }
}

}  // namespace

void Broker::connack_refused(Client& c, ReasonCode code, const char* reason) {
  mqtt::Connack ack;
  if (mqtt::is_v5(c.version)) {
    ack.reason_code = code;
    if (reason != nullptr) ack.properties.reason_string = reason;
    send(c, ack);
  } else if (auto rc = code_311(code)) {
    ack.return_code = *rc;
    send(c, ack);
  }
  c.gone = true;
  c.conn->close();
}

uint32_t Broker::session_expiry(const mqtt::Connect& p) const {
  if (mqtt::is_v5(p.version)) return p.properties.session_expiry_interval.value_or(0);
  if (p.clean_start) return 0;
  return settings_.persistent_client_expiration == 0 ? kNeverExpires
                                                     : settings_.persistent_client_expiration;
}

// The old connection of a client id that connects again [MQTT-3.1.4-3]: told (5.0), closed,
// and its will handled as for any connection lost without DISCONNECT.
void Broker::take_over(Client& old) {
  if (mqtt::is_v5(old.version)) {
    mqtt::Disconnect d;
    d.reason_code = ReasonCode::session_taken_over;
    send(old, d);
  }
  common::log_peer(common::LogLevel::info, "%s (%s): session taken over", old.conn->peer().c_str(),
                   old.client_id().c_str());
  detach(old);
  old.session = nullptr;
  old.gone = true;
  old.conn->close();
}

Session& Broker::open_session(const mqtt::Connect& p, bool* present) {
  auto it = sessions_.find(p.client_id);
  if (it != sessions_.end() && (*it)->online()) take_over(*(*it)->client);
  it = sessions_.find(p.client_id);  // taking over may have ended it
  if (it != sessions_.end() && p.clean_start) {
    end_session(**it);
    it = sessions_.end();
  }
  *present = it != sessions_.end();
  if (!*present) {
    auto s = std::make_unique<Session>();
    s->client_id = p.client_id;
    it = sessions_.insert(std::move(s)).first;
  }
  Session& s = **it;
  unschedule(s);  // resumed in time: no delayed will, no expiry [MQTT-3.1.3-9]
  if (s.rare_) s.rare_->pending_will.reset();
  s.trim_rare();
  s.version = p.version;
  s.clean_started = p.clean_start;
  s.expiry_interval = session_expiry(p);
  return s;
}

Outcome Broker::handle_connect(Client& c, mqtt::Connect& p) {
  c.version = p.version;
  const mqtt::Properties& props = p.properties;
  bool v5 = mqtt::is_v5(p.version);
  if (props.authentication_data && !props.authentication_method) {
    // 5.0 section 3.1.2.11.10: Authentication Data without a Method is a Protocol Error.
    connack_refused(c, ReasonCode::protocol_error, "Authentication Data without a Method");
    return Outcome::fine();
  }
  if (props.authentication_method) {
    connack_refused(c, ReasonCode::bad_authentication_method, "no authentication methods");
    return Outcome::fine();
  }
  if (!settings_.allow_anonymous && !p.username) {
    connack_refused(c, ReasonCode::not_authorized, "anonymous clients are not allowed");
    return Outcome::fine();
  }
  bool assigned = false;
  if (p.client_id.empty()) {
    // 3.1 requires an id; 3.1.1 allows none only with a clean session [MQTT-3.1.3-8].
    if (p.version == mqtt::ProtocolVersion::v3_1 || (!v5 && !p.clean_start)) {
      connack_refused(c, ReasonCode::client_identifier_not_valid, "empty client id");
      return Outcome::fine();
    }
    // An id whose home is this worker, so that a later connection with it finds the session.
    char id[40];
    for (int i = 0; i < 256; ++i) {
      snprintf(id, sizeof id, "auto-%016llx", static_cast<unsigned long long>(rng_()));
      if (home_of(id) == self_) break;
    }
    p.client_id = id;
    assigned = true;
  } else if (hand_to_home(c, p.client_id)) {
    return Outcome::fine();
  }
  if (p.client_id.size() > settings_.max_client_id_length) {
    connack_refused(c, ReasonCode::client_identifier_not_valid, "client id too long");
    return Outcome::fine();
  }
  if (p.will && p.will->retain && !settings_.retain_available) {
    connack_refused(c, ReasonCode::retain_not_supported, "retain is not available");
    return Outcome::fine();
  }
  if (p.will && (p.will->topic.size() > settings_.max_topic_length ||
                 mqtt::topic_levels(p.will->topic) > settings_.max_topic_levels)) {
    connack_refused(c, ReasonCode::topic_name_invalid, "will topic over the limits");
    return Outcome::fine();
  }
  c.receive_maximum = props.receive_maximum.value_or(65535);
  c.maximum_packet_size = props.maximum_packet_size.value_or(0);
  c.topic_alias_maximum = props.topic_alias_maximum.value_or(0);
  c.request_problem_information = props.request_problem_information.value_or(1) != 0;
  c.aliases_in_maximum = settings_.topic_alias_maximum;

  bool present = false;
  Session& s = open_session(p, &present);
  if (p.will) {
    c.will = make_will(*p.will, p.client_id, now());
    c.will_delay = p.will->properties.will_delay_interval.value_or(0);
  }

  mqtt::Connack ack;
  ack.session_present = present;
  uint16_t keep_alive = p.keep_alive;
  if (v5) {
    mqtt::Properties& out = ack.properties;
    if (assigned) out.assigned_client_identifier = p.client_id;
    out.receive_maximum = settings_.max_inflight_messages;
    out.maximum_packet_size = settings_.package_max_length;
    out.topic_alias_maximum = settings_.topic_alias_maximum;
    if (!settings_.retain_available) out.retain_available = 0;
    if (keep_alive > settings_.max_keepalive ||
        (keep_alive == 0 && settings_.max_keepalive < 65535)) {
      keep_alive = settings_.max_keepalive;
      out.server_keep_alive = keep_alive;
    }
    if (props.request_response_information.value_or(0) != 0) {
      out.response_information = "response/" + p.client_id;
    }
  }
  if (!v5 && keep_alive > settings_.max_keepalive) keep_alive = settings_.max_keepalive;
  send(c, ack);
  // Keep alive: no packet within 1.5 times the interval closes the connection [MQTT-3.1.2-22].
  c.conn->set_input_timeout(static_cast<uint32_t>(keep_alive) * 1500);
  c.connected = true;
  c.session = &s;
  s.client = &c;
  stats_.clients_connected++;
  stats_.clients_total_connects++;
  if (stats_.clients_connected > stats_.clients_maximum) {
    stats_.clients_maximum = stats_.clients_connected;
  }
  LOG_DEBUG("%s connected as %s (MQTT level %d, session %s)", c.conn->peer().c_str(),
            s.client_id.c_str(), static_cast<int>(p.version), present ? "resumed" : "new");
  resend_inflight(s);
  return Outcome::fine();
}

}  // namespace mm::broker
