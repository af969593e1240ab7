// Peers that hold on to resources instead of sending bad packets: one that sends nothing, one
// that floods bytes without ever finishing a packet, one that never reads. Each must be cut
// off within its bound (connect_timeout, package_max_length, keep alive, socket_buffer_size)
// while a bystander keeps being served and the worker's memory stays bounded.

#include <doctest/doctest.h>

#include <vector>

#include "tests/badinput/broker_under_test.h"
#include "tests/badinput/bystander.h"
#include "tests/badinput/rows.h"
#include "tests/wire/packets.h"

namespace mm::test::badinput {
namespace {

using wire::Bytes;

// Resident memory of the (only) worker, in KiB.
long worker_rss(BrokerUnderTest& broker) {
  auto workers = broker.server().workers();
  return workers.size() == 1 ? rss_kib(workers.begin()->second) : -1;
}

// Reads until the broker closes; returns the packets that came first. Fails the test if the
// connection is still open after `timeout`.
std::vector<wire::Incoming> until_closed(wire::Client& c, Ms timeout) {
  std::vector<wire::Incoming> got;
  Deadline d(timeout);
  for (;;) {
    wire::Next n = c.next(Ms(d.remaining_ms()));
    if (n.closed()) return got;
    if (n.timed_out()) {
      FAIL_CHECK("the broker did not close '" << c.name() << "' in time");
      return got;
    }
    got.push_back(n.packet);
  }
}

// Sends `total` bytes of `fill` in 64 KiB writes, stopping when the broker closes.
size_t flood(TcpClient& tcp, size_t total, uint8_t fill) {
  Bytes chunk(64 * 1024, fill);
  size_t sent = 0;
  while (sent < total && tcp.send(chunk, Ms(2000))) sent += chunk.size();
  return sent;
}

// A client past 1.5 times its Keep Alive of 1 s is closed [MQTT-3.1.2-22], "as if the network
// had failed"; 5.0 may say DISCONNECT 0x8D first (5.0 3.1.2.10).
void expect_keep_alive_close(wire::Client& c) {
  Clock::time_point start = Clock::now();
  auto got = until_closed(c, Ms(5000));
  CHECK(elapsed_ms(start) >= 1000);
  REQUIRE(got.size() <= 1);
  if (!got.empty()) CHECK(got[0].is(wire::Type::disconnect));
  if (!got.empty()) CHECK(got[0].reason == 0x8D);
}

}  // namespace

TEST_CASE("badinput/a client silent past 1.5 times its keep alive is closed") {
  BrokerUnderTest broker({});
  REQUIRE_MESSAGE(broker.started(), broker.error());
  Bystander bystander(broker.port(), wire::v5, "keepalive");
  for (uint8_t level : {wire::v5, wire::v311}) {
    CAPTURE(int(level));
    wire::Client c(broker.port(), level, "idle");
    c.connect_ok({.client_id = "idle-" + std::to_string(level), .keep_alive = 1});
    expect_keep_alive_close(c);
  }
  bystander.finish();
  CHECK(broker.all_alive());
}

TEST_CASE("badinput/a connection that sends nothing is closed after connect_timeout") {
  BrokerUnderTest broker({.connect_timeout = 0.5});
  REQUIRE_MESSAGE(broker.started(), broker.error());
  Bystander bystander(broker.port(), wire::v5, "silent");
  TcpClient silent;
  TcpClient partial;  // half a CONNECT, then nothing
  REQUIRE(silent.connect("127.0.0.1", broker.port()) == 0);
  REQUIRE(partial.connect("127.0.0.1", broker.port()) == 0);
  Bytes connect = good_connect(wire::v5, "partial");
  REQUIRE(partial.send(std::span<const uint8_t>(connect.data(), connect.size() / 2)));
  Clock::time_point start = Clock::now();
  for (TcpClient* c : {&silent, &partial}) {
    ReadResult r = c->read(1, Ms(5000));
    CHECK(r.end == ReadResult::End::closed);  // closed, and nothing sent before the close
    CHECK(r.bytes.empty());
  }
  long long ms = elapsed_ms(start);
  CHECK(ms >= 400);  // not before connect_timeout (0.5 s)...
  CHECK(ms < 3000);  // ...and not much after it
  bystander.finish();
  CHECK(broker.all_alive());
}

TEST_CASE("badinput/a peer that floods bytes without ever finishing a packet") {
  BrokerUnderTest broker({});
  REQUIRE_MESSAGE(broker.started(), broker.error());
  Bystander bystander(broker.port(), wire::v5, "flood");
  long rss_before = worker_rss(broker);
  // A PUBLISH header claiming 268435455 bytes, then 8 MiB of its "payload": refused at the
  // header (package_max_length 1024), so nothing of it is buffered; 5.0 says why.
  {
    wire::Client c(broker.port(), wire::v5, "huge claim");
    c.connect_ok({.client_id = "flood-a"});
    c.send({0x30, 0xFF, 0xFF, 0xFF, 0x7F});
    flood(c.tcp(), 8u << 20, 'p');
    auto got = until_closed(c, Ms(5000));
    REQUIRE(got.size() == 1);
    CHECK(got[0].is(wire::Type::disconnect));
    CHECK(got[0].reason == 0x95);
  }
  // The same before CONNECT: refused at the header (connect_max_length), closed unanswered.
  {
    wire::Client c(broker.port(), wire::v5, "huge CONNECT");
    c.send({0x10, 0xFF, 0xFF, 0xFF, 0x7F});
    flood(c.tcp(), 8u << 20, 'c');
    CHECK(until_closed(c, Ms(5000)).empty());
  }
  // An endless Remaining Length: continuation bytes only. Malformed at the fifth.
  {
    wire::Client c(broker.port(), wire::v5, "endless length");
    c.connect_ok({.client_id = "flood-c"});
    c.send({0x30});
    flood(c.tcp(), 8u << 20, 0x80);
    auto got = until_closed(c, Ms(5000));
    REQUIRE(got.size() == 1);
    CHECK(got[0].reason == 0x81);
  }
  // A packet within the limit that never ends: keep alive (1 s) cuts it off after 1.5 s.
  {
    wire::Client c(broker.port(), wire::v5, "never ends");
    c.connect_ok({.client_id = "flood-d", .keep_alive = 1});
    c.send({0x30, 0xE8, 0x07, 0x00, 0x03, 'b', 'a', 'd'});  // claims 1000 bytes, sends 5
    expect_keep_alive_close(c);
  }
  bystander.finish();
  long rss_after = worker_rss(broker);
  MESSAGE("worker RSS " << rss_before << " KiB before the floods, " << rss_after << " after");
  CHECK(rss_after - rss_before < 8 * 1024);
  CHECK(broker.all_alive());
}

TEST_CASE("badinput/a subscriber that never reads") {
  BrokerUnderTest broker({.socket_buffer_size = 65536});
  REQUIRE_MESSAGE(broker.started(), broker.error());
  Bystander bystander(broker.port(), wire::v311, "reader");
  TcpClient slow;
  REQUIRE(slow.connect("127.0.0.1", broker.port(), Ms(5000), 4096) == 0);
  REQUIRE(slow.send(wire::connect(wire::v311, {.client_id = "never-reads"})));
  REQUIRE(slow.read(4, Ms(5000)).complete());  // CONNACK
  REQUIRE(slow.send(wire::subscribe(wire::v311, 1, {{"slow/#", {}}})));
  REQUIRE(slow.read(5, Ms(5000)).complete());  // SUBACK
  long rss_before = worker_rss(broker);

  wire::Client pub(broker.port(), wire::v311, "flooder");
  pub.connect_ok({.client_id = "flooder"});
  Bytes message = wire::publish(wire::v311, {.topic = "slow/x", .payload = std::string(900, 'x')});
  for (int i = 1; i <= 8000; ++i) {  // 7 MiB at QoS 0, far beyond every buffer on the way
    pub.send(message);
    if (i % 1000 == 0) bystander.ping();  // served throughout
  }
  pub.ping();  // the broker has handled every PUBLISH
  long rss_after = worker_rss(broker);
  bystander.finish();
  MESSAGE("worker RSS " << rss_before << " KiB before the flood, " << rss_after << " after");
  CHECK(rss_after - rss_before < 16 * 1024);
  // Output beyond socket_buffer_size drops the connection (ARCHITECTURE.md, write path).
  CHECK(slow.wait_closed(Ms(5000)));
  CHECK(broker.all_alive());
}

}  // namespace mm::test::badinput
