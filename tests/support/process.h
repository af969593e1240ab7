#pragma once
// Child processes of a test: started with posix_spawn, output to a file, always killed
// (SIGKILL, by pid) and reaped by the destructor, so a failing test leaves nothing behind.

#include <sys/types.h>

#include <optional>
#include <string>
#include <vector>

#include "tests/support/clock.h"

namespace mm::test {

// How a process ended.
struct ExitStatus {
  bool signaled = false;
  int code = 0;  // exit code, or the signal number when signaled
  bool exited_with(int c) const { return !signaled && code == c; }
  std::string describe() const;
};

ExitStatus exit_status_from_wait(int wstatus);

struct SpawnOptions {
  std::vector<std::string> args;  // without argv[0]
  std::vector<std::string> env;   // "NAME=value", added to (or replacing in) this environment
  std::string stdout_path;        // appended to; "" = /dev/null
  std::string stderr_path;        // appended to; "" = same file as stdout
};

class Process {
 public:
  // Starts `program`; aborts the test program when it cannot be started at all.
  Process(const std::string& program, const SpawnOptions& options);
  Process(const Process&) = delete;
  Process& operator=(const Process&) = delete;
  ~Process();  // SIGKILL and reap if still running

  pid_t pid() const { return pid_; }
  bool running() const { return !status_; }
  bool signal(int signo) const;
  // Waits for the exit; nullopt if it is still running at the deadline.
  std::optional<ExitStatus> wait(Ms timeout);
  void kill_and_reap();

 private:
  pid_t pid_ = -1;
  std::optional<ExitStatus> status_;
};

// Runs `program` to completion (killed at the deadline) and returns its exit and output.
struct RunResult {
  std::optional<ExitStatus> status;  // nullopt: killed at the deadline
  std::string out;
  std::string err;
};
RunResult run_program(const std::string& program, std::vector<std::string> args,
                      Ms timeout = Ms(10000));

// Makes this process the reaper of its orphaned descendants (PR_SET_CHILD_SUBREAPER): when a
// test kills the master, its workers become children of the test, which can then wait for
// them, kill and reap them. Called by Process; idempotent.
void become_subreaper();

}  // namespace mm::test
