// Times travel as time left, so the sender's and the receiver's loop clocks need not agree.
#include <doctest/doctest.h>

#include <limits>

#include "tests/unit/broker_bus/samples.h"
#include "worker/broker/bus_codec.h"

namespace mm::broker::test {
namespace {

constexpr uint64_t kSent = 1000;
constexpr uint64_t kReceived = 50'000;

MessagePtr message_expiring_at(uint64_t at) {
  auto m = new_message();
  m->expires_at = at;
  return m;
}

uint64_t expiry_received(uint64_t at, uint64_t sent = kSent, uint64_t received = kReceived) {
  std::vector<uint8_t> out;
  encode_publish(*message_expiring_at(at), 0, {}, {}, sent, out);
  BusMessage m;
  REQUIRE(decode_bus(out, received, &m));
  return m.message->expires_at;
}

}  // namespace

TEST_CASE("a message's expiry keeps its time left across clocks") {
  CHECK(expiry_received(kSent + 5000) == kReceived + 5000);
  CHECK(expiry_received(kSent + 1) == kReceived + 1);
  CHECK(expiry_received(0) == 0);  // never
}

TEST_CASE("something already due stays set and due at once") {
  CHECK(expiry_received(kSent) == kReceived + 1);
  CHECK(expiry_received(1) == kReceived + 1);
}

TEST_CASE("a receiver whose clock is behind the sender's") {
  CHECK(expiry_received(50'000 + 300, 50'000, 10) == 310);
}

TEST_CASE("a time past the receiver's clock range saturates instead of wrapping") {
  const uint64_t max = std::numeric_limits<uint64_t>::max();
  CHECK(expiry_received(max, 0, kReceived) == max);
}

TEST_CASE("a session's times, and those of the messages it holds, are relative") {
  auto sent = full_session(kSent);
  sent->inflight[1].msg = message_expiring_at(kSent - 1);
  std::vector<uint8_t> out;
  encode_session(*sent, kSent, out);
  BusMessage m;
  REQUIRE(decode_bus(out, kReceived, &m));
  const Session& s = *m.session;
  CHECK(s.rare_or_none().expires_at == kReceived + 7000);
  CHECK(s.rare_or_none().will_at == kReceived + 2000);
  CHECK(s.rare_or_none().pending_will->expires_at == kReceived + 5000);
  CHECK(s.inflight[0].msg->expires_at == kReceived + 5000);
  CHECK(s.inflight[1].msg->expires_at == kReceived + 1);
  CHECK(s.queue[0].msg->expires_at == kReceived + 5000);
  CHECK(s.queue[1].msg->expires_at == 0);
}

TEST_CASE("a session with no expiry and no will keeps zeros") {
  Session sent;
  std::vector<uint8_t> out;
  encode_session(sent, kSent, out);
  BusMessage m;
  REQUIRE(decode_bus(out, kReceived, &m));
  CHECK(m.session->rare_or_none().expires_at == 0);
  CHECK(m.session->rare_or_none().will_at == 0);
}

}  // namespace mm::broker::test
