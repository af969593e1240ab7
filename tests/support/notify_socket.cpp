#include "tests/support/notify_socket.h"

#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace mm::test {

NotifyReceiver::NotifyReceiver(std::string address) : address_(std::move(address)) {
  sockaddr_un a{};
  a.sun_family = AF_UNIX;
  if (address_.empty() || address_.size() >= sizeof a.sun_path) abort();
  memcpy(a.sun_path, address_.data(), address_.size());
  if (address_[0] == '@') a.sun_path[0] = '\0';
  auto len = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + address_.size());
  fd_ = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (fd_ < 0 || bind(fd_, reinterpret_cast<sockaddr*>(&a), len) != 0) {
    perror("notify socket");
    abort();
  }
}

NotifyReceiver::~NotifyReceiver() {
  if (fd_ >= 0) close(fd_);
  if (address_[0] == '/') unlink(address_.c_str());
}

std::optional<std::string> NotifyReceiver::receive(Ms timeout) {
  Deadline d(timeout);
  char buf[4096];
  for (;;) {
    ssize_t n = recv(fd_, buf, sizeof buf, MSG_DONTWAIT);
    if (n >= 0) return std::string(buf, static_cast<size_t>(n));
    if (errno != EAGAIN && errno != EINTR) return std::nullopt;
    pollfd p{fd_, POLLIN, 0};
    if (poll(&p, 1, d.remaining_ms()) == 0) return std::nullopt;
  }
}

bool NotifyReceiver::empty() {
  pollfd p{fd_, POLLIN, 0};
  return poll(&p, 1, 0) == 0;
}

}  // namespace mm::test
