#pragma once
// Signals delivered through a signalfd watched by the loop. The signals are blocked, so the
// kernel only records them and the loop acts on them: no async-signal-safety concerns, and no
// libuv process-global signal state to leak into a forked child (uv_signal_t keeps one).

#include <csignal>
#include <functional>
#include <initializer_list>

struct uv_loop_s;
struct uv_poll_s;

namespace mm::common {

class SignalWatch {
 public:
  using Fn = std::function<void(int signo)>;

  SignalWatch() = default;
  SignalWatch(const SignalWatch&) = delete;
  SignalWatch& operator=(const SignalWatch&) = delete;
  ~SignalWatch();

  // Blocks `signals` in this thread and starts watching them. Returns 0 or -errno.
  int start(uv_loop_s* loop, std::initializer_list<int> signals, Fn fn);
  // Stops watching and closes the descriptor (freed in the close callback).
  void close();
  int fd() const { return fd_; }

 private:
  static void on_poll(uv_poll_s* handle, int status, int events) noexcept;

  uv_poll_s* poll_ = nullptr;
  int fd_ = -1;
  Fn fn_;
};

// Restores every signal to its default disposition and unblocks all: the first step of a
// freshly forked child.
void reset_all_signals();

}  // namespace mm::common
