#include <doctest/doctest.h>

#include <thread>

#include "config/loader.h"
#include "tests/unit/config/helpers.h"

namespace mm::config {
namespace {

TEST_CASE("an empty object loads every default") {
  Config cfg = test::load_ok("{}");
  unsigned cpus = std::thread::hardware_concurrency();
  CHECK(cfg.worker_num == (cpus == 0 ? cfg.worker_num : std::min(cpus, 1024u)));
  CHECK(cfg.worker_num >= 1);
  REQUIRE(cfg.listeners.size() == 1);
  CHECK(cfg.listeners[0] == Listener{"127.0.0.1", 1883});
  CHECK(cfg.package_max_length == 2 * 1024 * 1024);
  CHECK(cfg.connect_max_length == 128 * 1024);
  CHECK(cfg.max_connection == 100000);
  CHECK(cfg.connect_timeout == 10);
  CHECK(cfg.heartbeat_idle_time == 0);
  CHECK(cfg.socket_buffer_size == 8 * 1024 * 1024);
  CHECK(cfg.pid_file.empty());
  CHECK(cfg.log_file.empty());
  CHECK(cfg.log_level == common::LogLevel::info);
  CHECK(cfg.shutdown_timeout == 10);
  CHECK(cfg == default_config());
}

TEST_CASE("defaults bounded by package_max_length follow it") {
  SUBCASE("connect_max_length shrinks to a smaller package_max_length") {
    Config cfg = test::load_ok(R"({"package_max_length": 1000})");
    CHECK(cfg.connect_max_length == 1000);
    CHECK(cfg.socket_buffer_size == 8 * 1024 * 1024);
  }
  SUBCASE("socket_buffer_size grows to a larger package_max_length") {
    Config cfg = test::load_ok(R"({"package_max_length": 16777216})");
    CHECK(cfg.socket_buffer_size == 16777216);
    CHECK(cfg.connect_max_length == 128 * 1024);
  }
}

TEST_CASE("given keys replace defaults and leave the others alone") {
  Config cfg = test::load_ok(R"({"worker_num": 3, "log_level": "debug"})");
  CHECK(cfg.worker_num == 3);
  CHECK(cfg.log_level == common::LogLevel::debug);
  Config expected = default_config();
  expected.worker_num = 3;
  expected.log_level = common::LogLevel::debug;
  CHECK(cfg == expected);
}

}  // namespace
}  // namespace mm::config
