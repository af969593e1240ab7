#include "tests/unit/broker_bus/samples.h"

namespace mm::broker::test {
namespace {

MessagePtr small_message(std::string topic, uint8_t qos) {
  auto m = std::make_shared<Message>();
  m->topic = std::move(topic);
  m->payload = {'o', 'n'};
  m->qos = qos;
  return m;
}

std::vector<uint8_t> publish(const MessagePtr& m, uint8_t flags,
                             const std::vector<SharedTarget>& shared, uint64_t now) {
  std::vector<uint8_t> out;
  encode_publish(*m, flags, shared, now, out);
  return out;
}

std::vector<uint8_t> route(bool add, std::string_view filter) {
  std::vector<uint8_t> out;
  encode_route(add, filter, out);
  return out;
}

std::vector<uint8_t> retained_request() {
  std::vector<uint8_t> out;
  encode_retained_request(out);
  return out;
}

std::vector<uint8_t> sync(bool ack, uint64_t token) {
  std::vector<uint8_t> out;
  encode_sync(ack, token, out);
  return out;
}

std::vector<uint8_t> session(const Session& s, uint64_t now) {
  std::vector<uint8_t> out;
  encode_session(s, now, out);
  return out;
}

}  // namespace

MessagePtr full_message(uint64_t now) {
  auto m = std::make_shared<Message>();
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
  auto m = std::make_shared<Message>();
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
  s->expires_at = now + 7000;
  s->subscriptions["cmd/7/+"] = SubOptions{2, true, true, 2, 42};
  s->subscriptions["$share/g/all/#"] = SubOptions{1, false, false, 1, 0};
  const MessagePtr shared = full_message(now);
  s->inflight.push_back(Inflight{7, shared, 2, true, true, {42, 268'435'455}});
  s->inflight.push_back(Inflight{65535, small_message("a", 1), 1, false, false, {}});
  s->queue.push_back(Pending{shared, 0, true, {5}});
  s->queue.push_back(Pending{empty_optionals_message(), 2, false, {}});
  for (const Pending& p : s->queue) s->queued_bytes += p.msg->weight();
  s->next_packet_id = 9;
  s->inbound_qos2 = {3, 300, 65535};
  s->pending_will = full_message(now);
  s->will_at = now + 2000;
  return s;
}

std::vector<Sample> samples(uint64_t now) {
  const std::vector<SharedTarget> shared = {{"g", "sensors/+/temp"}, {"", ""}};
  return {
      {"route_add", BusKind::route_add, route(true, "sensors/+/temp")},
      {"route_del_empty", BusKind::route_del, route(false, "")},
      {"publish_full", BusKind::publish,
       publish(full_message(now), kBusDeliver | kBusStoreRetained, shared, now)},
      {"publish_empty", BusKind::publish, publish(std::make_shared<Message>(), 0, {}, now)},
      {"publish_empty_optionals", BusKind::publish,
       publish(empty_optionals_message(), kBusStoreRetained, {}, now)},
      {"retained_request", BusKind::retained_request, retained_request()},
      {"session_full", BusKind::session, session(*full_session(now), now)},
      {"session_empty", BusKind::session, session(Session{}, now)},
      {"sync", BusKind::sync, sync(false, 0x0102030405060708)},
      {"sync_ack_zero", BusKind::sync_ack, sync(true, 0)},
  };
}

}  // namespace mm::broker::test
