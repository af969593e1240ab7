// mqtt-forwarder still forwards: started like the broker in the process tests (127.0.0.1 port
// 0, a temporary configuration, worker_num 1), then one second of mqtt-bench load. mqtt-bench
// exits 3 when a message is lost or duplicated and 1 when a client cannot connect or subscribe,
// so exit 0 means every message reached its subscriber once.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "tests/support/server_process.h"

namespace mm::test {
namespace {

constexpr Ms kWait{10000};

// One second of `scenario` at `qos` against a fresh forwarder; the test fails unless mqtt-bench
// exits 0 and the forwarder is still running.
void bench_load(const std::string& scenario, int qos) {
  nlohmann::json config = {
      {"worker_num", 1},
      {"listeners", nlohmann::json::array({{{"host", "127.0.0.1"}, {"port", 0}}})},
      {"log_level", "info"},
  };
  ServerProcess forwarder(MM_FORWARDER, config);
  INFO(forwarder.log().text());
  REQUIRE_MESSAGE(forwarder.start(kWait), forwarder.error());
  REQUIRE(forwarder.port() != 0);
  std::vector<std::string> args = {"--host",     "127.0.0.1",
                                   "--port",     std::to_string(forwarder.port()),
                                   "--scenario", scenario,
                                   "--clients",  "20",
                                   "--qos",      std::to_string(qos),
                                   "--duration", "1"};
  RunResult r = run_program(MM_BENCH_CLIENT, args, Ms(30000));
  INFO("mqtt-bench: " << r.out << r.err);
  REQUIRE(r.status.has_value());
  CHECK(r.status->exited_with(0));
  auto report = nlohmann::json::parse(r.out.substr(0, r.out.find('\n')), nullptr, false);
  REQUIRE(report.is_object());
  CHECK(report.value("delivered", 0) > 0);
  CHECK(forwarder.signal(0));
  CHECK(forwarder.sanitizer_reports().empty());
}

TEST_CASE("forwarder: pairs at QoS 0 - 1 worker") {
  bench_load("pairs", 0);
}
TEST_CASE("forwarder: pairs at QoS 1 - 1 worker") {
  bench_load("pairs", 1);
}
TEST_CASE("forwarder: pairs at QoS 2 - 1 worker") {
  bench_load("pairs", 2);
}
TEST_CASE("forwarder: fanin at QoS 0, a '+' subscription - 1 worker") {
  bench_load("fanin", 0);
}

}  // namespace
}  // namespace mm::test
