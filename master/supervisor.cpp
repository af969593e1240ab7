#include "master/supervisor.h"

#include <sys/wait.h>

#include <algorithm>
#include <cmath>
#include <cstring>

namespace mm::master {

const char* slot_state_name(SlotState s) {
  switch (s) {
    case SlotState::starting:
      return "starting";
    case SlotState::ready:
      return "ready";
    case SlotState::waiting:
      return "waiting";
    case SlotState::stopping:
      return "stopping";
    case SlotState::retiring:
      return "retiring";
    case SlotState::fatal:
      return "fatal";
  }
  return "?";
}

ExitStatus ExitStatus::from_wait(int wstatus) {
  ExitStatus s;
  if (WIFSIGNALED(wstatus)) {
    s.signaled = true;
    s.code = WTERMSIG(wstatus);
  } else {
    s.code = WEXITSTATUS(wstatus);
  }
  return s;
}

std::string ExitStatus::describe() const {
  if (signaled) return "signal " + std::to_string(code) + " (" + strsignal(code) + ")";
  return "exit code " + std::to_string(code);
}

double backoff_delay(unsigned streak, const SupervisorPolicy& p) {
  if (streak <= 1) return p.first_delay;
  double d = p.base_delay * std::pow(2.0, static_cast<double>(std::min(streak - 2, 30u)));
  return std::min(d, p.max_delay);
}

ExitDecision on_exit(SlotRecord& slot, ExitStatus status, double now, const SupervisorPolicy& p) {
  ExitDecision d;
  SlotState was = slot.state;
  slot.pid = 0;
  if (was == SlotState::stopping) {
    d.action = ExitAction::stopped;
    return d;
  }
  if (was == SlotState::retiring) {
    d.action = ExitAction::forget_slot;
    return d;
  }
  if (!status.signaled && status.code == p.fatal_exit_code) {
    slot.state = SlotState::fatal;
    d.action = ExitAction::give_up;
    d.loud = true;
    return d;
  }
  // A clean exit that nobody asked for (e.g. a SIGTERM sent to the worker by hand) is not a
  // crash; neither is a crash after a long healthy run the start of a loop.
  d.crash = status.signaled || status.code != 0 || was == SlotState::starting;
  bool stable = now - slot.started_at >= p.stable_after;
  if (!d.crash || stable) {
    slot.crash_streak = d.crash ? 1 : 0;
  } else {
    ++slot.crash_streak;
  }
  d.at = now + backoff_delay(slot.crash_streak, p);
  d.loud = slot.crash_streak >= p.loud_after;
  slot.state = SlotState::waiting;
  slot.next_start = d.at;
  d.action = ExitAction::respawn;
  return d;
}

}  // namespace mm::master
