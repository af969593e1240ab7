#include "common/mqtt/decode.h"

#include "common/mqtt/fixed_header.h"

namespace mm::mqtt {
namespace {

template <class T>
DecodeResult<Packet> widen(DecodeResult<T>&& r) {
  if (!r) return r.error();
  return Packet(std::move(r).value());
}

}  // namespace

DecodeResult<Packet> decode(PacketBytes packet, ProtocolVersion v, size_t max_packet_size) {
  if (packet.size() > max_packet_size)
    return DecodeError{ReasonCode::packet_too_large, "MQTT-3.2.2-15", "packet too large"};
  switch (PacketType(packet_type_of(packet))) {
    case PacketType::connect:
      return widen(decode_connect(packet));
    case PacketType::connack:
      return widen(decode_connack(packet, v));
    case PacketType::publish:
      return widen(decode_publish(packet, v));
    case PacketType::puback:
      return widen(decode_puback(packet, v));
    case PacketType::pubrec:
      return widen(decode_pubrec(packet, v));
    case PacketType::pubrel:
      return widen(decode_pubrel(packet, v));
    case PacketType::pubcomp:
      return widen(decode_pubcomp(packet, v));
    case PacketType::subscribe:
      return widen(decode_subscribe(packet, v));
    case PacketType::suback:
      return widen(decode_suback(packet, v));
    case PacketType::unsubscribe:
      return widen(decode_unsubscribe(packet, v));
    case PacketType::unsuback:
      return widen(decode_unsuback(packet, v));
    case PacketType::pingreq:
      return widen(decode_pingreq(packet, v));
    case PacketType::pingresp:
      return widen(decode_pingresp(packet, v));
    case PacketType::disconnect:
      return widen(decode_disconnect(packet, v));
    case PacketType::auth:
      return widen(decode_auth(packet, v));
  }
  if (packet.empty()) return malformed("MQTT5-2.1.1", "empty packet");
  return malformed("MQTT5-2.1.2", "reserved packet type");
}

}  // namespace mm::mqtt
