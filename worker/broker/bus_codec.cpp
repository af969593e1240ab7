#include "worker/broker/bus_codec.h"

#include <algorithm>
#include <bit>
#include <cstring>
#include <limits>

namespace mm::broker {
namespace {

// Bits of a msg's flag byte.
constexpr uint8_t kRetain = 1;
constexpr uint8_t kHasFormat = 2;
constexpr uint8_t kHasContentType = 4;
constexpr uint8_t kHasResponseTopic = 8;
constexpr uint8_t kHasCorrelation = 16;
constexpr uint8_t kMessageBits = 31;
// Bits of a subscription's and an inflight's flag byte.
constexpr uint8_t kNoLocal = 1;
constexpr uint8_t kRetainAsPublished = 2;
constexpr uint8_t kReleased = 2;
// Bits of a session's flag byte.
constexpr uint8_t kCleanStarted = 1;
// Bits of a deliver_to's flag byte.
constexpr uint8_t kDirect = 1;
// The fewest bytes each repeated item takes, so that a count is checked against the bytes
// left before anything is allocated for it.
constexpr size_t kMinString = 4;
constexpr size_t kMinMessage = 4 + 4 + 1 + 1 + 8 + 4 + 4;
constexpr size_t kMinSubscription = kMinString + 1 + 1 + 1 + 4;
constexpr size_t kMinInflight = 2 + 1 + 1 + 4 + kMinMessage;
constexpr size_t kMinPending = 1 + 1 + 4 + kMinMessage;
constexpr size_t kMinShared = 2 * kMinString;

// The encoders' cursors: Count only adds up sizes, Write stores bytes. Every put_* below is a
// template over the two, so one description of a layout gives both the size to grow `out` by
// and the bytes, with no per-byte "am I counting?" test on the hot path.
class Count {
 public:
  size_t size() const { return n_; }
  template <class T>
  void uint(T) {
    n_ += sizeof(T);
  }
  void byte(uint8_t) { ++n_; }
  void blob(const void*, size_t len) { n_ += 4 + len; }
  void blob(std::string_view s) { blob(s.data(), s.size()); }
  void blob(std::span<const uint8_t> b) { blob(b.data(), b.size()); }
  void ids(const std::vector<uint32_t>& v) { n_ += 4 + 4 * v.size(); }
  void slots(const SlotSet& s) { n_ += 1 + s.bytes().size(); }
  void time(uint64_t, uint64_t) { n_ += 8; }

 private:
  size_t n_ = 0;
};

class Write {
 public:
  explicit Write(uint8_t* p) : p_(p) {}

  template <class T>
  void uint(T v) {
    if constexpr (std::endian::native == std::endian::little) {
      std::memcpy(p_, &v, sizeof(T));
    } else {
      for (size_t i = 0; i < sizeof(T); ++i) p_[i] = static_cast<uint8_t>(v >> (8 * i));
    }
    p_ += sizeof(T);
  }
  void byte(uint8_t v) { *p_++ = v; }
  void blob(const void* data, size_t len) {
    uint(static_cast<uint32_t>(len));
    if (len) std::memcpy(p_, data, len);
    p_ += len;
  }
  void blob(std::string_view s) { blob(s.data(), s.size()); }
  void blob(std::span<const uint8_t> b) { blob(b.data(), b.size()); }
  void ids(const std::vector<uint32_t>& v) {
    uint(static_cast<uint32_t>(v.size()));
    for (uint32_t id : v) uint(id);
  }
  void slots(const SlotSet& s) {
    std::span<const uint8_t> b = s.bytes();
    byte(static_cast<uint8_t>(b.size()));
    if (!b.empty()) std::memcpy(p_, b.data(), b.size());
    p_ += b.size();
  }
  // Time left until the absolute loop time `at`; 1 when already due, so it stays set.
  void time(uint64_t at, uint64_t now) { uint<uint64_t>(at == 0 ? 0 : at > now ? at - now : 1); }

