#pragma once
// The messages that the brokers of different worker processes exchange on the inter-worker bus
// (route changes, forwarded publishes, the retained-message request, a session moving home,
// the sync / sync_ack barrier, a message for named sessions): a pure codec, no I/O. The transport
// frames each message; one encoded message is one frame.
//
// Format. Both ends are the same binary, so the format is internal and unversioned, but decode
// trusts nothing (it is fuzzed: tests/fuzz/fuzz_bus.cpp). Integers are fixed width, little
// endian. str = u32 length + bytes; ids = u32 count + u32 each.
//
//   message   = u8 kind, then by kind:
//     route_add, route_del:  str filter
//     publish:               u8 flags (kBus*), u64 seq, slots sent_to, msg,
//                            u32 count + (str group, str filter) each
//     retained_request:      nothing
//     session:               session
//     sync, sync_ack:        u64 token
//     route_moved:           u32 slot, str filter
//     deliver_to:            u32 slot, u64 seq, u8 bits (1 direct), u32 count + str client id
//                            each, msg
//   msg       = str topic, str payload, u8 qos, u8 bits, [u8 payload_format_indicator],
//               time expires_at, str origin, [str content_type], [str response_topic],
//               [str correlation_data], str user_properties
//               bits: 1 retain, 2 has payload_format_indicator, 4 has content_type,
//               8 has response_topic, 16 has correlation_data; [x] is there when its bit is
//   session   = str client_id, u8 version, u8 bits (1 clean_started), u32 expiry_interval,
//               time expires_at, u32 count + subscription each, u32 count + inflight each,
//               u32 count + pending each, u16 next_packet_id, u32 count + u16 packet id each
//               (inbound_qos2, ascending), u8 has will, [msg pending_will], time will_at
//   subscription = str filter, u8 max_qos, u8 bits (1 no_local, 2 retain_as_published),
//               u8 retain_handling, u32 subscription_id
//   inflight  = u16 packet_id, u8 qos, u8 bits (1 retain, 2 released), ids, msg
//   pending   = u8 qos, u8 bits (1 retain), ids, msg
//   slots     = u8 n, n bytes: a bitmap, slot i is bit i % 8 of byte i / 8; the last byte is
//               not 0 (the shortest form; n = 0 for none)
//   time      = u64 milliseconds left from `now` (0 = none; something already due is 1), so
//               the two processes' loop clocks need not agree. Decoded as now + left.
//
// Refused: a truncated field, a length or count past the bytes left (checked before anything
// is allocated), bytes after the end, an unknown kind or bit, a QoS or Retain Handling > 2, an
// in-flight QoS 0, a protocol version other than 3, 4, 5, packet identifier 0, a repeated
// filter or inbound packet id, a slot bitmap that ends in a zero byte. The encoders trust their
// input: every inflight and pending entry holds a message, and no string exceeds 4 GiB.

#include <array>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "worker/broker/message.h"
#include "worker/broker/session.h"
#include "worker/broker/slot_set.h"

