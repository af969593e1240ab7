// Start-up, stop and death of the whole server: workers visible as named children,
// connections spread over the workers, graceful stop on SIGTERM and SIGINT, every worker gone
// within 1 s of the master's death, the pid file's life, and log reopening on SIGUSR1.

#include <csignal>
#include <cstdio>
#include <set>

#include "tests/process/harness.h"
#include "tests/support/proc_scan.h"
#include "tests/support/tcp_listener.h"

namespace mm::test {
namespace {

MM_SERVING_TEST("start: every worker is a named child of the master and serves", start_visible) {
  TestServer s(base_config(workers));
  INFO(s.output());
  auto w = s.start_serving(workers);
  CHECK(s.log().find("ready: " + std::to_string(workers) + " workers serving"));
  for (unsigned slot = 0; slot < workers; ++slot) {
    CAPTURE(slot);
    REQUIRE(w.count(slot) == 1);
    ProcInfo p = proc_info(w[slot]);
    CHECK(p.ppid == s.pid());
    CHECK(p.comm == "mqtt-worker " + std::to_string(slot));
    CHECK(s.log().find("slot " + std::to_string(slot) + ": worker " + std::to_string(w[slot]) +
                       " started \\(generation 1\\)"));
  }
  TcpClient c = mqtt_client(s.port());
  CHECK(ping(c));
}

TEST_CASE("start: connections spread over every worker - 3 workers") {
  TestServer s(base_config(3));
  INFO(s.output());
  auto w = s.start_serving(3);
  auto clients = one_client_per_worker(s, w);
  CHECK(clients.size() == 3);
  for (auto& [pid, c] : clients) CHECK(ping(c));
}

// Clients are told (FIN) and the master exits 0 once they are gone; no process is left.
void graceful_stop(unsigned workers, int signo) {
  TestServer s(base_config(workers));
  INFO(s.output());
  auto w = s.start_serving(workers);
  auto clients = one_client_per_worker(s, w);
  REQUIRE(s.signal(signo));
  for (auto& [pid, c] : clients) {
    CHECK(c.wait_closed(kWait));
    c.close();
  }
  auto status = s.wait_exit(kWait);
  REQUIRE(status.has_value());
  CHECK(status->exited_with(0));
  for (auto [slot, pid] : w) CHECK(wait_gone(pid, kWait));
  CHECK(s.log().find(R"(master\[\d+\] stopped$)"));
  CHECK(children_of(s.pid()).empty());
}

MM_SERVING_TEST("stop: SIGTERM closes clients and exits 0 with no process left", sigterm_stop) {
  graceful_stop(workers, SIGTERM);
}

MM_SERVING_TEST("stop: SIGINT behaves like SIGTERM", sigint_stop) {
  graceful_stop(workers, SIGINT);
}

TEST_CASE("start: a listener port in use fails the start with exit code 1 - 2 workers") {
  TcpListener busy;
  TestServer s(base_config(2));
  INFO(s.output());
  s.write_config(base_config(2, {{"listeners", {{{"host", "127.0.0.1"}, {"port", busy.port()}}}},
                                 {"pid_file", s.dir().file("mm.pid")}}));
  s.launch();
  auto status = s.wait_exit(kWait);
  REQUIRE(status.has_value());
  CHECK(status->exited_with(1));
  CHECK(s.log().find("cannot listen on 127\\.0\\.0\\.1:" + std::to_string(busy.port())));
  CHECK_FALSE(s.log().find("started \\(generation"));  // no worker was forked
  CHECK_FALSE(s.dir().exists("mm.pid"));
}

// A client that never closes its side cannot hold the stop beyond shutdown_timeout.
MM_SERVING_TEST("stop: shutdown_timeout ends a stop that clients hold up", stubborn_clients) {
  TestServer s(base_config(workers, {{"shutdown_timeout", 0.5}}));
  INFO(s.output());
  auto w = s.start_serving(workers);
  auto clients = one_client_per_worker(s, w);
  Clock::time_point asked = Clock::now();
  REQUIRE(s.signal(SIGTERM));
  for (auto& [pid, c] : clients) CHECK(c.wait_closed(kWait));  // told, but not closing
  auto status = s.wait_exit(kWait);
  REQUIRE(status.has_value());
  CHECK(status->exited_with(0));
  CHECK(elapsed_ms(asked) >= 400);  // the workers did wait for their clients
  for (auto [slot, pid] : w) CHECK(wait_gone(pid, kWait));
}

MM_SERVING_TEST("stop: a second SIGTERM during a stop kills the workers at once", second_sigterm) {
  TestServer s(base_config(workers, {{"shutdown_timeout", 60}}));
  INFO(s.output());
  auto w = s.start_serving(workers);
  auto clients = one_client_per_worker(s, w);  // they hold the first stop up for 60 s
  size_t mark = s.log().mark();
  REQUIRE(s.signal(SIGTERM));
  REQUIRE(s.log().wait_for("stopping: ", kWait, mark));
  REQUIRE(s.signal(SIGTERM));
  auto status = s.wait_exit(kWait);
  REQUIRE(status.has_value());
  CHECK(status->exited_with(0));
  CHECK(s.log().find("SIGTERM again while stopping: killing the workers now", mark));
  for (auto [slot, pid] : w) CHECK(wait_gone(pid, kWait));
}

MM_SERVING_TEST("stop: SIGKILL of the master takes every worker down within 1 s", master_killed) {
  TestServer s(base_config(workers));
  INFO(s.output());
  auto w = s.start_serving(workers);
  // Open connections make the workers close clients on the way out, as in real life.
  auto clients = one_client_per_worker(s, w);
  Clock::time_point killed = Clock::now();
  REQUIRE(s.signal(SIGKILL));
  REQUIRE(s.wait_exit(kWait).has_value());
  for (auto [slot, pid] : w) {
    CAPTURE(slot);
    CHECK(wait_gone(pid, kOneSecond));
  }
  const long long gone_after_ms = elapsed_ms(killed);
  CHECK(gone_after_ms <= kOneSecond.count());
  for (auto& [pid, c] : clients) CHECK(c.wait_closed(kWait));
}

TEST_CASE("pid_file: written with the master's pid at start, removed at stop") {
  TestServer s(base_config(2));
  INFO(s.output());
  nlohmann::json cfg = base_config(2);
  cfg["pid_file"] = s.dir().file("mm.pid");
  s.write_config(cfg);
  s.start_serving(2);
  CHECK(s.dir().read("mm.pid") == std::to_string(s.pid()) + "\n");
  // A reload that moves it writes the new one and removes the old one.
  cfg["pid_file"] = s.dir().file("moved.pid");
  size_t mark = s.reload(cfg);
  REQUIRE(s.log().wait_for("reload: pid_file changed", kWait, mark));
  CHECK(wait_until([&] { return !s.dir().exists("mm.pid"); }, kWait));
  CHECK(s.dir().read("moved.pid") == std::to_string(s.pid()) + "\n");
  REQUIRE(s.signal(SIGTERM));
  auto status = s.wait_exit(kWait);
  REQUIRE(status.has_value());
  CHECK(status->exited_with(0));
  CHECK_FALSE(s.dir().exists("moved.pid"));
}

// After a rotation (rename) and SIGUSR1, the master and every worker write to a new file.
MM_SERVING_TEST("SIGUSR1: master and workers reopen the log file", reopen_log) {
  TestServer s(base_config(workers));
  nlohmann::json cfg = base_config(workers);
  cfg["log_file"] = s.dir().file("server.log");
  s.write_config(cfg);
  LogWatch file_log(s.dir().file("server.log"));
  INFO(s.output() << file_log.text());
  s.launch();
  REQUIRE(file_log.wait_for("ready: \\d+ workers serving", kWait));
  auto w = s.wait_workers(workers, kWait);
  REQUIRE(w.has_value());
  REQUIRE(std::rename(s.dir().file("server.log").c_str(), s.dir().file("server.log.1").c_str()) ==
          0);
  LogWatch rotated(s.dir().file("server.log.1"));
  REQUIRE(s.signal(SIGUSR1));
  REQUIRE(rotated.wait_for("SIGUSR1", kWait));
  // The port line went to the rotated file.
  uint16_t port = wait_logged_port(rotated, "127.0.0.1").value_or(0);
  REQUIRE(port != 0);
  // The workers reopen when the master's message reaches them: connect until each worker's
  // "client connected" line shows up in the new file.
  std::set<pid_t> seen;
  TcpClient client;
  bool all = wait_until(
      [&] {
        client = mqtt_client(port);
        for (const LogLine& l : file_log.matching("client connected")) seen.insert(l.pid);
        return seen.size() == workers;
      },
      kWait);
  CHECK(all);
  // The master too: a reload logs a line in the new file.
  s.signal(SIGHUP);
  CHECK(file_log.wait_for(R"(master\[\d+\] reload: configuration unchanged)", kWait));
  CHECK(s.log().text().find("client connected") == std::string::npos);  // not on stderr
}

}  // namespace
}  // namespace mm::test
