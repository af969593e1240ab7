#pragma once
// Measures how soon a killed worker's slot serves again: from the kill until a new client,
// connected with a fresh client id, is CONNACKed on a connection held by the slot's new
// worker process. Runs in its own thread with blocking clients, beside the poll loop.

#include <sys/types.h>

#include <atomic>
#include <cstdint>
#include <thread>
#include <vector>

#include "tests/support/clock.h"

namespace mm::test::cluster {

class RespawnProbe {
 public:
  // Starts probing at once; `before` are the worker pids before the kill, `master` their
  // parent.
  RespawnProbe(uint16_t port, pid_t master, std::vector<pid_t> before, Clock::time_point kill_time);
  ~RespawnProbe();

  bool done() const { return ms_ >= 0 || gave_up_; }
  long long ms() const { return ms_; }  // -1 until measured
  int attempts() const { return attempts_; }

 private:
  void run();
  bool attempt(int n);

  uint16_t port_;
  pid_t master_;
  std::vector<pid_t> before_;
  Clock::time_point kill_time_;
  std::atomic<long long> ms_{-1};
  std::atomic<int> attempts_{0};
  std::atomic<bool> gave_up_{false};
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

}  // namespace mm::test::cluster
