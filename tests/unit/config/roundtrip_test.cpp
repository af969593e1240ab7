// to_json() writes every key, and what it writes loads back as the same configuration.

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "config/keys.h"
#include "tests/unit/config/helpers.h"

namespace mm::config {
namespace {

Config round_trip(const Config& cfg) {
  return test::load_ok(to_json(cfg));
}

TEST_CASE("to_json round trip") {
  SUBCASE("defaults") {
    CHECK(round_trip(default_config()) == default_config());
  }
  SUBCASE("every key changed") {
    Config cfg;
    cfg.worker_num = 7;
    cfg.listeners = {{"::", 0}, {"10.1.2.3", 8883}, {"fe80::1", 65535}};
    cfg.package_max_length = 268435460;
    cfg.connect_max_length = 16;
    cfg.max_connection = 1;
    cfg.connect_timeout = 0.1;
    cfg.heartbeat_idle_time = 1.0 / 3;
    cfg.socket_buffer_size = 1 << 30;
    cfg.pid_file = "/run/mqtt-master.pid";
    cfg.log_file = "/var/log/mqtt \"master\" \xC3\xA9.log";
    cfg.log_level = common::LogLevel::error;
    cfg.shutdown_timeout = 3600;
    CHECK(round_trip(cfg) == cfg);
  }
  SUBCASE("loaded from a small file") {
    Config cfg =
        test::load_ok(R"({"worker_num": 1, "log_level": "warn", "heartbeat_idle_time": 90})");
    CHECK(round_trip(cfg) == cfg);
  }
}

TEST_CASE("to_json writes every top-level key of the table, in table order") {
  nlohmann::ordered_json doc = nlohmann::ordered_json::parse(to_json(default_config()));
  std::vector<std::string> written;
  for (const auto& [key, value] : doc.items()) written.push_back("/" + key);
  std::vector<std::string> table;
  for (const KeyInfo& key : key_table()) {
    if (std::string(key.path).find('/', 1) == std::string::npos) table.push_back(key.path);
  }
  CHECK(written == table);
  CHECK(doc["listeners"] == nlohmann::ordered_json::parse(R"([{"host":"127.0.0.1","port":1883}])"));
  CHECK(doc["log_level"] == "info");
}

}  // namespace
}  // namespace mm::config
