// Supervision decisions, without forking.
#include <doctest/doctest.h>

#include <csignal>

#include "master/supervisor.h"

using namespace mm::master;

namespace {

ExitStatus code(int c) {
  return ExitStatus{false, c};
}
ExitStatus sig(int s) {
  return ExitStatus{true, s};
}

SlotRecord running(double started_at, SlotState state = SlotState::ready) {
  SlotRecord r;
  r.pid = 1234;
  r.state = state;
  r.started_at = started_at;
  return r;
}

}  // namespace

TEST_CASE("a first crash is respawned at once") {
  SupervisorPolicy p;
  SlotRecord s = running(0);
  ExitDecision d = on_exit(s, sig(SIGKILL), 100, p);
  CHECK(d.action == ExitAction::respawn);
  CHECK(d.crash);
  CHECK(d.at == doctest::Approx(100));
  CHECK_FALSE(d.loud);
  CHECK(s.pid == 0);
  CHECK(s.state == SlotState::waiting);
  CHECK(s.crash_streak == 1);
}

TEST_CASE("a crash loop backs off exponentially up to the cap and gets loud") {
  SupervisorPolicy p;
  SlotRecord s = running(0);
  double now = 0;
  double expected[] = {0, 0.1, 0.2, 0.4, 0.8, 1.6, 3.2, 6.4, 12.8, 25.6, 30, 30, 30};
  for (unsigned i = 0; i < std::size(expected); ++i) {
    CAPTURE(i);
    s.state = SlotState::ready;
    s.started_at = now;
    now += 0.5;  // dies half a second after each start
    ExitDecision d = on_exit(s, code(1), now, p);
    CHECK(d.action == ExitAction::respawn);
    CHECK(d.at - now == doctest::Approx(expected[i]));
    CHECK(s.crash_streak == i + 1);
    CHECK(d.loud == (s.crash_streak >= p.loud_after));
    now = d.at;
  }
}

TEST_CASE("a worker that ran long enough resets the streak") {
  SupervisorPolicy p;
  SlotRecord s = running(0);
  s.crash_streak = 7;
  ExitDecision d = on_exit(s, sig(SIGSEGV), p.stable_after + 1, p);
  CHECK(s.crash_streak == 1);
  CHECK(d.at == doctest::Approx(p.stable_after + 1));
  CHECK_FALSE(d.loud);
}

TEST_CASE("a clean exit nobody asked for is respawned without counting as a crash") {
  SupervisorPolicy p;
  SlotRecord s = running(0);
  s.crash_streak = 4;
  ExitDecision d = on_exit(s, code(0), 1, p);
  CHECK(d.action == ExitAction::respawn);
  CHECK_FALSE(d.crash);
  CHECK(s.crash_streak == 0);
  CHECK(d.at == doctest::Approx(1));
}

TEST_CASE("dying before READY counts as a crash even with exit code 0") {
  SupervisorPolicy p;
  SlotRecord s = running(0, SlotState::starting);
  ExitDecision d = on_exit(s, code(0), 0.1, p);
  CHECK(d.crash);
  CHECK(s.crash_streak == 1);
}

TEST_CASE("the fatal exit code is not respawned") {
  SupervisorPolicy p;
  SlotRecord s = running(0);
  ExitDecision d = on_exit(s, code(p.fatal_exit_code), 5, p);
  CHECK(d.action == ExitAction::give_up);
  CHECK(d.loud);
  CHECK(s.state == SlotState::fatal);
  // A signal whose number equals the code is still a crash.
  SlotRecord t = running(0);
  CHECK(on_exit(t, sig(p.fatal_exit_code % 32), 5, p).action == ExitAction::respawn);
}

TEST_CASE("stopping and retiring slots are not respawned") {
  SupervisorPolicy p;
  SlotRecord a = running(0, SlotState::stopping);
  CHECK(on_exit(a, sig(SIGKILL), 1, p).action == ExitAction::stopped);
  SlotRecord b = running(0, SlotState::retiring);
  CHECK(on_exit(b, code(0), 1, p).action == ExitAction::forget_slot);
  CHECK(b.pid == 0);
}

TEST_CASE("exit statuses describe themselves") {
  CHECK(code(3).describe() == "exit code 3");
  CHECK(sig(SIGKILL).describe().rfind("signal 9", 0) == 0);
  CHECK(ExitStatus::from_wait(0x0300).code == 3);  // exited with 3
  ExitStatus k = ExitStatus::from_wait(SIGKILL);
  CHECK(k.signaled);
  CHECK(k.code == SIGKILL);
}
