// Random packets, one function per type; fields a level lacks keep their defaults.
#include "common/mqtt/reason_sets.h"
#include "tests/unit/mqtt/generator.h"

namespace mm::mqtt::test {

Connect PacketGenerator::connect(ProtocolVersion v) {
  bool v5 = is_v5(v);
  Connect c{.version = v, .clean_start = coin(), .keep_alive = uint16_t(rng_())};
  if (v5) c.properties = properties(PropertyContext::connect);
  c.client_id = text(v == ProtocolVersion::v3_1 ? 5 : 23);  // at most 20 bytes of 4-byte chars
  if (v == ProtocolVersion::v3_1 && c.client_id.empty()) c.client_id.push_back('c');
  if (v == ProtocolVersion::v3_1_1 && c.client_id.empty()) c.clean_start = true;
  if (coin()) {
    Will& w = c.will.emplace();
    w.qos = QoS(below(3));
    w.retain = coin();
    if (v5) w.properties = properties(PropertyContext::will);
    w.topic = topic_name();
    w.payload = bytes(16);
  }
  if (coin() || (!v5 && coin())) c.username = text(8);
  if (coin() && (v5 || c.username)) c.password = bytes(8);
  return c;
}

Connack PacketGenerator::connack(ProtocolVersion v) {
  Connack c;
  if (is_v5(v)) {
    c.reason_code = reason(PacketType::connack);
    c.session_present = c.reason_code == ReasonCode::success && coin();
    c.properties = properties(PropertyContext::connack);
  } else {
    c.return_code = ConnackCode311(below(6));
    c.session_present = c.return_code == ConnackCode311::accepted && coin();
  }
  return c;
}

Publish PacketGenerator::publish(ProtocolVersion v) {
  arena_.clear();
  Publish p{.qos = QoS(below(3)), .retain = coin()};
  p.dup = p.qos != QoS::at_most_once && coin();
  if (p.qos != QoS::at_most_once) p.packet_id = uint16_t(1 + below(65535));
  if (is_v5(v)) p.properties = publish_properties();
  bool by_alias = is_v5(v) && p.properties.topic_alias && coin();
  p.topic = by_alias ? std::string_view() : keep(topic_name());
  std::string_view payload = keep(std::string(below(64), char(rng_())));
  p.payload = {reinterpret_cast<const uint8_t*>(payload.data()), payload.size()};
  return p;
}

template <class Ack>
Ack PacketGenerator::ack(ProtocolVersion v, PropertyContext where) {
  Ack a{.packet_id = uint16_t(1 + below(65535))};
  if (!is_v5(v)) return a;
  if (coin()) a.reason_code = reason(Ack::type);
  if (coin()) a.properties = properties(where);
  return a;
}

Subscribe PacketGenerator::subscribe(ProtocolVersion v) {
  Subscribe s{.packet_id = uint16_t(1 + below(65535))};
  if (is_v5(v)) s.properties = properties(PropertyContext::subscribe);
  for (uint32_t i = 0, n = 1 + below(4); i < n; ++i) {
    Subscription& sub = s.subscriptions.emplace_back();
    sub.filter = topic_filter();
    sub.max_qos = QoS(below(3));
    if (!is_v5(v)) continue;
    sub.no_local = !sub.filter.starts_with("$share/") && coin();
    sub.retain_as_published = coin();
    sub.retain_handling = RetainHandling(below(3));
  }
  return s;
}

Suback PacketGenerator::suback(ProtocolVersion v) {
  static constexpr ReasonCode k311[] = {ReasonCode::success, ReasonCode::granted_qos1,
                                        ReasonCode::granted_qos2, ReasonCode::unspecified_error};
  Suback s{.packet_id = uint16_t(1 + below(65535))};
  if (is_v5(v)) s.properties = properties(PropertyContext::suback);
  for (uint32_t i = 0, n = 1 + below(4); i < n; ++i)
    s.reason_codes.push_back(is_v5(v) ? reason(PacketType::suback) : k311[below(4)]);
  return s;
}

Unsubscribe PacketGenerator::unsubscribe(ProtocolVersion v) {
  Unsubscribe u{.packet_id = uint16_t(1 + below(65535))};
  if (is_v5(v)) u.properties = properties(PropertyContext::unsubscribe);
  for (uint32_t i = 0, n = 1 + below(4); i < n; ++i) u.filters.push_back(topic_filter());
  return u;
}

Unsuback PacketGenerator::unsuback(ProtocolVersion v) {
  Unsuback u{.packet_id = uint16_t(1 + below(65535))};
  if (!is_v5(v)) return u;
  u.properties = properties(PropertyContext::unsuback);
  for (uint32_t i = 0, n = 1 + below(4); i < n; ++i)
    u.reason_codes.push_back(reason(PacketType::unsuback));
  return u;
}

Disconnect PacketGenerator::disconnect(ProtocolVersion v) {
  Disconnect d;
  if (!is_v5(v)) return d;
  if (coin()) d.reason_code = reason(PacketType::disconnect);
  if (coin()) d.properties = properties(PropertyContext::disconnect);
  return d;
}

Auth PacketGenerator::auth() {
  Auth a;
  if (coin()) a.reason_code = reason(PacketType::auth);
  if (coin()) a.properties = properties(PropertyContext::auth);
  return a;
}

Packet PacketGenerator::make(PacketType type, ProtocolVersion v) {
  switch (type) {
    case PacketType::connect:
      return connect(v);
    case PacketType::connack:
      return connack(v);
    case PacketType::publish:
      return publish(v);
    case PacketType::puback:
      return ack<Puback>(v, PropertyContext::puback);
    case PacketType::pubrec:
      return ack<Pubrec>(v, PropertyContext::pubrec);
    case PacketType::pubrel:
      return ack<Pubrel>(v, PropertyContext::pubrel);
    case PacketType::pubcomp:
      return ack<Pubcomp>(v, PropertyContext::pubcomp);
    case PacketType::subscribe:
      return subscribe(v);
    case PacketType::suback:
      return suback(v);
    case PacketType::unsubscribe:
      return unsubscribe(v);
    case PacketType::unsuback:
      return unsuback(v);
    case PacketType::pingreq:
      return Pingreq{};
    case PacketType::pingresp:
      return Pingresp{};
    case PacketType::disconnect:
      return disconnect(v);
    case PacketType::auth:
      return auth();
  }
  return Pingreq{};
}

}  // namespace mm::mqtt::test
