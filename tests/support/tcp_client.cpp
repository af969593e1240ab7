#include "tests/support/tcp_client.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <utility>

namespace mm::test {
namespace {

// Waits until `fd` is ready for `events`; false at the deadline.
bool wait_ready(int fd, short events, const Deadline& d) {
  for (;;) {
    pollfd p{fd, events, 0};
    int n = poll(&p, 1, d.remaining_ms());
    if (n > 0) return true;
    if (n == 0) return false;
    if (errno != EINTR) return false;
  }
}

}  // namespace

TcpClient::TcpClient(TcpClient&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)), last_error_(other.last_error_) {}

TcpClient& TcpClient::operator=(TcpClient&& other) noexcept {
  if (this != &other) {
    close();
    fd_ = std::exchange(other.fd_, -1);
    last_error_ = other.last_error_;
  }
  return *this;
}

TcpClient::~TcpClient() {
  close();
}

void TcpClient::close() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

int TcpClient::connect(const std::string& host, uint16_t port, Ms timeout, int rcvbuf) {
  close();
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(port);
  if (inet_pton(AF_INET, host.c_str(), &a.sin_addr) != 1) return last_error_ = EINVAL;
  fd_ = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd_ < 0) return last_error_ = errno;
  int one = 1;
  setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  if (rcvbuf > 0) setsockopt(fd_, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof rcvbuf);
  int err = 0;
  if (::connect(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
    err = errno;
    if (err == EINPROGRESS) {
      err = ETIMEDOUT;
      if (wait_ready(fd_, POLLOUT, Deadline(timeout))) {
        socklen_t len = sizeof err;
        getsockopt(fd_, SOL_SOCKET, SO_ERROR, &err, &len);
      }
    }
  }
  if (err != 0) close();
  return last_error_ = err;
}

uint16_t TcpClient::local_port() const {
  sockaddr_in a{};
  socklen_t len = sizeof a;
  if (fd_ < 0 || getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len) != 0) return 0;
  return ntohs(a.sin_port);
}

bool TcpClient::send(std::span<const uint8_t> bytes, Ms timeout) {
  Deadline d(timeout);
  size_t sent = 0;
  while (sent < bytes.size() && fd_ >= 0) {
    ssize_t n = ::send(fd_, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n > 0) {
      sent += static_cast<size_t>(n);
    } else if (errno == EAGAIN || errno == EINTR) {
      if (!wait_ready(fd_, POLLOUT, d)) return last_error_ = ETIMEDOUT, false;
    } else {
      last_error_ = errno;
      return false;
    }
  }
  return sent == bytes.size();
}

ReadResult TcpClient::read(size_t n, Ms timeout) {
  Deadline d(timeout);
  ReadResult r;
  r.bytes.resize(n);
  size_t got = 0;
  while (got < n) {
    ssize_t k = fd_ < 0 ? 0 : ::recv(fd_, r.bytes.data() + got, n - got, 0);
    if (k > 0) {
      got += static_cast<size_t>(k);
      continue;
    }
    if (k < 0 && (errno == EAGAIN || errno == EINTR)) {
      if (wait_ready(fd_, POLLIN, d)) continue;
      r.end = ReadResult::End::timeout;
    } else {
      last_error_ = k == 0 ? 0 : errno;  // EOF, or ECONNRESET: the peer is gone
      r.end = ReadResult::End::closed;
    }
    r.bytes.resize(got);
    return r;
  }
  r.end = ReadResult::End::complete;
  return r;
}

bool TcpClient::wait_closed(Ms timeout) {
  Deadline d(timeout);
  uint8_t buf[4096];
  while (fd_ >= 0) {
    ssize_t k = ::recv(fd_, buf, sizeof buf, 0);
    if (k == 0 || (k < 0 && errno != EAGAIN && errno != EINTR)) {
      last_error_ = k == 0 ? 0 : errno;
      return true;
    }
    if (k < 0 && !wait_ready(fd_, POLLIN, d)) return false;
  }
  return true;
}

bool TcpClient::looks_open() {
  if (fd_ < 0) return false;
  uint8_t b;
  ssize_t k = ::recv(fd_, &b, 1, MSG_PEEK | MSG_DONTWAIT);
  if (k > 0) return true;
  return k < 0 && (errno == EAGAIN || errno == EINTR);
}

}  // namespace mm::test
