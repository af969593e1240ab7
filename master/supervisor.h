#pragma once
// Supervision decisions as pure data and functions: what to do when a worker exits, how long
// to back off a crash loop, when to shout. The master's I/O (fork, kill, waitpid, timers)
// only carries these decisions out, so they are unit-tested without processes.

#include <sys/types.h>

#include <cstdint>
#include <string>

namespace mm::master {

enum class SlotState {
  starting,  // forked, READY not received yet
  ready,     // serving
  waiting,   // dead; respawn scheduled at next_start
  stopping,  // asked to stop (server shutdown)
  retiring,  // asked to stop for good (worker_num went down)
  fatal,     // exited with the fatal code: not respawned
};

const char* slot_state_name(SlotState s);

struct SlotRecord {
  unsigned slot = 0;
  pid_t pid = 0;            // 0 when no process
  uint64_t generation = 0;  // processes started in this slot so far
  SlotState state = SlotState::waiting;
  unsigned crash_streak = 0;  // consecutive crashes, each soon after its start
  double started_at = 0;      // seconds, monotonic
  double next_start = 0;      // when state == waiting
};

struct SupervisorPolicy {
  int fatal_exit_code = 78;    // EX_CONFIG: the worker cannot work with this setup
  double stable_after = 10.0;  // a worker alive this long resets the crash streak
  double first_delay = 0.0;    // the first crash is respawned at once
  double base_delay = 0.1;     // then 0.1, 0.2, 0.4 ... seconds
  double max_delay = 30.0;     // cap
  unsigned loud_after = 3;     // crash streaks of this length are logged as errors
};

// How a process ended, from waitpid's status.
struct ExitStatus {
  bool signaled = false;
  int code = 0;  // exit code, or signal number when signaled
  static ExitStatus from_wait(int wstatus);
  std::string describe() const;  // "exit code 3", "signal 9 (Killed)"
};

enum class ExitAction {
  respawn,      // start a new process in the slot at `at`
  forget_slot,  // the slot was retiring: release its sockets
  stopped,      // the server is stopping: nothing to do
  give_up,      // fatal exit code: leave the slot empty
};

struct ExitDecision {
  ExitAction action = ExitAction::respawn;
  double at = 0;      // when to respawn (monotonic seconds)
  bool loud = false;  // log at error level: a crash loop or a fatal exit
  bool crash = false;
};

// Updates `slot` for the exit of its process at `now` and says what to do next.
ExitDecision on_exit(SlotRecord& slot, ExitStatus status, double now, const SupervisorPolicy& p);

// The delay before the respawn that follows the `streak`-th consecutive crash (1-based).
double backoff_delay(unsigned streak, const SupervisorPolicy& p);

}  // namespace mm::master
