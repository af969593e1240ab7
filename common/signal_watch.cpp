#include "common/signal_watch.h"

#include <sys/signalfd.h>
#include <unistd.h>
#include <uv.h>

#include <cerrno>

namespace mm::common {

SignalWatch::~SignalWatch() {
  if (poll_ == nullptr && fd_ >= 0) ::close(fd_);
}

int SignalWatch::start(uv_loop_s* loop, std::initializer_list<int> signals, Fn fn) {
  sigset_t set;
  sigemptyset(&set);
  for (int s : signals) sigaddset(&set, s);
  if (sigprocmask(SIG_BLOCK, &set, nullptr) != 0) return -errno;
  fd_ = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
  if (fd_ < 0) return -errno;
  fn_ = std::move(fn);
  poll_ = new uv_poll_t;
  poll_->data = this;
  int rc = uv_poll_init(loop, poll_, fd_);
  if (rc == 0) rc = uv_poll_start(poll_, UV_READABLE, &SignalWatch::on_poll);
  return rc;
}

void SignalWatch::on_poll(uv_poll_s* handle, int status, int /*events*/) noexcept {
  auto* self = static_cast<SignalWatch*>(handle->data);
  if (status < 0) return;
  signalfd_siginfo info;
  while (read(self->fd_, &info, sizeof info) == static_cast<ssize_t>(sizeof info)) {
    self->fn_(static_cast<int>(info.ssi_signo));
    if (self->fd_ < 0) return;  // closed by the callback
  }
}

void SignalWatch::close() {
  if (poll_ == nullptr) return;
  int fd = fd_;
  fd_ = -1;
  poll_->data = reinterpret_cast<void*>(static_cast<intptr_t>(fd));
  uv_close(reinterpret_cast<uv_handle_t*>(poll_), [](uv_handle_t* h) {
    ::close(static_cast<int>(reinterpret_cast<intptr_t>(h->data)));
    delete reinterpret_cast<uv_poll_t*>(h);
  });
  poll_ = nullptr;
}

void reset_all_signals() {
  struct sigaction dfl {};
  dfl.sa_handler = SIG_DFL;
  sigemptyset(&dfl.sa_mask);
  for (int s = 1; s < NSIG; ++s) {
    if (s == SIGKILL || s == SIGSTOP) continue;
    sigaction(s, &dfl, nullptr);  // fails harmlessly for the few that cannot be set
  }
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, nullptr);
}

}  // namespace mm::common
