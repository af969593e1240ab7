#pragma once
// What /proc says about processes: a master's children, their names, whether a pid is gone.

#include <sys/types.h>

#include <string>
#include <vector>

#include "tests/support/clock.h"

namespace mm::test {

struct ProcInfo {
  pid_t pid = 0;
  pid_t ppid = 0;
  char state = 0;    // 'R', 'S', 'Z', ...; 0 when there is no such process
  std::string comm;  // the name set with PR_SET_NAME ("mqtt-worker 0")
};

// /proc/PID/stat and /proc/PID/comm; state 0 when the process does not exist.
ProcInfo proc_info(pid_t pid);

// Live (not zombie) children of `parent`, by pid; those whose name starts with `comm_prefix`
// when it is not empty.
std::vector<ProcInfo> children_of(pid_t parent, const std::string& comm_prefix = "");

// True when `pid` has ended: no such process, or a zombie. A zombie that is a child of this
// process (see become_subreaper) is reaped.
bool is_gone(pid_t pid);
bool wait_gone(pid_t pid, Ms timeout);

// Resident memory of `pid` in KiB (VmRSS), or -1.
long rss_kib(pid_t pid);

}  // namespace mm::test
