// The post-fork checklist of a worker, in order. Nothing before it may touch the master's loop
// or handles: the child shares none of them, it only inherited copies.

#include <linux/close_range.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <vector>

#include "common/log.h"
#include "common/signal_watch.h"
#include "worker/worker.h"

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define MM_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define MM_ASAN 1
#endif
#ifdef MM_ASAN
#include <sanitizer/lsan_interface.h>
#endif

namespace mm::worker {
namespace {

// Closes every descriptor except the ones listed (the slot's sockets, its control channel,
// the log and stdio): the master's loop, signalfd, other slots' sockets and channels.
void close_all_except(std::vector<int> keep) {
  keep.insert(keep.end(), {0, 1, 2});
  std::sort(keep.begin(), keep.end());
  keep.erase(std::unique(keep.begin(), keep.end()), keep.end());
  unsigned next = 0;
  for (int fd : keep) {
    if (fd < 0) continue;
    if (static_cast<unsigned>(fd) > next) syscall(SYS_close_range, next, fd - 1, 0);
    next = static_cast<unsigned>(fd) + 1;
  }
  syscall(SYS_close_range, next, ~0U, 0);
}

void ignore(int signo) {
  struct sigaction sa {};
  sa.sa_handler = SIG_IGN;
  sigaction(signo, &sa, nullptr);
}

}  // namespace

int worker_main(WorkerStart& start) noexcept {
  // 1. Signals: the master's dispositions and mask are not ours.
  common::reset_all_signals();
  // The master relays reload, log reopening and interrupts over the control channel; a
  // terminal's Ctrl-C reaches the whole process group and must not bypass it.
  for (int s : {SIGPIPE, SIGINT, SIGHUP, SIGUSR1, SIGUSR2}) ignore(s);
  // 2. Die with the master: SIGTERM starts a short stop (the control channel's EOF says the
  //    same); re-check in case the master died before prctl.
  prctl(PR_SET_PDEATHSIG, SIGTERM);
  if (getppid() != start.master_pid) return kExitOk;
  // 3. Descriptors: keep only this slot's.
  std::vector<int> keep{start.control_fd, common::log_fd()};
  for (auto& l : start.listeners) keep.push_back(l.second);
  close_all_except(keep);
  // 4. Identity.
  char name[16];
  snprintf(name, sizeof name, "mqtt-worker %u", start.slot);
  prctl(PR_SET_NAME, name);
  common::log_set_role("worker " + std::to_string(start.slot));
  common::log_set_level(start.config.log_level);
  // 5. A fresh loop: never the inherited one.
  int rc;
  {
    uv_loop_t loop;
    uv_loop_init(&loop);
    {
      Worker worker(&loop, start);
      rc = worker.run();
    }
    // Anything still open here is a handle with no owner: a bug worth a loud line.
    uv_run(&loop, UV_RUN_NOWAIT);
    if (uv_loop_close(&loop) != 0) LOG_ERROR("worker loop closed with handles still open");
  }
#ifdef MM_ASAN
  // The child leaves with _exit(), which skips LeakSanitizer's exit hook.
  __lsan_do_leak_check();
#endif
  LOG_INFO("worker exiting (%d)", rc);
  return rc;
}

}  // namespace mm::worker
