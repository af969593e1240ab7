#pragma once
// A fake systemd NOTIFY_SOCKET: an AF_UNIX datagram socket the server under test sends its
// sd_notify messages ("READY=1\nSTATUS=...") to.

#include <optional>
#include <string>

#include "tests/support/clock.h"

namespace mm::test {

class NotifyReceiver {
 public:
  // `address` is a file path, or "@name" for an abstract socket (as systemd sets either).
  explicit NotifyReceiver(std::string address);
  NotifyReceiver(const NotifyReceiver&) = delete;
  NotifyReceiver& operator=(const NotifyReceiver&) = delete;
  ~NotifyReceiver();

  // The value for the NOTIFY_SOCKET environment variable of the server.
  const std::string& address() const { return address_; }
  std::string env() const { return "NOTIFY_SOCKET=" + address_; }
  // The next datagram; nullopt if none arrives in time.
  std::optional<std::string> receive(Ms timeout = Ms(10000));
  // True when no datagram is waiting right now.
  bool empty();

 private:
  std::string address_;
  int fd_ = -1;
};

}  // namespace mm::test
