#include "tests/unit/broker_bus/samples.h"

namespace mm::broker::test {
namespace {

MessagePtr small_message(std::string topic, uint8_t qos) {
  auto m = new_message();
  m->topic = std::move(topic);
  m->payload = {'o', 'n'};
  m->qos = qos;
  return m;
}

// A sample of what encode(out) appends.
template <class Encode>
Sample sample(std::string name, BusKind kind, Encode encode) {
  Sample made{std::move(name), kind, {}};
  encode(made.bytes);
  return made;
}

using Out = std::vector<uint8_t>;

}  // namespace

MessagePtr full_message(uint64_t now) {
  auto m = new_message();
  m->topic = "sensors/7/temp";
  m->payload = {'2', '1', 0, 0xFF};
  m->qos = 2;
  m->retain = true;
  m->origin = "device-7";
  m->payload_format_indicator = 1;
  m->expires_at = now + 5000;
  m->content_type = "text/plain";
  m->response_topic = "replies/7";
  m->correlation_data = std::vector<uint8_t>{9, 8, 7};
  m->user_properties = {0x26, 0, 1, 'k', 0, 1, 'v'};
  return m;
}

MessagePtr empty_optionals_message() {
  auto m = new_message();
  m->payload_format_indicator = 0;
  m->content_type = "";
  m->response_topic = "";
  m->correlation_data = std::vector<uint8_t>{};
  return m;
}

std::unique_ptr<Session> full_session(uint64_t now) {
  auto s = std::make_unique<Session>();
  s->client_id = "device-7";
  s->version = mqtt::ProtocolVersion::v5;
  s->expiry_interval = kNeverExpires;
  s->clean_started = true;
  s->rare().expires_at = now + 7000;
  s->subscriptions.insert_or_assign("cmd/7/+", SubOptions{2, true, true, 2, 42});
  s->subscriptions.insert_or_assign("$share/g/all/#", SubOptions{1, false, false, 1, 0});
  const MessagePtr shared = full_message(now);
  s->inflight.push_back(Inflight{7, shared, 2, true, true, {42, 268'435'455}});
  s->inflight.push_back(Inflight{65535, small_message("a", 1), 1, false, false, {}});
  s->queue.push_back(Pending{shared, 0, true, {5}});
  s->queue.push_back(Pending{empty_optionals_message(), 2, false, {}});
  for (const Pending& p : s->queue) s->queued_bytes += p.msg->weight();
  s->next_packet_id = 9;
  s->rare().inbound_qos2 = {3, 300, 65535};
  s->rare().pending_will = full_message(now);
  s->rare().will_at = now + 2000;
  return s;
}

PublishTrace wide_trace() {
  PublishTrace t;
  t.seq = 0x0102030405060708;
  for (unsigned slot : {0u, 9u, 63u, 1023u}) t.sent_to.add(slot);
  return t;
}

std::vector<Sample> samples(uint64_t now) {
  const std::vector<SharedTarget> shared = {{"g", "sensors/+/temp"}, {"", ""}};
  const std::vector<std::string> ids = {"device-7", "", "device-8"};
  const MessagePtr full = full_message(now);
  const Message empty;
  const uint8_t both = kBusDeliver | kBusStoreRetained;
  return {
      sample("route_add", BusKind::route_add,
             [&](Out& o) { encode_route(true, "sensors/+/temp", o); }),
      sample("route_del_empty", BusKind::route_del, [&](Out& o) { encode_route(false, "", o); }),
      sample("publish_full", BusKind::publish,
             [&](Out& o) { encode_publish(*full, both, wide_trace(), shared, now, o); }),
      sample("publish_empty", BusKind::publish,
             [&](Out& o) { encode_publish(empty, 0, {}, {}, now, o); }),
      sample("publish_empty_optionals", BusKind::publish,
             [&](Out& o) {
               encode_publish(*empty_optionals_message(), kBusStoreRetained, {}, {}, now, o);
             }),
      sample("retained_request", BusKind::retained_request,
             [&](Out& o) { encode_retained_request(o); }),
      sample("session_full", BusKind::session,
             [&](Out& o) { encode_session(*full_session(now), now, o); }),
      sample("session_empty", BusKind::session, [&](Out& o) { encode_session(Session{}, now, o); }),
      sample("sync", BusKind::sync, [&](Out& o) { encode_sync(false, 0x0102030405060708, o); }),
      sample("sync_ack_zero", BusKind::sync_ack, [&](Out& o) { encode_sync(true, 0, o); }),
      sample("route_moved", BusKind::route_moved,
             [&](Out& o) { encode_route_moved(63, "cmd/+/set", o); }),
      sample("deliver_to_full", BusKind::deliver_to,
             [&](Out& o) {
               encode_deliver_to(ids, DeliverOrigin{63, 1'000'000'007, true}, *full, now, o);
             }),
      sample("deliver_to_empty", BusKind::deliver_to,
             [&](Out& o) { encode_deliver_to({}, DeliverOrigin{}, empty, now, o); }),
  };
}

}  // namespace mm::broker::test
