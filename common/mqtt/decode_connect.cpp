#include <string_view>

#include "common/mqtt/decode.h"
#include "common/mqtt/fixed_header.h"
#include "common/mqtt/topic_rules.h"

namespace mm::mqtt {
namespace {

struct ConnectFlags {
  bool username, password, will_retain, will, clean;
  uint8_t will_qos;
};

Status read_protocol(Reader& r, ProtocolVersion& v) {
  std::span<const uint8_t> name;
  uint8_t level = 0;
  MM_TRY(r.binary(name));
  std::string_view n(reinterpret_cast<const char*>(name.data()), name.size());
  if (n != "MQTT" && n != "MQIsdp") return protocol_error("MQTT-3.1.2-1", "unknown protocol name");
  MM_TRY(r.u8(level));
  bool ok = n == "MQTT" ? (level == 4 || level == 5) : level == 3;
  if (!ok)
    return DecodeError{ReasonCode::unsupported_protocol_version, "MQTT-3.1.2-2",
                       "unsupported protocol level"};
  v = ProtocolVersion(level);
  return {};
}

Status check_flags(const ConnectFlags& f, ProtocolVersion v) {
  if (!f.will && f.will_qos != 0) return malformed("MQTT-3.1.2-11", "Will QoS without Will Flag");
  if (f.will && f.will_qos == 3) return malformed("MQTT-3.1.2-12", "Will QoS 3");
  if (!f.will && f.will_retain) return malformed("MQTT-3.1.2-13", "Will Retain without Will Flag");
  if (!is_v5(v) && f.password && !f.username)
    return protocol_error("MQTT-3.1.2-22", "password without user name before 5.0");
  return {};
}

Status read_flags(Reader& r, ProtocolVersion v, ConnectFlags& f) {
  uint8_t b = 0;
  MM_TRY(r.u8(b));
  if (b & 0x01) return malformed("MQTT-3.1.2-3", "reserved CONNECT flag set");
  f = {bool(b & 0x80), bool(b & 0x40), bool(b & 0x20),
       bool(b & 0x04), bool(b & 0x02), uint8_t((b >> 3) & 0x03)};
  return check_flags(f, v);
}

Status check_client_id(const Connect& c) {
  const char* rule = nullptr;
  if (c.version == ProtocolVersion::v3_1 && (c.client_id.empty() || c.client_id.size() > 23))
    rule = "MQTT31-3.1";  // 3.1: one to 23 characters
  if (c.version == ProtocolVersion::v3_1_1 && c.client_id.empty() && !c.clean_start)
    rule = "MQTT-3.1.3-8";
  if (!rule) return {};
  return DecodeError{ReasonCode::client_identifier_not_valid, rule, "client identifier"};
}

Status read_will(Reader& r, const ConnectFlags& f, ProtocolVersion v, Will& will) {
  will.qos = QoS(f.will_qos);
  will.retain = f.will_retain;
  if (is_v5(v)) MM_TRY(read_properties(r, PropertyContext::will, will.properties));
  std::string_view topic;
  std::span<const uint8_t> payload;
  MM_TRY(r.raw_string(topic));
  if (auto e = check_topic_name(topic)) {
    if (e->code == ReasonCode::topic_name_invalid) e->rule = "MQTT-3.1.3-11";
    return e;
  }
  MM_TRY(r.binary(payload));
  will.topic = topic;
  will.payload.assign(payload.begin(), payload.end());
  return {};
}

Status read_payload(Reader& r, const ConnectFlags& f, Connect& c) {
  std::string_view s;
  MM_TRY(r.utf8(s));
  c.client_id = s;
  MM_TRY(check_client_id(c));
  if (f.will) MM_TRY(read_will(r, f, c.version, c.will.emplace()));
  if (f.username) {
    MM_TRY(r.utf8(s));
    c.username = std::string(s);
  }
  if (f.password) {
    std::span<const uint8_t> pw;
    MM_TRY(r.binary(pw));
    c.password = Bytes(pw.begin(), pw.end());
  }
  return r.expect_end("MQTT5-3.1.3");
}

}  // namespace

DecodeResult<Connect> decode_connect(PacketBytes packet) {
  auto opened = open_packet(packet, PacketType::connect, ProtocolVersion::v5);
  if (!opened) return opened.error();
  Reader& r = opened.value().body;
  Connect c;
  ConnectFlags flags{};
  MM_TRY(read_protocol(r, c.version));
  MM_TRY(read_flags(r, c.version, flags));
  c.clean_start = flags.clean;
  MM_TRY(r.u16(c.keep_alive));
  if (is_v5(c.version)) MM_TRY(read_properties(r, PropertyContext::connect, c.properties));
  MM_TRY(read_payload(r, flags, c));
  return c;
}

}  // namespace mm::mqtt