namespace mm::broker {

enum class BusKind : uint8_t {
  route_add = 1,
  route_del = 2,
  publish = 3,
  retained_request = 4,
  session = 5,
  sync = 6,         // asks the receiver to answer sync_ack with the same token
  sync_ack = 7,     // every message the receiver had sent before it has arrived
  route_moved = 8,  // the sender's subscribers to the filter now live at slot
  deliver_to = 9,   // the message, for the named sessions only
};

// A shared subscription "$share/group/filter", split.
struct SharedTarget {
  std::string group;
  std::string filter;
};

// Which of its sender's publishes a forwarded publish is, and where it went: every worker
// numbers the publishes it routes, increasing (so on each ordered link they arrive in
// increasing order), and names the slots it sent this one to with kBusDeliver. A moved
// session's old home needs both to tell its new home what it sends after the session
// (arrivals.h).
struct PublishTrace {
  uint64_t seq = 0;
  SlotSet sent_to;
};

// deliver_to: the publish it carries, as the worker that routed it (slot) numbered it (seq);
// direct when that worker sent it to the named sessions' new home too, or is that home.
struct DeliverOrigin {
  uint32_t slot = 0;
  uint64_t seq = 0;
  bool direct = false;
  bool operator==(const DeliverOrigin&) const = default;
};

inline constexpr uint8_t kBusDeliver = 1;  // publish: match it against the receiver's subscriptions
inline constexpr uint8_t kBusStoreRetained =
    2;  // publish: store (or delete, empty payload) as retained

// Each encoder appends exactly one whole message to `out`. `now` is the sender's loop time in
// ms (times travel as time left).
void encode_route(bool add, std::string_view filter, std::vector<uint8_t>& out);
void encode_publish(const Message& m, uint8_t flags, const PublishTrace& trace,
                    std::span<const SharedTarget> shared, uint64_t now, std::vector<uint8_t>& out);
// The same bytes from borrowed fields (a PUBLISH that is only forwarded: message.h).
void encode_publish(const MessageView& m, uint8_t flags, const PublishTrace& trace,
                    std::span<const SharedTarget> shared, uint64_t now, std::vector<uint8_t>& out);
void encode_retained_request(std::vector<uint8_t>& out);
void encode_session(const Session& s, uint64_t now, std::vector<uint8_t>& out);
// sync (ack false) or sync_ack (ack true).
void encode_sync(bool ack, uint64_t token, std::vector<uint8_t>& out);
void encode_route_moved(unsigned slot, std::string_view filter, std::vector<uint8_t>& out);
void encode_deliver_to(std::span<const std::string> client_ids, const DeliverOrigin& origin,
                       const MessageView& m, uint64_t now, std::vector<uint8_t>& out);
inline void encode_deliver_to(std::span<const std::string> client_ids, const DeliverOrigin& origin,
                              const Message& m, uint64_t now, std::vector<uint8_t>& out) {
  encode_deliver_to(client_ids, origin, view_of(m), now, out);
}

struct BusMessage {
  BusKind kind = BusKind::route_add;
  std::string filter;                   // route_add, route_del, route_moved
  MessagePtr message;                   // publish, deliver_to
  uint8_t flags = 0;                    // publish
  PublishTrace trace;                   // publish
  std::vector<SharedTarget> shared;     // publish
  DeliverOrigin origin;                 // deliver_to
  std::unique_ptr<Session> session;     // session: client == nullptr, queued_bytes recomputed
  uint64_t token = 0;                   // sync, sync_ack
  uint32_t slot = 0;                    // route_moved
  std::vector<std::string> client_ids;  // deliver_to (and message)
};

// Decodes one whole message; `now` is the receiver's loop time in ms. False (and *out
// unspecified) for anything malformed.
bool decode_bus(std::span<const uint8_t> in, uint64_t now, BusMessage* out);

// The kind of an encoded message (its first byte, unchecked); 0 for no bytes.
inline uint8_t bus_kind(std::span<const uint8_t> in) {
  return in.empty() ? 0 : in[0];
}

// A forwarded publish: the receive path's hot case, decoded straight from the frame into a
// reusable holder (the shared targets' vector keeps its capacity) instead of a BusMessage. The
// message is a view of the frame's bytes, so it is only valid while they are: the receiver
// makes a Message of it (make_message) only when a delivery keeps it (Outgoing).
struct BusPublish {
  uint8_t flags = 0;
  PublishTrace trace;
  MessageView message;
  std::vector<SharedTarget> shared;
};

// Exactly decode_bus's checks for a publish: true when `in` is one whole, valid publish, and
// then the same fields decode_bus gives (the message as a view of `in`). False (and *out
// unspecified) for anything else. Allocates nothing once the holder's vector has grown.
bool decode_publish(std::span<const uint8_t> in, uint64_t now, BusPublish* out);

}  // namespace mm::broker
