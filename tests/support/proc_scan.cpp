#include "tests/support/proc_scan.h"

#include <dirent.h>
#include <sys/wait.h>

#include <cerrno>
#include <cstdlib>
#include <sstream>

#include "tests/support/temp_dir.h"

namespace mm::test {

ProcInfo proc_info(pid_t pid) {
  ProcInfo info;
  info.pid = pid;
  std::string stat = read_file("/proc/" + std::to_string(pid) + "/stat");
  // "pid (comm) S ppid ...": comm may hold spaces and parentheses, so parse after the last ')'.
  auto close = stat.rfind(')');
  if (close == std::string::npos || close + 2 >= stat.size()) return info;
  std::istringstream rest(stat.substr(close + 2));
  rest >> info.state >> info.ppid;
  info.comm = read_file("/proc/" + std::to_string(pid) + "/comm");
  if (!info.comm.empty() && info.comm.back() == '\n') info.comm.pop_back();
  return info;
}

std::vector<ProcInfo> children_of(pid_t parent, const std::string& comm_prefix) {
  std::vector<ProcInfo> out;
  DIR* d = opendir("/proc");
  if (d == nullptr) return out;
  while (dirent* e = readdir(d)) {
    char* end = nullptr;
    long pid = strtol(e->d_name, &end, 10);
    if (end == e->d_name || *end != '\0') continue;
    ProcInfo info = proc_info(static_cast<pid_t>(pid));
    if (info.ppid != parent || info.state == 0 || info.state == 'Z' || info.state == 'X') continue;
    if (info.comm.rfind(comm_prefix, 0) != 0) continue;
    out.push_back(info);
  }
  closedir(d);
  return out;
}

bool is_gone(pid_t pid) {
  int ws = 0;
  pid_t r = waitpid(pid, &ws, WNOHANG);
  if (r == pid) return true;  // it was our child (an orphan we inherited) and has ended
  char state = proc_info(pid).state;
  return state == 0 || state == 'Z' || state == 'X';
}

bool wait_gone(pid_t pid, Ms timeout) {
  return wait_until([pid] { return is_gone(pid); }, timeout);
}

long rss_kib(pid_t pid) {
  std::istringstream in(read_file("/proc/" + std::to_string(pid) + "/status"));
  std::string key;
  while (in >> key) {
    if (key == "VmRSS:") {
      long kib = -1;
      in >> kib;
      return kib;
    }
  }
  return -1;
}

}  // namespace mm::test
