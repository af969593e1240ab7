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

}  // namespace
}  // namespace mm::test
