#pragma once
// Decoders: one whole packet (fixed header included, as the framer hands it over) -> struct.
// They validate everything the packet alone can tell (flags, lengths, strings, topics,
// properties) and return a DecodeError naming the reason code and the spec statement.
// What needs session state (a second CONNECT, Topic Alias Maximum, Receive Maximum, a
// Subscription Identifier from a client) is the broker's.

#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>

#include "common/mqtt/decode_error.h"
#include "common/mqtt/packets.h"
#include "common/mqtt/protocol.h"

namespace mm::mqtt {

using PacketBytes = std::span<const uint8_t>;

// CONNECT negotiates the level, so it works the level out itself: "MQIsdp"/3, "MQTT"/4,
// "MQTT"/5. A known name with another level is ReasonCode::unsupported_protocol_version
// (answer CONNACK 0x01 before 5.0, 0x84 in 5.0); an unknown name is a Protocol Error.
DecodeResult<Connect> decode_connect(PacketBytes packet);
DecodeResult<Connack> decode_connack(PacketBytes packet, ProtocolVersion v);
// Allocates nothing: topic, payload and properties are views into `packet`.
DecodeResult<Publish> decode_publish(PacketBytes packet, ProtocolVersion v) noexcept;
DecodeResult<Puback> decode_puback(PacketBytes packet, ProtocolVersion v);
DecodeResult<Pubrec> decode_pubrec(PacketBytes packet, ProtocolVersion v);
DecodeResult<Pubrel> decode_pubrel(PacketBytes packet, ProtocolVersion v);
DecodeResult<Pubcomp> decode_pubcomp(PacketBytes packet, ProtocolVersion v);
DecodeResult<Subscribe> decode_subscribe(PacketBytes packet, ProtocolVersion v);
DecodeResult<Suback> decode_suback(PacketBytes packet, ProtocolVersion v);
DecodeResult<Unsubscribe> decode_unsubscribe(PacketBytes packet, ProtocolVersion v);
DecodeResult<Unsuback> decode_unsuback(PacketBytes packet, ProtocolVersion v);
DecodeResult<Pingreq> decode_pingreq(PacketBytes packet, ProtocolVersion v);
DecodeResult<Pingresp> decode_pingresp(PacketBytes packet, ProtocolVersion v);
DecodeResult<Disconnect> decode_disconnect(PacketBytes packet, ProtocolVersion v);
DecodeResult<Auth> decode_auth(PacketBytes packet, ProtocolVersion v);

// Dispatches on the packet type. A packet longer than `max_packet_size` is 0x95 Packet too
// large. A CONNECT is decoded at the level it names itself.
DecodeResult<Packet> decode(PacketBytes packet, ProtocolVersion v,
                            size_t max_packet_size = std::numeric_limits<size_t>::max());

}  // namespace mm::mqtt
