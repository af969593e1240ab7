#include "common/control.h"

#include <sys/socket.h>
#include <unistd.h>
#include <uv.h>

#include <cerrno>
#include <cstring>
#include <vector>

namespace mm::common {
namespace {

struct WireHeader {
  uint16_t version;
  uint16_t type;
  uint32_t arg;
  uint32_t length;
  uint32_t reserved;
};
static_assert(sizeof(WireHeader) == 16);

bool known_type(uint16_t t) {
  switch (static_cast<ControlType>(t)) {
    case ControlType::ready:
    case ControlType::config:
    case ControlType::stop:
    case ControlType::add_listener:
    case ControlType::remove_listener:
    case ControlType::reopen_logs:
    case ControlType::bus_peer:
    case ControlType::members:
      return true;
  }
  return false;
}

}  // namespace

const char* control_type_name(ControlType type) {
  switch (type) {
    case ControlType::ready:
      return "ready";
    case ControlType::config:
      return "config";
    case ControlType::stop:
      return "stop";
    case ControlType::add_listener:
      return "add_listener";
    case ControlType::remove_listener:
      return "remove_listener";
    case ControlType::reopen_logs:
      return "reopen_logs";
    case ControlType::bus_peer:
      return "bus_peer";
    case ControlType::members:
      return "members";
  }
  return "unknown";
}

int control_socketpair(int fds[2]) {
  if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, fds) != 0) {
    return -errno;
  }
  int size = static_cast<int>(kControlMaxPayload + sizeof(WireHeader)) * 4;
  for (int i = 0; i < 2; ++i) {
    setsockopt(fds[i], SOL_SOCKET, SO_SNDBUF, &size, sizeof size);
    setsockopt(fds[i], SOL_SOCKET, SO_RCVBUF, &size, sizeof size);
  }
  return 0;
}

int control_send(int fd, const ControlMessage& msg) {
  if (msg.payload.size() > kControlMaxPayload) return -EMSGSIZE;
  WireHeader h{kControlVersion, static_cast<uint16_t>(msg.type), msg.arg,
               static_cast<uint32_t>(msg.payload.size()), 0};
  iovec iov[2] = {{&h, sizeof h}, {const_cast<char*>(msg.payload.data()), msg.payload.size()}};
  msghdr mh{};
  mh.msg_iov = iov;
  mh.msg_iovlen = msg.payload.empty() ? 1 : 2;
  alignas(cmsghdr) char cbuf[CMSG_SPACE(sizeof(int))];
  if (msg.fd >= 0) {
    std::memset(cbuf, 0, sizeof cbuf);
    mh.msg_control = cbuf;
    mh.msg_controllen = sizeof cbuf;
    cmsghdr* c = CMSG_FIRSTHDR(&mh);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(sizeof(int));
    std::memcpy(CMSG_DATA(c), &msg.fd, sizeof(int));
  }
  ssize_t n;
  do {
    n = sendmsg(fd, &mh, MSG_NOSIGNAL);
  } while (n < 0 && errno == EINTR);
  if (n < 0) return (errno == EWOULDBLOCK) ? -EAGAIN : (errno == ECONNRESET ? -EPIPE : -errno);
  return 0;
}

namespace {

// Takes every descriptor out of the control data: the first goes to *fd, extras are closed.
void take_fds(msghdr& mh, int* fd) {
  for (cmsghdr* c = CMSG_FIRSTHDR(&mh); c != nullptr; c = CMSG_NXTHDR(&mh, c)) {
    if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS) continue;
    size_t n = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
    for (size_t i = 0; i < n; ++i) {
      int got;
      std::memcpy(&got, CMSG_DATA(c) + i * sizeof(int), sizeof(int));
      if (*fd < 0) {
        *fd = got;
      } else {
        ::close(got);
      }
    }
  }
}

}  // namespace

