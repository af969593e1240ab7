#include "tests/wire/property.h"

namespace mm::test::wire {

std::optional<Kind> kind_of(uint8_t id) {
  switch (id) {
    case prop::payload_format_indicator:
    case prop::request_problem_information:
    case prop::request_response_information:
    case prop::maximum_qos:
    case prop::retain_available:
    case prop::wildcard_subscription_available:
    case prop::subscription_identifier_available:
    case prop::shared_subscription_available:
      return Kind::byte;
    case prop::server_keep_alive:
    case prop::receive_maximum:
    case prop::topic_alias_maximum:
    case prop::topic_alias:
      return Kind::two;
    case prop::message_expiry_interval:
    case prop::session_expiry_interval:
    case prop::will_delay_interval:
    case prop::maximum_packet_size:
      return Kind::four;
    case prop::subscription_identifier:
      return Kind::varint;
    case prop::content_type:
    case prop::response_topic:
    case prop::assigned_client_identifier:
    case prop::authentication_method:
    case prop::response_information:
    case prop::server_reference:
    case prop::reason_string:
      return Kind::string;
    case prop::correlation_data:
    case prop::authentication_data:
      return Kind::binary;
    case prop::user_property:
      return Kind::pair;
    default:
      return std::nullopt;
  }
}

Property user(std::string name, std::string value) {
  return Property::pair(prop::user_property, std::move(name), std::move(value));
}
Property session_expiry(uint32_t s) {
  return Property::four(prop::session_expiry_interval, s);
}
Property receive_maximum(uint16_t n) {
  return Property::two(prop::receive_maximum, n);
}
Property maximum_packet_size(uint32_t n) {
  return Property::four(prop::maximum_packet_size, n);
}
Property topic_alias_maximum(uint16_t n) {
  return Property::two(prop::topic_alias_maximum, n);
}
Property topic_alias(uint16_t a) {
  return Property::two(prop::topic_alias, a);
}
Property message_expiry(uint32_t s) {
  return Property::four(prop::message_expiry_interval, s);
}
Property will_delay(uint32_t s) {
  return Property::four(prop::will_delay_interval, s);
}
Property subscription_id(uint32_t id) {
  return Property::varint(prop::subscription_identifier, id);
}
Property reason_string(std::string s) {
  return Property::string(prop::reason_string, std::move(s));
}
Property content_type(std::string s) {
  return Property::string(prop::content_type, std::move(s));
}
Property response_topic(std::string s) {
  return Property::string(prop::response_topic, std::move(s));
}
Property correlation_data(std::string b) {
  return Property::binary(prop::correlation_data, std::move(b));
}
Property payload_format(uint8_t v) {
  return Property::byte(prop::payload_format_indicator, v);
}
Property request_problem_information(uint8_t v) {
  return Property::byte(prop::request_problem_information, v);
}
Property request_response_information(uint8_t v) {
  return Property::byte(prop::request_response_information, v);
}

size_t Props::count(uint8_t id) const {
  size_t n = 0;
  for (const Property& p : list_) n += p.id == id;
  return n;
}

std::optional<uint32_t> Props::number(uint8_t id) const {
  for (const Property& p : list_) {
    if (p.id == id) return p.number;
  }
  return std::nullopt;
}

std::optional<std::string> Props::text(uint8_t id) const {
  for (const Property& p : list_) {
    if (p.id == id) return p.text;
  }
  return std::nullopt;
}

std::vector<uint32_t> Props::numbers(uint8_t id) const {
  std::vector<uint32_t> out;
  for (const Property& p : list_) {
    if (p.id == id) out.push_back(p.number);
  }
  return out;
}

std::vector<std::pair<std::string, std::string>> Props::user() const {
  std::vector<std::pair<std::string, std::string>> out;
  for (const Property& p : list_) {
    if (p.id == prop::user_property) out.emplace_back(p.text, p.value);
  }
  return out;
}

Bytes Props::encode_body() const {
  Bytes out;
  for (const Property& p : list_) {
    out.push_back(p.id);
    switch (p.kind) {
      case Kind::byte:
        out.push_back(uint8_t(p.number));
        break;
      case Kind::two:
        put_u16(out, uint16_t(p.number));
        break;
      case Kind::four:
        put_u32(out, p.number);
        break;
      case Kind::varint:
        put_varint(out, p.number);
        break;
      case Kind::string:
      case Kind::binary:
        put_lstring(out, p.text);
        break;
      case Kind::pair:
        put_lstring(out, p.text);
        put_lstring(out, p.value);
        break;
      case Kind::raw:
        put_bytes(out, to_bytes(p.text));
        break;
    }
  }
  return out;
}

Bytes Props::encode() const {
  Bytes body = encode_body();
  Bytes out;
  put_varint(out, uint32_t(body.size()));
  put_bytes(out, body);
  return out;
}

namespace {

Property parse_one(Reader& r) {
  Property p;
  p.id = r.u8("property identifier");
  auto kind = kind_of(p.id);
  if (!kind) throw WireError("malformed: unknown property identifier " + std::to_string(p.id));
  p.kind = *kind;
  switch (p.kind) {
    case Kind::byte:
      p.number = r.u8("byte property");
      break;
    case Kind::two:
      p.number = r.u16("two byte property");
      break;
    case Kind::four:
      p.number = r.u32("four byte property");
      break;
    case Kind::varint:
      p.number = r.varint("varint property");
      break;
    case Kind::string:
    case Kind::binary:
      p.text = r.lstring("string property");
      break;
    case Kind::pair:
      p.text = r.lstring("user property name");
      p.value = r.lstring("user property value");
      break;
    case Kind::raw:
      break;
  }
  return p;
}

}  // namespace

Props Props::parse(Reader& r) {
  uint32_t len = r.varint("property length");
  if (len > r.left()) throw WireError("malformed: property length past the packet");
  size_t end = r.pos() + len;
  Props out;
  while (r.pos() < end) out.add(parse_one(r));
  if (r.pos() != end) throw WireError("malformed: a property runs past the property length");
  return out;
}

}  // namespace mm::test::wire
