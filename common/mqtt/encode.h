#pragma once
// Encoders: struct -> bytes appended to a caller's buffer. Each returns the number of bytes it
// appended; encoded_size() gives the same number without writing, so a PUBLISH can be sized,
// encoded once, and the buffer shared among subscribers. Inputs are trusted: strings and
// binary fields must fit their two-byte lengths and properties must suit the packet (the
// decoders are the validators).

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "common/mqtt/packets.h"
#include "common/mqtt/protocol.h"

namespace mm::mqtt {

using Buffer = std::vector<uint8_t>;

size_t encode(const Connect& p, Buffer& out);  // at p.version
size_t encoded_size(const Connect& p);
size_t encode(const Connack& p, ProtocolVersion v, Buffer& out);
size_t encoded_size(const Connack& p, ProtocolVersion v);
size_t encode(const Publish& p, ProtocolVersion v, Buffer& out);
size_t encoded_size(const Publish& p, ProtocolVersion v);
size_t encode(const Puback& p, ProtocolVersion v, Buffer& out);
size_t encoded_size(const Puback& p, ProtocolVersion v);
size_t encode(const Pubrec& p, ProtocolVersion v, Buffer& out);
size_t encoded_size(const Pubrec& p, ProtocolVersion v);
size_t encode(const Pubrel& p, ProtocolVersion v, Buffer& out);
size_t encoded_size(const Pubrel& p, ProtocolVersion v);
size_t encode(const Pubcomp& p, ProtocolVersion v, Buffer& out);
size_t encoded_size(const Pubcomp& p, ProtocolVersion v);
size_t encode(const Subscribe& p, ProtocolVersion v, Buffer& out);
size_t encoded_size(const Subscribe& p, ProtocolVersion v);
size_t encode(const Suback& p, ProtocolVersion v, Buffer& out);
size_t encoded_size(const Suback& p, ProtocolVersion v);
size_t encode(const Unsubscribe& p, ProtocolVersion v, Buffer& out);
size_t encoded_size(const Unsubscribe& p, ProtocolVersion v);
size_t encode(const Unsuback& p, ProtocolVersion v, Buffer& out);
size_t encoded_size(const Unsuback& p, ProtocolVersion v);
size_t encode(const Pingreq& p, ProtocolVersion v, Buffer& out);
size_t encoded_size(const Pingreq& p, ProtocolVersion v);
size_t encode(const Pingresp& p, ProtocolVersion v, Buffer& out);
size_t encoded_size(const Pingresp& p, ProtocolVersion v);
size_t encode(const Disconnect& p, ProtocolVersion v, Buffer& out);
size_t encoded_size(const Disconnect& p, ProtocolVersion v);
size_t encode(const Auth& p, ProtocolVersion v, Buffer& out);  // 5.0 only
size_t encoded_size(const Auth& p, ProtocolVersion v);

// Any packet (a CONNECT at its own version).
size_t encode(const Packet& p, ProtocolVersion v, Buffer& out);

// Per-subscriber PUBLISH variants. A Publish is a handful of views, so a copy with another
// packet_id, qos, retain or properties.topic_alias (and an empty topic) is cheap to make;
// this overload also replaces the Subscription Identifiers (5.0) without touching the
// message's own property block.
size_t encode(const Publish& p, ProtocolVersion v, Buffer& out,
              std::span<const uint32_t> subscription_ids);
// Rewrites the Packet Identifier of an encoded QoS 1/2 PUBLISH in place, so one encoding can
// be copied per subscriber and patched. False if `packet` is not such a PUBLISH.
bool patch_packet_id(std::span<uint8_t> packet, uint16_t packet_id) noexcept;

}  // namespace mm::mqtt
