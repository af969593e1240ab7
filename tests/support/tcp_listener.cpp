#include "tests/support/tcp_listener.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>

namespace mm::test {

TcpListener::TcpListener(const std::string& host) {
  sockaddr_in a{};
  a.sin_family = AF_INET;
  socklen_t len = sizeof a;
  fd_ = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  bool ok = fd_ >= 0 && inet_pton(AF_INET, host.c_str(), &a.sin_addr) == 1 &&
            bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0 && listen(fd_, 16) == 0 &&
            getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len) == 0;
  if (!ok) {
    perror("test listener");
    abort();
  }
  port_ = ntohs(a.sin_port);
}

TcpListener::~TcpListener() {
  if (fd_ >= 0) close(fd_);
}

}  // namespace mm::test