int control_recv(int fd, ControlMessage* msg) {
  static thread_local std::vector<char> buf(kControlMaxPayload + sizeof(WireHeader) + 1);
  iovec iov{buf.data(), buf.size()};
  alignas(cmsghdr) char cbuf[CMSG_SPACE(sizeof(int) * 4)];
  msghdr mh{};
  mh.msg_iov = &iov;
  mh.msg_iovlen = 1;
  mh.msg_control = cbuf;
  mh.msg_controllen = sizeof cbuf;
  ssize_t n;
  do {
    n = recvmsg(fd, &mh, MSG_CMSG_CLOEXEC);
  } while (n < 0 && errno == EINTR);
  if (n < 0) return (errno == EWOULDBLOCK) ? -EAGAIN : (errno == ECONNRESET ? -EPIPE : -errno);
  if (n == 0) return -EPIPE;
  int got_fd = -1;
  take_fds(mh, &got_fd);
  WireHeader h;
  bool ok = static_cast<size_t>(n) >= sizeof h && (mh.msg_flags & (MSG_TRUNC | MSG_CTRUNC)) == 0;
  if (ok) {
    std::memcpy(&h, buf.data(), sizeof h);
    ok = h.version == kControlVersion && known_type(h.type) && h.length <= kControlMaxPayload &&
         h.length == static_cast<size_t>(n) - sizeof h;
  }
  if (!ok) {
    if (got_fd >= 0) ::close(got_fd);
    return -EPROTO;
  }
  msg->type = static_cast<ControlType>(h.type);
  msg->arg = h.arg;
  msg->payload.assign(buf.data() + sizeof h, h.length);
  msg->fd = got_fd;
  return 0;
}

ControlChannel::ControlChannel(uv_loop_s* loop, int fd, MessageFn on_message, GoneFn on_gone)
    : poll_(new uv_poll_t),
      fd_(fd),
      on_message_(std::move(on_message)),
      on_gone_(std::move(on_gone)) {
  uv_poll_init(loop, poll_, fd);
  poll_->data = this;
}

ControlChannel::~ControlChannel() {
  for (auto& m : out_) {
    if (m.fd >= 0) ::close(m.fd);
  }
}

int ControlChannel::start() {
  return uv_poll_start(poll_, UV_READABLE, &ControlChannel::on_poll);
}

void ControlChannel::send(ControlMessage msg) {
  if (closing_ || gone_) {
    if (msg.fd >= 0) ::close(msg.fd);
    return;
  }
  out_.push_back(std::move(msg));
  write_queued();
}

void ControlChannel::write_queued() {
  while (!out_.empty()) {
    int rc = control_send(fd_, out_.front());
    if (rc == -EAGAIN) break;
    if (out_.front().fd >= 0) ::close(out_.front().fd);  // the peer has its own copy now
    out_.pop_front();
    if (rc != 0) {
      gone(rc);
      return;
    }
  }
  update_events();
}

void ControlChannel::update_events() {
  if (closing_ || gone_) return;
  uv_poll_start(poll_, UV_READABLE | (out_.empty() ? 0 : UV_WRITABLE), &ControlChannel::on_poll);
}

void ControlChannel::read_all() {
  for (;;) {
    ControlMessage msg;
    int rc = control_recv(fd_, &msg);
    if (rc == -EAGAIN) return;
    if (rc != 0) {
      gone(rc == -EPIPE ? 0 : rc);
      return;
    }
    on_message_(msg);
    if (closing_ || gone_) return;
  }
}

void ControlChannel::gone(int error) {
  if (gone_) return;
  gone_ = true;
  uv_poll_stop(poll_);
  if (on_gone_) on_gone_(error);
}

void ControlChannel::on_poll(uv_poll_s* handle, int status, int events) noexcept {
  auto* self = static_cast<ControlChannel*>(handle->data);
  if (status < 0) {
    self->gone(status);
    return;
  }
  if (events & UV_WRITABLE) self->write_queued();
  if ((events & UV_READABLE) && !self->gone_ && !self->closing_) self->read_all();
}

void ControlChannel::close(std::function<void()> on_closed) {
  if (closing_) return;
  closing_ = true;
  on_closed_ = std::move(on_closed);
  uv_close(reinterpret_cast<uv_handle_t*>(poll_), [](uv_handle_t* h) {
    auto* self = static_cast<ControlChannel*>(h->data);
    ::close(self->fd_);
    self->fd_ = -1;
    delete reinterpret_cast<uv_poll_t*>(h);
    // The callback may delete the channel: take it out first.
    auto done = std::move(self->on_closed_);
    if (done) done();
  });
}

}  // namespace mm::common
