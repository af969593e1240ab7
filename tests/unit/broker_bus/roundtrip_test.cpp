// Every kind of bus message decodes to what was encoded: with every field set, and empty.
#include <doctest/doctest.h>

#include "tests/unit/broker_bus/bus_roundtrip.h"
#include "tests/unit/broker_bus/samples.h"
#include "worker/broker/bus_codec.h"

namespace mm::broker::test {
namespace {

constexpr uint64_t kNow = 1000;

BusMessage decoded(const std::vector<uint8_t>& bytes, uint64_t now = kNow) {
  BusMessage m;
  REQUIRE(decode_bus(bytes, now, &m));
  return m;
}

}  // namespace

TEST_CASE("route_add and route_del carry their filter") {
  std::vector<uint8_t> out;
  encode_route(true, "sensors/+/temp", out);
  BusMessage m = decoded(out);
  CHECK(m.kind == BusKind::route_add);
  CHECK(m.filter == "sensors/+/temp");

  out.clear();
  encode_route(false, "", out);
  m = decoded(out);
  CHECK(m.kind == BusKind::route_del);
  CHECK(m.filter.empty());
}

TEST_CASE("a publish keeps every field of its message, its flags and its shared targets") {
  const MessagePtr sent = full_message(kNow);
  const std::vector<SharedTarget> shared = {{"g1", "a/+"}, {"", ""}, {"g2", "#"}};
  std::vector<uint8_t> out;
  encode_publish(*sent, kBusDeliver | kBusStoreRetained, wide_trace(), shared, kNow, out);
  const BusMessage m = decoded(out);
  CHECK(m.kind == BusKind::publish);
  CHECK(m.flags == (kBusDeliver | kBusStoreRetained));
  CHECK(m.trace.seq == wide_trace().seq);
  CHECK(m.trace.sent_to == wide_trace().sent_to);
  REQUIRE(m.message != nullptr);
  CHECK(difference(sent.get(), m.message.get()) == "");
  CHECK(m.message->correlation_data == std::vector<uint8_t>{9, 8, 7});
  CHECK(m.message->expires_at == kNow + 5000);
  REQUIRE(m.shared.size() == 3);
  CHECK(m.shared[0].group == "g1");
  CHECK(m.shared[0].filter == "a/+");
  CHECK(m.shared[2].filter == "#");
  CHECK(m.session == nullptr);
}

TEST_CASE("a publish of an empty message stays empty, and empty optionals stay present") {
  for (const MessagePtr& sent : {MessagePtr(new_message()), empty_optionals_message()}) {
    std::vector<uint8_t> out;
    encode_publish(*sent, 0, {}, {}, kNow, out);
    const BusMessage m = decoded(out);
    REQUIRE(m.message != nullptr);
    CHECK(difference(sent.get(), m.message.get()) == "");
    CHECK(m.message->content_type.has_value() == sent->content_type.has_value());
    CHECK(m.message->correlation_data.has_value() == sent->correlation_data.has_value());
    CHECK(m.flags == 0);
    CHECK(m.trace.sent_to.empty());
    CHECK(m.shared.empty());
  }
}

TEST_CASE("retained_request has no body") {
  std::vector<uint8_t> out;
  encode_retained_request(out);
  CHECK(out.size() == 1);
  CHECK(decoded(out).kind == BusKind::retained_request);
}

TEST_CASE("sync and sync_ack carry their token") {
  std::vector<uint8_t> out;
  encode_sync(false, 0xFEDCBA9876543210, out);
  BusMessage m = decoded(out);
  CHECK(m.kind == BusKind::sync);
  CHECK(m.token == 0xFEDCBA9876543210);
  out.clear();
  encode_sync(true, 7, out);
  m = decoded(out);
  CHECK(m.kind == BusKind::sync_ack);
  CHECK(m.token == 7);
}

TEST_CASE("route_moved carries its slot and filter") {
  std::vector<uint8_t> out;
  encode_route_moved(4'000'000'000u, "cmd/+/set", out);
  const BusMessage m = decoded(out);
  CHECK(m.kind == BusKind::route_moved);
  CHECK(m.slot == 4'000'000'000u);
  CHECK(m.filter == "cmd/+/set");
}

TEST_CASE("deliver_to carries its client ids, in order, and every field of its message") {
  const MessagePtr sent = full_message(kNow);
  const std::vector<std::string> ids = {"device-7", "", "a-client-id-longer-than-sso"};
  std::vector<uint8_t> out;
  const DeliverOrigin origin{1023, 0xFEDCBA9876543210, true};
  encode_deliver_to(ids, origin, *sent, kNow, out);
  const BusMessage m = decoded(out);
  CHECK(m.kind == BusKind::deliver_to);
  CHECK(m.origin == origin);
  CHECK(m.client_ids == ids);
  REQUIRE(m.message != nullptr);
  CHECK(difference(sent.get(), m.message.get()) == "");

  out.clear();
  encode_deliver_to({}, DeliverOrigin{}, Message{}, kNow, out);
  CHECK(decoded(out).client_ids.empty());
  CHECK_FALSE(decoded(out).origin.direct);
}

TEST_CASE("a session keeps every field, and the receiver's scratch starts afresh") {
  auto sent = full_session(kNow);
  sent->client = reinterpret_cast<Client*>(sent.get());  // online at the sender
  sent->match_slot = 77;
  std::vector<uint8_t> out;
  encode_session(*sent, kNow, out);
  const BusMessage m = decoded(out);
  CHECK(m.kind == BusKind::session);
  REQUIRE(m.session != nullptr);
  const Session& s = *m.session;
  CHECK(s.client == nullptr);
  CHECK(s.match_slot == 0);
  sent->client = nullptr;
  CHECK(difference(*sent, s) == "");
  // Spot checks, beside the comparison.
  CHECK(s.expiry_interval == kNeverExpires);
  REQUIRE(s.subscriptions.find("cmd/7/+") != nullptr);
  CHECK(s.subscriptions.find("cmd/7/+")->subscription_id == 42);
  CHECK(s.subscriptions.find("cmd/7/+")->no_local);
  REQUIRE(s.inflight.size() == 2);
  CHECK(s.inflight[0].released);
  CHECK(s.inflight[0].subscription_ids == std::vector<uint32_t>{42, 268'435'455});
  CHECK(s.inflight[1].packet_id == 65535);
  CHECK(s.queue.size() == 2);
  CHECK(s.queued_bytes == sent->queued_bytes);
  CHECK(s.queued_bytes == s.queue[0].msg->weight() + s.queue[1].msg->weight());
  CHECK(s.rare_or_none().inbound_qos2.contains(300));
  REQUIRE(s.rare_or_none().pending_will != nullptr);
  CHECK(s.rare_or_none().pending_will->topic == "sensors/7/temp");
}

TEST_CASE("an empty session stays empty") {
  const Session sent;
  std::vector<uint8_t> out;
  encode_session(sent, kNow, out);
  const BusMessage m = decoded(out);
  REQUIRE(m.session != nullptr);
  CHECK(difference(sent, *m.session) == "");
  CHECK(m.session->rare_or_none().pending_will == nullptr);
  CHECK(m.session->queued_bytes == 0);
}

TEST_CASE("every sample decodes and encodes again to the same bytes") {
  for (const Sample& sample : samples(kNow)) {
    INFO(sample.name);
    const BusMessage m = decoded(sample.bytes);
    CHECK(m.kind == sample.kind);
    CHECK(encode_again(m, kNow) == sample.bytes);
  }
}

TEST_CASE("each encoder appends one message and leaves what was there") {
  std::vector<uint8_t> out = {0xAA, 0xBB};
  encode_route(true, "x", out);
  const size_t route_end = out.size();
  encode_publish(*full_message(kNow), kBusDeliver, {}, {}, kNow, out);
  CHECK(out[0] == 0xAA);
  CHECK(out[1] == 0xBB);
  const std::span<const uint8_t> all(out);
  BusMessage m;
  CHECK(decode_bus(all.subspan(2, route_end - 2), kNow, &m));
  CHECK(m.filter == "x");
  CHECK(decode_bus(all.subspan(route_end), kNow, &m));
  CHECK(m.kind == BusKind::publish);
}

}  // namespace mm::broker::test