 private:
  uint8_t* p_;
};

// Appends what `body(cursor)` writes: counted first, then written in place, so `out` grows once.
template <class Body>
void emit(std::vector<uint8_t>& out, const Body& body) {
  Count counter;
  body(counter);
  const size_t at = out.size();
  out.resize(at + counter.size());
  Write w(out.data() + at);
  body(w);
}

template <class Out>
void put_message(Out& w, const MessageView& m, uint64_t now) {
  const uint8_t bits = (m.retain ? kRetain : 0) | (m.payload_format_indicator ? kHasFormat : 0) |
                       (m.content_type ? kHasContentType : 0) |
                       (m.response_topic ? kHasResponseTopic : 0) |
                       (m.correlation_data ? kHasCorrelation : 0);
  w.blob(m.topic);
  w.blob(m.payload);
  w.byte(m.qos);
  w.byte(bits);
  if (m.payload_format_indicator) w.byte(*m.payload_format_indicator);
  w.time(m.expires_at, now);
  w.blob(m.origin);
  if (m.content_type) w.blob(*m.content_type);
  if (m.response_topic) w.blob(*m.response_topic);
  if (m.correlation_data) w.blob(*m.correlation_data);
  w.blob(m.user_properties);
}

template <class Out>
void put_message(Out& w, const Message& m, uint64_t now) {
  put_message(w, view_of(m), now);
}

template <class Out>
void put_subscriptions(Out& w, const Session& s) {
  w.uint(static_cast<uint32_t>(s.subscriptions.size()));
  for (const auto& [filter, o] : s.subscriptions) {
    w.blob(filter);
    w.byte(o.max_qos);
    w.byte((o.no_local ? kNoLocal : 0) | (o.retain_as_published ? kRetainAsPublished : 0));
    w.byte(o.retain_handling);
    w.uint(o.subscription_id);
  }
}

template <class Out>
void put_windows(Out& w, const Session& s, uint64_t now) {
  w.uint(static_cast<uint32_t>(s.inflight.size()));
  for (const Inflight& f : s.inflight) {
    w.uint(f.packet_id);
    w.byte(f.qos);
    w.byte((f.retain ? kRetain : 0) | (f.released ? kReleased : 0));
    w.ids(f.subscription_ids);
    put_message(w, *f.msg, now);
  }
  w.uint(static_cast<uint32_t>(s.queue.size()));
  for (const Pending& p : s.queue) {
    w.byte(p.qos);
    w.byte(p.retain ? kRetain : 0);
    w.ids(p.subscription_ids);
    put_message(w, *p.msg, now);
  }
}

template <class Out>
void put_session(Out& w, const Session& s, uint64_t now) {
  const Session::Rare& r = s.rare_or_none();
  // Ascending (the set is sorted), so that equal sessions encode to equal bytes.
  std::span<const uint16_t> inbound = r.inbound_qos2.ascending();
  w.byte(static_cast<uint8_t>(BusKind::session));
  w.blob(s.client_id);
  w.byte(static_cast<uint8_t>(s.version));
  w.byte(s.clean_started ? kCleanStarted : 0);
  w.uint(s.expiry_interval);
  w.time(r.expires_at, now);
  put_subscriptions(w, s);
  put_windows(w, s, now);
  w.uint(s.next_packet_id);
  w.uint(static_cast<uint32_t>(inbound.size()));
  for (uint16_t id : inbound) w.uint(id);
  w.byte(r.pending_will ? 1 : 0);
  if (r.pending_will) put_message(w, *r.pending_will, now);
  w.time(r.will_at, now);
}

// The decoder's cursor: every read either fills its output and advances, or returns false.
class In {
 public:
  explicit In(std::span<const uint8_t> b) : p_(b.data()), end_(b.data() + b.size()) {}

