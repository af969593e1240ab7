#pragma once
// The typed control channel between the master and one worker: a SOCK_SEQPACKET socketpair
// (message boundaries kept, EOF = the peer is gone), one fixed header per message, an
// optional payload and an optional file descriptor passed by SCM_RIGHTS.

#include <cstdint>
#include <deque>
#include <functional>
#include <string>

struct uv_loop_s;
struct uv_poll_s;

namespace mm::common {

inline constexpr uint16_t kControlVersion = 1;
inline constexpr uint32_t kControlMaxPayload = 256 * 1024;

enum class ControlType : uint16_t {
  // worker -> master
  ready = 1,  // the worker adopted its sockets and accepts connections
  // master -> worker
  config = 16,           // payload: canonical JSON of the new configuration (live keys)
  stop = 17,             // stop accepting, close clients cleanly, exit 0
  add_listener = 18,     // fd: a listening socket; arg: listener id
  remove_listener = 19,  // arg: listener id
  reopen_logs = 20,      // SIGUSR1 reached the master
  bus_peer = 21,         // fd: this worker's end of a bus socketpair to the slot in arg
  members = 22,          // payload: the serving slots, u32 little-endian each; arg: epoch
};

const char* control_type_name(ControlType type);

struct ControlMessage {
  ControlType type = ControlType::ready;
  uint32_t arg = 0;
  std::string payload;
  int fd = -1;  // received fds are owned by the receiver
};

// Creates the pair (non-blocking, close-on-exec). Returns 0 or -errno.
int control_socketpair(int fds[2]);

// One non-blocking send/receive. Return 0, -EAGAIN, -EPIPE (peer gone: EOF), -EPROTO (a short,
// oversized or unknown message), or another -errno.
int control_send(int fd, const ControlMessage& msg);
int control_recv(int fd, ControlMessage* msg);

// A channel endpoint on a libuv loop: queues what cannot be sent at once and calls back for
// every message and once at EOF or error. Owned by its creator; close() before destruction
// and free it only after the close callback (libuv rule).
class ControlChannel {
 public:
  using MessageFn = std::function<void(ControlMessage&)>;
  using GoneFn = std::function<void(int error)>;  // 0 = EOF, else -errno

  ControlChannel(uv_loop_s* loop, int fd, MessageFn on_message, GoneFn on_gone);
  ControlChannel(const ControlChannel&) = delete;
  ControlChannel& operator=(const ControlChannel&) = delete;
  ~ControlChannel();

  int start();  // 0 or -errno
  void send(ControlMessage msg);
  // Closes the socket; `on_closed` runs when the channel may be destroyed.
  void close(std::function<void()> on_closed = {});
  bool closed() const { return closing_; }
  int fd() const { return fd_; }

 private:
  static void on_poll(uv_poll_s* handle, int status, int events) noexcept;
  void read_all();
  void write_queued();
  void update_events();
  void gone(int error);

  uv_poll_s* poll_;
  int fd_;
  MessageFn on_message_;
  GoneFn on_gone_;
  std::function<void()> on_closed_;
  std::deque<ControlMessage> out_;
  bool closing_ = false;
  bool gone_ = false;
};

}  // namespace mm::common
