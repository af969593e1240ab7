#include "tests/bench/mqtt_bench/client.h"

#include <algorithm>
#include <utility>

namespace mm::bench {
namespace {

constexpr uint64_t kStallNs = 1'000'000'000;
constexpr uint32_t kMaxPacketIds = 65535;

}  // namespace

Client::Client(ClientContext& ctx, ClientPlan plan)
    : Connection(ctx.loop, ctx.dirty), ctx_(ctx), plan_(std::move(plan)) {
  if (plan_.role == Role::subscriber) received_.resize(plan_.stream_count);
  if (plan_.role == Role::publisher && ctx_.options.qos > 0) id_used_.assign(65536, false);
}

void Client::start() {
  state_ = State::connecting;
  opened_ns_ = uv_hrtime();
  if (plan_.role != Role::connrate) ++ctx_.connecting;
  open(ctx_.addr);  // a failure closes, and on_closed() counts it
}

void Client::on_connected() {
  if (reconnects_ == 0) return append_connect(out(), plan_.client_id, ctx_.options.keep_alive);
  append_connect(out(), plan_.client_id + "-" + std::to_string(reconnects_),
                 ctx_.options.keep_alive);
}

bool Client::on_packet(const Frame& frame) {
  switch (frame.type()) {
    case kConnack:
      return on_connack(frame);
    case kSuback:
      return on_suback(frame);
    case kPublish:
      return on_publish(frame);
    case kPuback:
    case kPubrec:
    case kPubrel:
    case kPubcomp:
      return on_ack(frame);
    case kPingresp:
      return true;
    default:
      return false;
  }
}

bool Client::on_connack(const Frame& frame) {
  if (state_ == State::disconnecting) return true;  // the run ended while we were connecting
  if (state_ != State::connecting || frame.body_size < 2 || frame.body[1] != 0) return false;
  if (plan_.role == Role::connrate) {
    if (ctx_.phase() == Phase::load) {
      ClientContext::bump(ctx_.cycles);
      ctx_.latency.record(uv_hrtime() - opened_ns_);
    }
    disconnect();
    return true;
  }
  if (plan_.filter.empty()) {
    become_ready();
    return true;
  }
  state_ = State::subscribing;
  append_subscribe(out(), 1, plan_.filter, ctx_.options.qos);
  return true;
}

bool Client::on_suback(const Frame& frame) {
  if (state_ != State::subscribing || frame.body_size < 3 || frame.body[2] == 0x80) return false;
  become_ready();
  return true;
}

bool Client::on_publish(const Frame& frame) {
  PublishView p;
  if (!parse_publish(frame, p)) return false;
  if (p.qos == 1) append_ack(out(), kPuback, p.packet_id);
  if (p.qos == 2) append_ack(out(), kPubrec, p.packet_id);
  ClientContext::bump(ctx_.delivered);
  if (!p.stamped || plan_.role != Role::subscriber) return true;
  uint64_t now = uv_hrtime();
  if (now > p.send_ns) ctx_.latency.record(now - p.send_ns);
  auto stream = static_cast<uint32_t>(p.seq >> kStreamShift);
  if (stream < plan_.stream || stream - plan_.stream >= received_.size()) return true;
  Received& r = received_[stream - plan_.stream];
  uint64_t number = p.seq & kNumberMask;
  ++r.messages;
  if (number < r.next) {
    ++r.duplicates;
    return true;
  }
  uint64_t advance = number + 1 - r.next;
  r.next = number + 1;
  ctx_.streams[stream].advance(plan_.slot, r.next, advance);
  return true;
}

bool Client::on_ack(const Frame& frame) {
  uint16_t id = ack_packet_id(frame);
  switch (frame.type()) {
    case kPubrel:  // we received a QoS 2 message
      append_ack(out(), kPubcomp, id);
      return true;
    case kPubrec:  // we published a QoS 2 message
      append_ack(out(), kPubrel, id);
      return true;
    default:  // PUBACK, PUBCOMP: the flow is over
      release_packet_id(id);
      return true;
  }
}

void Client::on_ended(bool) {
  if (state_ == State::disconnecting || state_ == State::done) return;
  if (plan_.role != Role::connrate &&
      (state_ == State::connecting || state_ == State::subscribing)) {
    return setup_failed();
  }
  ClientContext::bump(ctx_.dropped);
}

void Client::on_closed() {
  if (plan_.role != Role::connrate &&
      (state_ == State::connecting || state_ == State::subscribing)) {
    setup_failed();
  }
  if (plan_.role == Role::connrate && ctx_.phase() == Phase::load) {
    ++reconnects_;
    return start();
  }
  state_ = State::done;
  ctx_.run.closed.fetch_add(1);
}

void Client::become_ready() {
  state_ = State::ready;
  --ctx_.connecting;
  ctx_.run.ready.fetch_add(1);
}

void Client::setup_failed() {
  state_ = State::done;
  --ctx_.connecting;
  ctx_.run.failed.fetch_add(1);
}

bool Client::pump(uint64_t now_ns, uint32_t budget) {
  if (state_ != State::ready || !is_connected()) return false;
  uint64_t want = budget;
  if (ctx_.options.rate > 0) {
    uint64_t start = ctx_.run.load_start_ns;
    double elapsed = now_ns > start ? static_cast<double>(now_ns - start) / 1e9 : 0;
    auto due = static_cast<uint64_t>(elapsed * ctx_.rate_per_publisher);
    uint64_t sent = ctx_.streams[plan_.stream].sent.load(std::memory_order_relaxed);
    want = due > sent ? std::min<uint64_t>(due - sent, budget) : 0;
  }
  uint64_t n = 0;
  while (n < want && can_send()) {
    send_one(now_ns);
    ++n;
  }
  return n == budget;
}

bool Client::can_send() {
  if (ctx_.options.qos > 0 && unacked_ >= std::min(ctx_.options.max_unacked, kMaxPacketIds)) {
    return false;
  }
  if (ctx_.options.rate > 0) return true;
  Stream& s = ctx_.streams[plan_.stream];
  if (window_open(s)) return true;
  slowest_ = s.slowest();
  if (window_open(s)) return true;
  // Ask to be woken, then look again: a receiver may have moved on in between.
  s.blocked.store(true);
  slowest_ = s.slowest();
  if (!window_open(s)) return false;
  s.blocked.store(false);
  return true;
}

bool Client::window_open(const Stream& s) {
  uint64_t sent = s.sent.load(std::memory_order_relaxed);
  return sent - std::max(slowest_, forgiven_) < ctx_.options.inflight;
}

void Client::check_stall(uint64_t now_ns) {
  if (plan_.role != Role::publisher || ctx_.options.rate > 0) return;
  Stream& s = ctx_.streams[plan_.stream];
  uint64_t slowest = s.slowest();
  if (!s.blocked.load() || stall_since_ns_ == 0 || slowest != stall_progress_) {
    stall_since_ns_ = now_ns;
    stall_progress_ = slowest;
    return;
  }
  if (now_ns - stall_since_ns_ < kStallNs) return;
  forgiven_ = s.sent.load(std::memory_order_relaxed);
  ++stalls_;
  stall_since_ns_ = 0;
  s.blocked.store(false);
}

void Client::send_one(uint64_t now_ns) {
  Stream& s = ctx_.streams[plan_.stream];
  uint64_t number = s.sent.load(std::memory_order_relaxed);
  uint16_t id = ctx_.options.qos > 0 ? take_packet_id() : 0;
  uint64_t seq = (uint64_t{plan_.stream} << kStreamShift) | number;
  append_publish(out(), s.topic, ctx_.options.qos, id, now_ns, seq, ctx_.options.payload);
  s.sent.store(number + 1, std::memory_order_release);
}

uint16_t Client::take_packet_id() {
  while (next_id_ == 0 || id_used_[next_id_]) ++next_id_;  // wraps to 0, which is skipped
  uint16_t id = next_id_++;
  id_used_[id] = true;
  ++unacked_;
  return id;
}

void Client::release_packet_id(uint16_t id) {
  if (id_used_.empty() || !id_used_[id]) return;
  id_used_[id] = false;
  --unacked_;
}

void Client::ping() {
  if (state_ == State::ready && is_connected()) append_pingreq(out());
}

void Client::disconnect() {
  if (state_ == State::done || state_ == State::disconnecting) return;
  if (!is_connected()) return close();
  state_ = State::disconnecting;
  append_disconnect(out());
}

}  // namespace mm::bench
