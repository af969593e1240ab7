#pragma once
// A plain listening socket on a free loopback port (no SO_REUSEPORT): a test uses it to hold
// a port busy, so that a server that tries to bind it fails.

#include <cstdint>
#include <string>

namespace mm::test {

class TcpListener {
 public:
  explicit TcpListener(const std::string& host = "127.0.0.1");  // aborts when it cannot listen
  TcpListener(const TcpListener&) = delete;
  TcpListener& operator=(const TcpListener&) = delete;
  ~TcpListener();

  uint16_t port() const { return port_; }

 private:
  int fd_ = -1;
  uint16_t port_ = 0;
};

}  // namespace mm::test
