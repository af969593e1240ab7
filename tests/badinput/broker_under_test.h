#pragma once
// The broker binary under test, started once per group of rows on a port-0 listener with the
// limits the rows rely on (rows.h), and stopped (killed, reaped) by the destructor.

#include <cstdint>
#include <string>

#include "tests/support/server_process.h"

namespace mm::test::badinput {

struct BrokerOptions {
  unsigned worker_num = 1;
  double connect_timeout = 10;  // seconds
  uint32_t socket_buffer_size = 65536;
};

class BrokerUnderTest {
 public:
  explicit BrokerUnderTest(const BrokerOptions& o);
  bool started() const { return started_; }
  const std::string& error() const { return server_.error(); }
  uint16_t port() const { return server_.port(); }
  ServerProcess& server() { return server_; }
  // True while the master and the very workers it started still run (none crashed and was
  // replaced).
  bool all_alive();

 private:
  ServerProcess server_;
  std::map<unsigned, pid_t> workers_;
  bool started_ = false;
};

}  // namespace mm::test::badinput
