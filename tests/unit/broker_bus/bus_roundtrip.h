#pragma once
// What the bus codec's tests and its fuzz harness (tests/fuzz/fuzz_bus.cpp) share: encoding a
// decoded BusMessage again, and comparing two of them field by field. The comparison is
// written out here, not done on encodings, so that a field the codec forgets shows.

#include <cstdint>
#include <string>
#include <vector>

#include "worker/broker/bus_codec.h"

namespace mm::broker::test {

// The encoder of out.kind applied to what decode gave.
inline std::vector<uint8_t> encode_again(const BusMessage& m, uint64_t now) {
  std::vector<uint8_t> out;
  switch (m.kind) {
    case BusKind::route_add:
    case BusKind::route_del:
      encode_route(m.kind == BusKind::route_add, m.filter, out);
      break;
    case BusKind::publish:
      encode_publish(*m.message, m.flags, m.trace, m.shared, now, out);
      break;
    case BusKind::retained_request:
      encode_retained_request(out);
      break;
    case BusKind::session:
      encode_session(*m.session, now, out);
      break;
    case BusKind::sync:
    case BusKind::sync_ack:
      encode_sync(m.kind == BusKind::sync_ack, m.token, out);
      break;
    case BusKind::route_moved:
      encode_route_moved(m.slot, m.filter, out);
      break;
    case BusKind::deliver_to:
      encode_deliver_to(m.client_ids, m.origin, *m.message, now, out);
      break;
  }
  return out;
}

// The name of the first field that differs; empty when none does.
inline std::string difference(const Message* a, const Message* b) {
  if (a == nullptr || b == nullptr) return a == b ? "" : "message presence";
  if (a->topic != b->topic) return "topic";
  if (a->payload != b->payload) return "payload";
  if (a->qos != b->qos || a->retain != b->retain) return "qos, retain";
  if (a->origin != b->origin) return "origin";
  if (a->payload_format_indicator != b->payload_format_indicator) return "format indicator";
  if (a->expires_at != b->expires_at) return "expires_at";
  if (a->content_type != b->content_type) return "content_type";
  if (a->response_topic != b->response_topic) return "response_topic";
  if (a->correlation_data != b->correlation_data) return "correlation_data";
  if (a->user_properties != b->user_properties) return "user_properties";
  return "";
}

inline bool same_options(const SubOptions& a, const SubOptions& b) {
  return a.max_qos == b.max_qos && a.no_local == b.no_local &&
         a.retain_as_published == b.retain_as_published && a.retain_handling == b.retain_handling &&
         a.subscription_id == b.subscription_id;
}

inline std::string difference(const Inflight& a, const Inflight& b) {
  if (a.packet_id != b.packet_id || a.qos != b.qos) return "inflight packet_id, qos";
  if (a.retain != b.retain || a.released != b.released) return "inflight retain, released";
  if (a.subscription_ids != b.subscription_ids) return "inflight subscription_ids";
  return difference(a.msg.get(), b.msg.get());
}

inline std::string difference(const Pending& a, const Pending& b) {
  if (a.qos != b.qos || a.retain != b.retain) return "queue qos, retain";
  if (a.subscription_ids != b.subscription_ids) return "queue subscription_ids";
  return difference(a.msg.get(), b.msg.get());
}

// The first item of two sequences that differs, or their lengths.
template <typename Seq>
std::string sequence_difference(const Seq& a, const Seq& b) {
  if (a.size() != b.size()) return "count";
  for (size_t i = 0; i < a.size(); ++i) {
    std::string d = difference(a[i], b[i]);
    if (!d.empty()) return d;
  }
  return "";
}

inline std::string subscriptions_difference(const Session& a, const Session& b) {
  if (a.subscriptions.size() != b.subscriptions.size()) return "subscription count";
  for (const auto& [filter, options] : a.subscriptions) {
    const SubOptions* other = b.subscriptions.find(filter);
    if (other == nullptr || !same_options(options, *other)) return "subscription";
  }
  return "";
}

inline std::string difference(const Session& a, const Session& b) {
  if (a.client_id != b.client_id || a.version != b.version) return "client_id, version";
  if (a.client != b.client) return "client";
  if (a.clean_started != b.clean_started) return "clean_started";
  if (a.expiry_interval != b.expiry_interval ||
      a.rare_or_none().expires_at != b.rare_or_none().expires_at)
    return "expiry";
  if (std::string d = subscriptions_difference(a, b); !d.empty()) return d;
  if (std::string d = sequence_difference(a.inflight, b.inflight); !d.empty()) return d;
  if (std::string d = sequence_difference(a.queue, b.queue); !d.empty()) return d;
  if (a.queued_bytes != b.queued_bytes) return "queued_bytes";
  if (a.next_packet_id != b.next_packet_id) return "next_packet_id";
  if (a.rare_or_none().inbound_qos2 != b.rare_or_none().inbound_qos2) return "inbound_qos2";
  if (a.rare_or_none().will_at != b.rare_or_none().will_at) return "will_at";
  if (std::string d =
          difference(a.rare_or_none().pending_will.get(), b.rare_or_none().pending_will.get());
      !d.empty()) {
    return "pending_will " + d;
  }
  return "";
}

inline std::string difference(const BusMessage& a, const BusMessage& b) {
  if (a.kind != b.kind) return "kind";
  if (a.filter != b.filter) return "filter";
  if (a.flags != b.flags) return "flags";
  if (a.token != b.token) return "token";
  if (a.slot != b.slot) return "slot";
  if (a.client_ids != b.client_ids) return "client_ids";
  if (a.trace.seq != b.trace.seq) return "trace seq";
  if (!(a.trace.sent_to == b.trace.sent_to)) return "trace sent_to";
  if (!(a.origin == b.origin)) return "origin";
  if (a.shared.size() != b.shared.size()) return "shared count";
  for (size_t i = 0; i < a.shared.size(); ++i) {
    if (a.shared[i].group != b.shared[i].group) return "shared group";
    if (a.shared[i].filter != b.shared[i].filter) return "shared filter";
  }
  if (std::string d = difference(a.message.get(), b.message.get()); !d.empty()) return d;
  if (a.session == nullptr || b.session == nullptr) {
    return a.session == b.session ? "" : "session presence";
  }
  return difference(*a.session, *b.session);
}

}  // namespace mm::broker::test
