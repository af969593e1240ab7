#include "tests/cluster/respawn_probe.h"

#include <algorithm>

#include "tests/cluster/socket_holders.h"
#include "tests/support/proc_scan.h"
#include "tests/support/server_process.h"
#include "tests/wire/client.h"

namespace mm::test::cluster {

RespawnProbe::RespawnProbe(uint16_t port, pid_t master, std::vector<pid_t> before,
                           Clock::time_point kill_time)
    : port_(port), master_(master), before_(std::move(before)), kill_time_(kill_time) {
  thread_ = std::thread([this] { run(); });
}

RespawnProbe::~RespawnProbe() {
  stop_ = true;
  thread_.join();
}

void RespawnProbe::run() {
  Deadline give_up(Ms(15000));
  for (int n = 0; !stop_ && !give_up.passed(); ++n) {
    attempts_ = n + 1;
    if (attempt(n)) return;
  }
  gave_up_ = true;
}

// The new worker is the one child that did not exist before the kill; a connection it holds
// after CONNACK proves the slot serves.
bool RespawnProbe::attempt(int n) {
  try {
    wire::Client c(port_, wire::v5, "probe");
    c.connect_ok({.client_id = "respawn-probe-" + std::to_string(n)});
    Clock::time_point connacked = Clock::now();
    std::vector<pid_t> workers;
    for (const ProcInfo& p : children_of(master_, kWorkerComm)) workers.push_back(p.pid);
    pid_t holder = holder_of(port_, c.tcp().local_port(), workers);
    bool fresh = holder != 0 && std::find(before_.begin(), before_.end(), holder) == before_.end();
    if (fresh) {
      ms_ = std::chrono::duration_cast<Ms>(connacked - kill_time_).count();
      c.disconnect();
      return true;
    }
    c.disconnect();
  } catch (const std::exception&) {
    // refused or closed while the slot was down: try again
  }
  return false;
}

}  // namespace mm::test::cluster