  size_t left() const { return static_cast<size_t>(end_ - p_); }
  template <class T>
  bool uint(T& v) {
    if (left() < sizeof(T)) return false;
    if constexpr (std::endian::native == std::endian::little) {
      std::memcpy(&v, p_, sizeof(T));
    } else {
      v = 0;
      for (size_t i = 0; i < sizeof(T); ++i) v = static_cast<T>(v | (T(p_[i]) << (8 * i)));
    }
    p_ += sizeof(T);
    return true;
  }
  // A byte that must be at most `max`.
  bool small(uint8_t& v, uint8_t max) { return uint(v) && v <= max; }
  // A byte whose set bits must all be in `known`.
  bool bits(uint8_t& v, uint8_t known) { return uint(v) && (v & ~known) == 0; }
  // A count of items of at least `min_each` bytes, each of which must still be there.
  bool count(uint32_t& n, size_t min_each) { return uint(n) && n <= left() / min_each; }
  // A length (u32, or u8 for a short blob) and that many bytes.
  template <typename Length = uint32_t>
  bool blob(std::span<const uint8_t>& v) {
    Length n = 0;
    if (!uint(n) || n > left()) return false;
    v = {p_, n};
    p_ += n;
    return true;
  }
  bool short_blob(std::span<const uint8_t>& v) { return blob<uint8_t>(v); }
  bool slots(SlotSet& s) {
    std::span<const uint8_t> v;
    return short_blob(v) && s.assign(v);
  }
  bool blob(std::string& s) {
    std::span<const uint8_t> v;
    if (!blob(v)) return false;
    s.assign(reinterpret_cast<const char*>(v.data()), v.size());
    return true;
  }
  bool text(std::string_view& s) {
    std::span<const uint8_t> v;
    if (!blob(v)) return false;
    s = {reinterpret_cast<const char*>(v.data()), v.size()};
    return true;
  }
  bool optional_text(bool present, std::optional<std::string_view>& v) {
    if (!present) return true;
    return text(v.emplace());
  }
  // A count, then that many items of at least `min_each` bytes, each read by read(item).
  template <class Seq, class Read>
  bool sequence(Seq& items, size_t min_each, Read read) {
    uint32_t n = 0;
    if (!count(n, min_each)) return false;
    items.resize(n);
    for (auto& item : items) {
      if (!read(item)) return false;
    }
    return true;
  }
  bool ids(std::vector<uint32_t>& v) {
    return sequence(v, 4, [&](uint32_t& id) { return uint(id); });
  }
  // now + the time left; 0 stays 0, and a sum past the clock's range saturates.
  bool time(uint64_t& at, uint64_t now) {
    uint64_t rest = 0;
    if (!uint(rest)) return false;
    const uint64_t max = std::numeric_limits<uint64_t>::max();
    at = rest == 0 ? 0 : rest > max - now ? max : now + rest;
    return true;
  }
  bool end() const { return p_ == end_; }

