#pragma once
// A blocking TCP client for process tests: every call has a deadline, bytes are raw (tests
// build their MQTT packets by hand), and a close by the peer (EOF or reset) is an outcome,
// not an error.

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "tests/support/clock.h"

namespace mm::test {

struct ReadResult {
  enum class End { complete, closed, timeout };
  std::vector<uint8_t> bytes;  // what arrived, possibly fewer than asked for
  End end = End::timeout;
  bool complete() const { return end == End::complete; }
};

class TcpClient {
 public:
  TcpClient() = default;
  TcpClient(TcpClient&& other) noexcept;
  TcpClient& operator=(TcpClient&& other) noexcept;
  TcpClient(const TcpClient&) = delete;
  TcpClient& operator=(const TcpClient&) = delete;
  ~TcpClient();

  // Connects (TCP_NODELAY on). `rcvbuf` > 0 sets SO_RCVBUF first (a small window makes a
  // slow reader). Returns 0 or an errno value (ECONNREFUSED, ETIMEDOUT...).
  int connect(const std::string& host, uint16_t port, Ms timeout = Ms(5000), int rcvbuf = 0);
  bool connected() const { return fd_ >= 0; }
  int fd() const { return fd_; }
  uint16_t local_port() const;

  // Sends every byte; false if the connection failed (errno in last_error()) or the deadline
  // passed first.
  bool send(std::span<const uint8_t> bytes, Ms timeout = Ms(5000));
  bool send(std::initializer_list<uint8_t> bytes, Ms timeout = Ms(5000)) {
    return send(std::span<const uint8_t>(bytes.begin(), bytes.size()), timeout);
  }
  // Reads exactly `n` bytes unless the peer closes or the deadline passes first.
  ReadResult read(size_t n, Ms timeout = Ms(5000));
  // Reads and discards until the peer closes (true) or the deadline passes (false).
  bool wait_closed(Ms timeout = Ms(5000));
  // True when nothing says the peer has closed: no EOF or reset is pending (does not wait).
  bool looks_open();
  void close();
  int last_error() const { return last_error_; }

 private:
  int fd_ = -1;
  int last_error_ = 0;
};

}  // namespace mm::test
