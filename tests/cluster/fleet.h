#pragma once
// Many Conn objects driven by one poll(2) loop in the test's thread: step() waits for at most
// a given time, then hands back what happened on every connection.

#include <cstdint>
#include <vector>

#include "tests/cluster/conn.h"

namespace mm::test::cluster {

struct FleetEvent {
  size_t client;
  ConnEvent event;
};

class Fleet {
 public:
  explicit Fleet(uint16_t port) : port_(port) {}

  size_t add(ConnSpec spec);
  size_t size() const { return conns_.size(); }
  Conn& at(size_t i) { return conns_[i]; }
  const Conn& at(size_t i) const { return conns_[i]; }
  uint16_t port() const { return port_; }
  std::vector<uint16_t> local_ports() const;  // of the connected ones

  // Opens client i (TCP and CONNECT); a failure to connect is reported as a lost event.
  void open(size_t i, std::vector<FleetEvent>& out);
  // Waits up to `timeout_ms` for traffic, reads and writes what is ready.
  void step(int timeout_ms, std::vector<FleetEvent>& out);

 private:
  uint16_t port_;
  std::vector<Conn> conns_;
};

}  // namespace mm::test::cluster
