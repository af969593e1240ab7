// Supervision seen from outside: a worker killed with SIGKILL is replaced in the same slot and
// serves again within 1 s, while the other workers' connections stay up.

#include <csignal>

#include "tests/process/harness.h"
#include "tests/support/proc_scan.h"

namespace mm::test {
namespace {

MM_SERVING_TEST("supervision: a SIGKILLed worker is replaced and serving within 1 s",
                worker_killed) {
  TestServer s(base_config(workers));
  INFO(s.output());
  auto w = s.start_serving(workers);
  auto clients = one_client_per_worker(s, w);
  const pid_t victim = w[0];
  size_t mark = s.log().mark();
  Clock::time_point killed = Clock::now();
  REQUIRE(kill(victim, SIGKILL) == 0);

  auto started = s.log().wait_for(R"(slot 0: worker \d+ started \(generation 2\))", kWait, mark);
  REQUIRE(started.has_value());
  const pid_t fresh = started_pid(*started);
  // Serving: keep connecting until a connection lands on slot 0 and gets its CONNACK (the
  // master kept slot 0's socket, so connections to it wait in its accept queue meanwhile).
  long long served_after = -1;
  for (int i = 0; i < 200 && served_after < 0; ++i) {
    TcpClient c = mqtt_client(s.port());
    if (served_by(s.log(), c, mark) == fresh) served_after = elapsed_ms(killed);
  }
  REQUIRE(served_after >= 0);
  CHECK(served_after <= kOneSecond.count());

  CHECK(s.log().find(
      "slot 0: worker " + std::to_string(victim) + R"( exited \(signal 9 \(Killed\)\): respawning)",
      mark));
  auto now = s.wait_workers(workers, kWait);
  REQUIRE(now.has_value());
  CHECK((*now)[0] == fresh);
  CHECK(proc_info(fresh).ppid == s.pid());
  for (auto& [pid, c] : clients) {
    CAPTURE(pid);
    if (pid == victim) {
      CHECK(c.wait_closed(kWait));  // its connections died with it
    } else {
      CHECK(ping(c));  // the other workers did not notice
    }
  }
  for (auto [slot, pid] : *now) {
    if (slot != 0) CHECK(pid == w[slot]);
  }
}

// A clean exit nobody asked for (SIGTERM by hand) is not a crash, but the slot is refilled.
MM_SERVING_TEST("supervision: a worker stopped by hand with SIGTERM is respawned", worker_termed) {
  TestServer s(base_config(workers));
  INFO(s.output());
  auto w = s.start_serving(workers);
  const pid_t victim = w[workers - 1];
  const std::string slot = std::to_string(workers - 1);
  size_t mark = s.log().mark();
  REQUIRE(kill(victim, SIGTERM) == 0);
  CHECK(s.log().wait_for("slot " + slot + ": worker " + std::to_string(victim) +
                             R"( exited \(exit code 0\): respawning)",
                         kWait, mark));
  auto started =
      s.log().wait_for("slot " + slot + R"(: worker \d+ started \(generation 2\))", kWait, mark);
  REQUIRE(started.has_value());
  auto now = s.wait_workers(workers, kWait);
  REQUIRE(now.has_value());
  CHECK((*now)[workers - 1] == started_pid(*started));
  one_client_per_worker(s, *now);
}

// Kills slot 0's worker of generation `gen` once it runs; returns when it was killed.
Clock::time_point kill_generation(TestServer& s, unsigned gen) {
  auto line = s.log().wait_for(
      "slot 0: worker \\d+ started \\(generation " + std::to_string(gen) + "\\)", kWait);
  REQUIRE(line.has_value());
  REQUIRE(kill(started_pid(*line), SIGKILL) == 0);
  return Clock::now();
}

TEST_CASE("supervision: a crash loop is backed off and logged loudly, never given up - 2 workers") {
  TestServer s(base_config(2));
  INFO(s.output());
  auto w = s.start_serving(2);
  kill_generation(s, 1);  // respawned at once
  kill_generation(s, 2);  // after 0.1 s
  Clock::time_point third = kill_generation(s, 3);
  auto loud = s.log().wait_for(
      R"(error +master\[\d+\] slot 0: worker \d+ died \(signal 9 \(Killed\)\): 3 crashes in a )"
      R"(row, next start in 0\.2 s)",
      kWait);
  CHECK(loud.has_value());
  REQUIRE(s.log().wait_for(R"(slot 0: worker \d+ started \(generation 4\))", kWait));
  CHECK(elapsed_ms(third) >= 150);  // backed off, not respawned at once
  auto now = s.wait_workers(2, kWait);
  REQUIRE(now.has_value());
  CHECK((*now)[1] == w[1]);  // the healthy slot was never touched
  one_client_per_worker(s, *now);
}

}  // namespace
}  // namespace mm::test
