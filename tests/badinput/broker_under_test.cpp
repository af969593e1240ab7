#include "tests/badinput/broker_under_test.h"

#include <cstdlib>

#include "tests/badinput/rows.h"

#ifndef MM_BROKER_BINARY
#error "MM_BROKER_BINARY must name the broker binary (set by CMake)"
#endif

namespace mm::test::badinput {
namespace {

nlohmann::json config(const BrokerOptions& o) {
  return {
      {"worker_num", o.worker_num},
      {"listeners", {{{"host", "127.0.0.1"}, {"port", 0}}}},
      {"package_max_length", kPackageMaxLength},
      {"connect_timeout", o.connect_timeout},
      {"socket_buffer_size", o.socket_buffer_size},
      {"log_level", "info"},
  };
}

// The binary under test: MM_BADINPUT_BINARY in the environment, else the one CMake built.
std::string binary() {
  const char* b = std::getenv("MM_BADINPUT_BINARY");
  return b != nullptr && *b != '\0' ? b : MM_BROKER_BINARY;
}

}  // namespace

BrokerUnderTest::BrokerUnderTest(const BrokerOptions& o) : server_(binary(), config(o)) {
  if (!server_.start()) return;
  auto workers = server_.wait_workers(o.worker_num);
  if (!workers) return;
  workers_ = *workers;
  started_ = true;
}

bool BrokerUnderTest::all_alive() {
  return server_.pid() > 0 && !is_gone(server_.pid()) && server_.workers() == workers_;
}

}  // namespace mm::test::badinput