 private:
  const uint8_t* p_;
  const uint8_t* end_;
};

// A msg as a view of the bytes it was read from.
bool get_message(In& in, uint64_t now, MessageView& m) {
  m = MessageView{};
  uint8_t bits = 0;
  if (!in.text(m.topic) || !in.blob(m.payload) || !in.small(m.qos, 2) ||
      !in.bits(bits, kMessageBits)) {
    return false;
  }
  m.retain = (bits & kRetain) != 0;
  if (bits & kHasFormat) {
    uint8_t format = 0;
    if (!in.uint(format)) return false;
    m.payload_format_indicator = format;
  }
  return in.time(m.expires_at, now) && in.text(m.origin) &&
         in.optional_text(bits & kHasContentType, m.content_type) &&
         in.optional_text(bits & kHasResponseTopic, m.response_topic) &&
         in.optional_text(bits & kHasCorrelation, m.correlation_data) && in.blob(m.user_properties);
}

bool get_message(In& in, uint64_t now, MessagePtr& out) {
  out.reset();  // first, so that a holder reused for each message gets its own one back
  MessageView v;
  if (!get_message(in, now, v)) return false;
  out = make_message(v);
  return true;
}

bool get_route(In& in, BusMessage& out) {
  return in.blob(out.filter);
}

template <class Msg>
bool get_publish(In& in, uint64_t now, uint8_t& flags, PublishTrace& trace, Msg& message,
                 std::vector<SharedTarget>& shared) {
  return in.bits(flags, kBusDeliver | kBusStoreRetained) && in.uint(trace.seq) &&
         in.slots(trace.sent_to) && get_message(in, now, message) &&
         in.sequence(shared, kMinShared,
                     [&](SharedTarget& t) { return in.blob(t.group) && in.blob(t.filter); });
}

bool get_publish(In& in, uint64_t now, BusMessage& out) {
  return get_publish(in, now, out.flags, out.trace, out.message, out.shared);
}

bool get_deliver_to(In& in, uint64_t now, BusMessage& out) {
  uint8_t bits = 0;
  if (!in.uint(out.origin.slot) || !in.uint(out.origin.seq) || !in.bits(bits, kDirect)) {
    return false;
  }
  out.origin.direct = (bits & kDirect) != 0;
  return in.sequence(out.client_ids, kMinString, [&](std::string& id) { return in.blob(id); }) &&
         get_message(in, now, out.message);
}

bool get_subscriptions(In& in, Session& s) {
  uint32_t n = 0;
  if (!in.count(n, kMinSubscription)) return false;
  for (uint32_t i = 0; i < n; ++i) {
    std::string filter;
    SubOptions o;
    uint8_t bits = 0;
    if (!in.blob(filter) || !in.small(o.max_qos, 2) ||
        !in.bits(bits, kNoLocal | kRetainAsPublished) || !in.small(o.retain_handling, 2) ||
        !in.uint(o.subscription_id)) {
      return false;
    }
    o.no_local = (bits & kNoLocal) != 0;
    o.retain_as_published = (bits & kRetainAsPublished) != 0;
    if (!s.subscriptions.insert(filter, o)) return false;
  }
  return true;
}

bool get_inflight(In& in, uint64_t now, Inflight& f) {
  uint8_t bits = 0;
  if (!in.uint(f.packet_id) || f.packet_id == 0 || !in.small(f.qos, 2) || f.qos == 0 ||
      !in.bits(bits, kRetain | kReleased) || !in.ids(f.subscription_ids) ||
      !get_message(in, now, f.msg)) {
    return false;
  }
  f.retain = (bits & kRetain) != 0;
  f.released = (bits & kReleased) != 0;
  return true;
}

bool get_pending(In& in, uint64_t now, Pending& p) {
  uint8_t bits = 0;
  if (!in.small(p.qos, 2) || !in.bits(bits, kRetain) || !in.ids(p.subscription_ids) ||
      !get_message(in, now, p.msg)) {
    return false;
  }
  p.retain = (bits & kRetain) != 0;
  return true;
}

// The in-flight window and the queue; queued_bytes is recomputed from the queue.
bool get_windows(In& in, uint64_t now, Session& s) {
  if (!in.sequence(s.inflight, kMinInflight,
                   [&](Inflight& f) { return get_inflight(in, now, f); }) ||
      !in.sequence(s.queue, kMinPending, [&](Pending& p) { return get_pending(in, now, p); })) {
    return false;
  }
  for (const Pending& p : s.queue) s.queued_bytes += p.msg->weight();
  return true;
}

bool get_inbound(In& in, Session& s) {
  uint32_t n = 0;
  if (!in.count(n, 2)) return false;
  if (n == 0) return true;
  PacketIdSet& ids = s.rare().inbound_qos2;
  ids.reserve(n);
  for (uint32_t i = 0; i < n; ++i) {
    uint16_t id = 0;
    if (!in.uint(id) || id == 0 || !ids.insert(id)) return false;
  }
  return true;
}

bool get_version(In& in, mqtt::ProtocolVersion& v) {
  uint8_t level = 0;
  if (!in.uint(level)) return false;
  v = static_cast<mqtt::ProtocolVersion>(level);
  return v == mqtt::ProtocolVersion::v3_1 || v == mqtt::ProtocolVersion::v3_1_1 ||
         v == mqtt::ProtocolVersion::v5;
}

// What precedes the subscriptions.
bool get_session_head(In& in, uint64_t now, Session& s) {
  uint8_t bits = 0;
  uint64_t expires_at = 0;
  if (!in.blob(s.client_id) || !get_version(in, s.version) || !in.bits(bits, kCleanStarted) ||
      !in.uint(s.expiry_interval) || !in.time(expires_at, now)) {
    return false;
  }
  if (expires_at != 0) s.rare().expires_at = expires_at;
  s.clean_started = (bits & kCleanStarted) != 0;
  return true;
}

bool get_session(In& in, uint64_t now, BusMessage& out) {
  auto s = std::make_unique<Session>();
  uint8_t has_will = 0;
  MessagePtr will;
  uint64_t will_at = 0;
  if (!get_session_head(in, now, *s) || !get_subscriptions(in, *s) || !get_windows(in, now, *s) ||
      !in.uint(s->next_packet_id) || !get_inbound(in, *s) || !in.small(has_will, 1) ||
      (has_will && !get_message(in, now, will)) || !in.time(will_at, now)) {
    return false;
  }
  if (will || will_at != 0) {
    s->rare().pending_will = std::move(will);
    s->rare().will_at = will_at;
  }
  out.session = std::move(s);
  return true;
}

bool get_body(In& in, uint64_t now, BusMessage& out) {
  switch (out.kind) {
    case BusKind::route_add:
    case BusKind::route_del:
      return get_route(in, out);
    case BusKind::publish:
      return get_publish(in, now, out);
    case BusKind::retained_request:
      return true;
    case BusKind::session:
      return get_session(in, now, out);
    case BusKind::sync:
    case BusKind::sync_ack:
      return in.uint(out.token);
    case BusKind::route_moved:
      return in.uint(out.slot) && get_route(in, out);
    case BusKind::deliver_to:
      return get_deliver_to(in, now, out);
  }
  return false;  // an unknown kind
}

}  // namespace

void encode_route(bool add, std::string_view filter, std::vector<uint8_t>& out) {
  emit(out, [&](auto& w) {
    w.byte(static_cast<uint8_t>(add ? BusKind::route_add : BusKind::route_del));
    w.blob(filter);
  });
}

void encode_publish(const Message& m, uint8_t flags, const PublishTrace& trace,
                    std::span<const SharedTarget> shared, uint64_t now, std::vector<uint8_t>& out) {
  encode_publish(view_of(m), flags, trace, shared, now, out);
}

void encode_publish(const MessageView& m, uint8_t flags, const PublishTrace& trace,
                    std::span<const SharedTarget> shared, uint64_t now, std::vector<uint8_t>& out) {
  emit(out, [&](auto& w) {
    w.byte(static_cast<uint8_t>(BusKind::publish));
    w.byte(flags);
    w.uint(trace.seq);
    w.slots(trace.sent_to);
    put_message(w, m, now);
    w.uint(static_cast<uint32_t>(shared.size()));
    for (const SharedTarget& t : shared) {
      w.blob(t.group);
      w.blob(t.filter);
    }
  });
}

void encode_retained_request(std::vector<uint8_t>& out) {
  out.push_back(static_cast<uint8_t>(BusKind::retained_request));
}

void encode_session(const Session& s, uint64_t now, std::vector<uint8_t>& out) {
  emit(out, [&](auto& w) { put_session(w, s, now); });
}

void encode_sync(bool ack, uint64_t token, std::vector<uint8_t>& out) {
  emit(out, [&](auto& w) {
    w.byte(static_cast<uint8_t>(ack ? BusKind::sync_ack : BusKind::sync));
    w.uint(token);
  });
}

void encode_route_moved(unsigned slot, std::string_view filter, std::vector<uint8_t>& out) {
  emit(out, [&](auto& w) {
    w.byte(static_cast<uint8_t>(BusKind::route_moved));
    w.uint(static_cast<uint32_t>(slot));
    w.blob(filter);
  });
}

void encode_deliver_to(std::span<const std::string> client_ids, const DeliverOrigin& origin,
                       const MessageView& m, uint64_t now, std::vector<uint8_t>& out) {
  emit(out, [&](auto& w) {
    w.byte(static_cast<uint8_t>(BusKind::deliver_to));
    w.uint(origin.slot);
    w.uint(origin.seq);
    w.byte(origin.direct ? kDirect : 0);
    w.uint(static_cast<uint32_t>(client_ids.size()));
    for (const std::string& id : client_ids) w.blob(id);
    put_message(w, m, now);
  });
}

bool decode_bus(std::span<const uint8_t> in, uint64_t now, BusMessage* out) {
  *out = BusMessage{};
  In r(in);
  uint8_t kind = 0;
  if (!r.uint(kind)) return false;
  out->kind = static_cast<BusKind>(kind);
  return get_body(r, now, *out) && r.end();
}

bool decode_publish(std::span<const uint8_t> in, uint64_t now, BusPublish* out) {
  In r(in);
  uint8_t kind = 0;
  if (!r.uint(kind) || kind != static_cast<uint8_t>(BusKind::publish)) return false;
  return get_publish(r, now, out->flags, out->trace, out->message, out->shared) && r.end();
}

}  // namespace mm::broker
