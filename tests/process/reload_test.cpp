// SIGHUP: worker_num up and down without touching the workers that stay, a broken file that
// changes nothing, listeners bound and closed, and live keys that reach running workers
// without dropping a connection.

#include <cerrno>
#include <csignal>

#include "tests/process/harness.h"
#include "tests/support/proc_scan.h"
#include "tests/support/tcp_listener.h"

namespace mm::test {
namespace {

// Reloads with `n` workers and waits until exactly those run and the master says so.
std::map<unsigned, pid_t> reload_workers(TestServer& s, unsigned n) {
  nlohmann::json cfg = base_config(n);
  size_t mark = s.reload(cfg);
  REQUIRE(s.log().wait_for(R"(reload: worker_num changed \(workers\))", kWait, mark));
  REQUIRE(s.log().wait_for("ready: " + std::to_string(n) + " workers serving", kWait, mark));
  auto w = s.wait_workers(n, kWait);
  REQUIRE_MESSAGE(w.has_value(), "expected " << n << " workers");
  return *w;
}

TEST_CASE("reload: worker_num 1, then 2, then 4, then 1 keeps the remaining workers") {
  TestServer s(base_config(1));
  INFO(s.output());
  auto w1 = s.start_serving(1);
  TcpClient first = mqtt_client(s.port());  // on slot 0, which lives through every step

  auto w2 = reload_workers(s, 2);
  CHECK(w2[0] == w1[0]);
  one_client_per_worker(s, w2);

  auto w4 = reload_workers(s, 4);
  CHECK(w4[0] == w1[0]);
  CHECK(w4[1] == w2[1]);
  auto clients = one_client_per_worker(s, w4);

  size_t mark = s.reload(base_config(1));
  // The retired workers close their clients, then exit; slot 0 is untouched.
  for (unsigned slot = 1; slot < 4; ++slot) {
    CAPTURE(slot);
    TcpClient& c = clients[w4[slot]];
    CHECK(c.wait_closed(kWait));
    c.close();
    CHECK(wait_gone(w4[slot], kWait));
    CHECK(s.log().wait_for(
        "slot " + std::to_string(slot) + ": worker " + std::to_string(w4[slot]) + " retired", kWait,
        mark));
  }
  auto w = s.wait_workers(1, kWait);
  REQUIRE(w.has_value());
  CHECK((*w)[0] == w1[0]);
  CHECK(ping(first));
  CHECK(ping(clients[w1[0]]));
  TcpClient later = mqtt_client(s.port());
  CHECK(served_by(s.log(), later, mark) == w1[0]);
}

// Slot 1 retires at once, slot 2 is held by a client that has not closed yet: growing back
// must restart both (the exited one at once, the draining one when it is gone).
TEST_CASE("reload: worker_num 3, then 1, then 3 again while a retiring worker still drains") {
  TestServer s(base_config(3));
  INFO(s.output());
  auto w = s.start_serving(3);
  auto clients = one_client_per_worker(s, w);
  size_t mark = s.reload(base_config(1));
  TcpClient& on_slot1 = clients[w[1]];
  CHECK(on_slot1.wait_closed(kWait));
  on_slot1.close();
  REQUIRE(s.log().wait_for("slot 1: worker " + std::to_string(w[1]) + " retired", kWait, mark));
  TcpClient& on_slot2 = clients[w[2]];
  CHECK(on_slot2.wait_closed(kWait));  // told to go, but keeps slot 2 draining

  mark = s.reload(base_config(3));
  REQUIRE(s.log().wait_for(R"(reload: worker_num changed \(workers\))", kWait, mark));
  on_slot2.close();
  CHECK(wait_gone(w[2], kWait));  // then slot 2 is revived with a new process
  auto now = s.wait_workers(3, kWait);
  REQUIRE_MESSAGE(now.has_value(), "workers by slot: " << s.workers().size());
  CHECK((*now)[0] == w[0]);
  one_client_per_worker(s, *now);
}

MM_SERVING_TEST("reload: broken JSON keeps the old configuration and keeps serving",
                broken_reload) {
  TestServer s(base_config(workers));
  INFO(s.output());
  auto w = s.start_serving(workers);
  auto clients = one_client_per_worker(s, w);
  s.write_config_text(R"({"worker_num": 5, "listeners": [)");
  size_t mark = s.log().mark();
  REQUIRE(s.signal(SIGHUP));
  REQUIRE(s.log().wait_for(R"(reload failed \(\d+ errors?\): still running the previous)", kWait,
                           mark));
  CHECK(s.log().find(R"(error +master\[\d+\] reload: .*JSON)", mark));  // says why
  auto now = s.wait_workers(workers, kWait);
  REQUIRE(now.has_value());
  CHECK(*now == w);
  for (auto& [pid, c] : clients) CHECK(ping(c));
  TcpClient fresh = mqtt_client(s.port());
  CHECK(ping(fresh));
  // The previous configuration is still the running one: restoring the file changes nothing.
  mark = s.reload(base_config(workers));
  CHECK(s.log().wait_for("reload: configuration unchanged", kWait, mark));
}

// True once connecting to host:port is refused (nobody listens any more).
bool refused(const std::string& host, uint16_t port) {
  TcpClient probe;
  return probe.connect(host, port, kWait) == ECONNREFUSED;
}

MM_SERVING_TEST("reload: a listener added is served, a listener removed is closed",
                listener_reload) {
  nlohmann::json cfg = base_config(workers);
  TestServer s(cfg);
  INFO(s.output());
  auto w = s.start_serving(workers);
  TcpClient old_listener_client = mqtt_client(s.port());

  cfg["listeners"].push_back({{"host", "127.0.0.2"}, {"port", 0}});
  size_t mark = s.reload(cfg);
  auto added = s.wait_port("127.0.0.2", mark);
  REQUIRE(added.has_value());
  REQUIRE(s.log().wait_for(R"(reload: listeners changed \(listeners\))", kWait, mark));
  // Every worker accepts on the new listener.
  auto on_added = one_client_per_worker(s, w, *added, "127.0.0.2");

  cfg["listeners"] = nlohmann::json::array({{{"host", "127.0.0.2"}, {"port", 0}}});
  mark = s.reload(cfg);
  REQUIRE(s.log().wait_for(R"(reload: listeners changed \(listeners\))", kWait, mark));
  CHECK(wait_until([&] { return refused("127.0.0.1", s.port()); }, kWait));
  // Closing a listener drops no connection; the kept listener keeps its port.
  CHECK(ping(old_listener_client));
  for (auto& [pid, c] : on_added) CHECK(ping(c));
  TcpClient again = mqtt_client(*added, "127.0.0.2");
  CHECK(ping(again));
  CHECK(s.wait_workers(workers, kWait) == w);
}

MM_SERVING_TEST("reload: a listener that cannot be bound fails the whole reload",
                busy_listener_reload) {
  TestServer s(base_config(workers));
  INFO(s.output());
  auto w = s.start_serving(workers);
  auto clients = one_client_per_worker(s, w);
  TcpListener busy;
  nlohmann::json cfg = base_config(workers, {{"package_max_length", 1024}});
  cfg["listeners"].push_back({{"host", "127.0.0.1"}, {"port", busy.port()}});
  size_t mark = s.reload(cfg);
  REQUIRE(s.log().wait_for("reload failed: still running the previous configuration", kWait, mark));
  CHECK(s.log().find("cannot listen on 127\\.0\\.0\\.1:" + std::to_string(busy.port()), mark));
  for (auto& [pid, c] : clients) CHECK(ping(c));
  CHECK(s.wait_workers(workers, kWait) == w);
  // Nothing of it was applied, not even the valid package_max_length.
  mark = s.reload(base_config(workers));
  CHECK(s.log().wait_for("reload: configuration unchanged", kWait, mark));
}

MM_SERVING_TEST("reload: a lowered package_max_length reaches running workers live", live_limit) {
  nlohmann::json cfg = base_config(workers);
  cfg["package_max_length"] = 4096;
  TestServer s(cfg);
  INFO(s.output());
  auto w = s.start_serving(workers);
  auto clients = one_client_per_worker(s, w);
  const std::vector<uint8_t> big = publish("t/big", std::string(1000, 'x'));
  for (auto& [pid, c] : clients) {
    REQUIRE(c.send(big));
    CHECK(ping(c));  // 1000 bytes are within 4096
  }

  cfg["package_max_length"] = 512;
  size_t mark = s.reload(cfg);
  REQUIRE(s.log().wait_for(R"(reload: package_max_length changed \(live\))", kWait, mark));
  auto updated =
      s.log().wait_for_count(R"(worker \d+\[\d+\] configuration updated)", workers, kWait, mark);
  REQUIRE(updated.size() == workers);
  for (auto& [pid, c] : clients) {
    CAPTURE(pid);
    CHECK(ping(c));  // still connected after the reload
    REQUIRE(c.send(big));
    CHECK(c.wait_closed(kWait));  // and the new limit applies to it
  }
  CHECK(s.log().find("packet of 1010 bytes is over the limit of 512", mark));
  TcpClient fresh = mqtt_client(s.port());
  REQUIRE(fresh.send(publish("t/small", std::string(400, 'y'))));
  CHECK(ping(fresh));
  CHECK(s.wait_workers(workers, kWait) == w);
}

}  // namespace
}  // namespace mm::test
