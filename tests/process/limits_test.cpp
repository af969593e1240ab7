// Bounds on what a peer can cost: a CONNECT deadline, an idle deadline, a cap on output queued
// for a peer that stops reading, and a cap on connections.

#include <cerrno>

#include "tests/process/harness.h"
#include "tests/support/proc_scan.h"

namespace mm::test {
namespace {

MM_SERVING_TEST("limits: a connection without a whole CONNECT is closed at connect_timeout",
                connect_timeout) {
  TestServer s(base_config(workers, {{"connect_timeout", 0.5}}));
  INFO(s.output());
  s.start_serving(workers);
  TcpClient connected = mqtt_client(s.port());
  Clock::time_point opened = Clock::now();
  TcpClient silent, partial;
  REQUIRE(silent.connect("127.0.0.1", s.port()) == 0);
  REQUIRE(partial.connect("127.0.0.1", s.port()) == 0);
  REQUIRE(partial.send(std::span<const uint8_t>(kConnect.data(), 5)));  // half a CONNECT
  CHECK(silent.wait_closed(kWait));
  CHECK(partial.wait_closed(kWait));
  CHECK(elapsed_ms(opened) >= 400);  // closed by the timeout, not at once
  CHECK(s.log().wait_for_count(R"(no CONNECT within 0\.5 s, closing)", 2, kWait).size() == 2);
  // The connection that sent CONNECT first is older than both and still served.
  CHECK(ping(connected));
}

MM_SERVING_TEST("limits: heartbeat_idle_time closes a silent connection, not a busy one",
                idle_timeout) {
  TestServer s(base_config(workers, {{"heartbeat_idle_time", 0.5}}));
  INFO(s.output());
  s.start_serving(workers);
  TcpClient idle = mqtt_client(s.port());
  Clock::time_point last_input = Clock::now();
  TcpClient busy = mqtt_client(s.port());
  bool closed = false;
  Deadline d(kWait);
  while (!closed && !d.passed()) {
    REQUIRE(ping(busy));
    closed = idle.wait_closed(Ms(50));
  }
  CHECK(closed);
  CHECK(elapsed_ms(last_input) >= 400);
  CHECK(s.log().find(R"(idle for 0\.5 s, closing)"));
  CHECK(ping(busy));
}

#if defined(__SANITIZE_ADDRESS__)
constexpr long kRssGrowthKib = 64 * 1024;
#else
constexpr long kRssGrowthKib = 16 * 1024;
#endif

// Sends PINGREQs without ever reading the PINGRESPs until the server gives up on us; returns
// the bytes sent. Bounded: at most `limit` bytes.
size_t flood_without_reading(TcpClient& c, size_t limit) {
  const std::vector<uint8_t> batch = [] {
    std::vector<uint8_t> b;
    for (int i = 0; i < 4096; ++i) b.insert(b.end(), kPingreq.begin(), kPingreq.end());
    return b;
  }();
  size_t sent = 0;
  while (sent < limit && c.send(batch, kWait)) sent += batch.size();
  return sent;
}

MM_SERVING_TEST("limits: a peer that stops reading is disconnected with memory bounded",
                slow_reader) {
  TestServer s(base_config(workers, {{"package_max_length", 1024}, {"socket_buffer_size", 4096}}));
  INFO(s.output());
  s.start_serving(workers);
  TcpClient c;
  REQUIRE(c.connect("127.0.0.1", s.port(), kWait, 4096) == 0);  // a small receive window
  REQUIRE(c.send(kConnect));
  REQUIRE(c.read(kConnack.size(), kWait).bytes == kConnack);
  pid_t worker = served_by(s.log(), c);
  const long rss_before = rss_kib(worker);
  constexpr size_t kLimit = 256u << 20;
  size_t sent = flood_without_reading(c, kLimit);
  CAPTURE(sent);
  CHECK(sent < kLimit);  // the server closed the connection: our writes failed
  CHECK((c.last_error() == ECONNRESET || c.last_error() == EPIPE));
  CHECK(s.log().wait_for(R"(not reading; \d+ bytes queued, dropping it)", kWait));
  // What the worker holds for the peer is bounded by socket_buffer_size, not by what was sent
  // (ASan keeps freed memory in quarantine, so the bound is looser there).
  CHECK(rss_kib(worker) - rss_before < kRssGrowthKib);
  TcpClient other = mqtt_client(s.port());
  CHECK(ping(other));
}

MM_SERVING_TEST("limits: max_connection is for the whole server, over every worker",
                max_connection) {
  TestServer s(base_config(workers, {{"max_connection", 2 * workers}}));
  INFO(s.output());
  s.start_serving(workers);
  std::vector<TcpClient> accepted;
  int refused = 0;
  for (unsigned i = 0; i < 2 * workers + 1; ++i) {
    TcpClient c;
    REQUIRE(c.connect("127.0.0.1", s.port()) == 0);
    REQUIRE((c.send(kConnect) || c.last_error() == ECONNRESET || c.last_error() == EPIPE));
    ReadResult r = c.read(kConnack.size(), kWait);
    if (r.complete()) {
      CHECK(r.bytes == kConnack);
      accepted.push_back(std::move(c));
    } else {
      CHECK(r.end == ReadResult::End::closed);
      ++refused;
    }
  }
  // The workers count together (shared counters): exactly the limit is served, whichever
  // workers the kernel gave the connections to.
  CHECK(refused == 1);
  CHECK(accepted.size() == 2 * workers);
  CHECK(s.log().wait_for("refused, " + std::to_string(2 * workers) + " connections is the limit",
                         kWait));
  // Closing the accepted ones frees their places.
  size_t mark = s.log().mark();
  size_t n = accepted.size();
  accepted.clear();
  CHECK(s.log().wait_for_count("client closed", n, kWait, mark).size() >= n);
  TcpClient again = mqtt_client(s.port());
  CHECK(ping(again));
}

}  // namespace
}  // namespace mm::test
