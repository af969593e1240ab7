#pragma once
// The broker's protocol suite: each test case starts its own mqtt-master on port 0 from a
// temporary configuration and talks to it with the independent client of tests/wire (never
// common/mqtt). Every test runs at worker_num 1 and at worker_num 4; the worker_num 4 cases
// are in the doctest suite "multiworker" (ctest label too).

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/support/server_process.h"
#include "tests/wire/client.h"

namespace mm::test::broker {

using namespace mm::test::wire;  // the suite speaks in packets, options and clients

// Generous: the suite runs twice in CI (once under ASan) on two loaded cores.
inline constexpr Ms kWait{10000};
// How long "nothing arrives" is watched where no marker message can prove an absence.
inline constexpr Ms kQuiet{400};

// What a test case runs with.
struct Setup {
  unsigned workers = 1;
  uint8_t version = wire::v5;  // for tests written for 3.1.1 and 5.0 alike
  bool v5() const { return version == wire::v5; }
};

// One listener on 127.0.0.1 port 0, log at info, plus `overrides` (the broker's keys).
nlohmann::json broker_config(unsigned workers, const nlohmann::json& overrides);

class Broker {
 public:
  // Starts the broker and waits until it serves; fails the test otherwise.
  explicit Broker(const Setup& s, const nlohmann::json& overrides = nlohmann::json::object());
  ~Broker();  // fails the test on any sanitizer report in the broker's output

  uint16_t port() const { return server_.port(); }
  ServerProcess& server() { return server_; }
  const LogWatch& log() const { return server_.log(); }

  // A TCP connection that has sent nothing yet (version 0 = the setup's).
  Client client(const std::string& name, uint8_t version = 0);
  // A connection whose CONNECT (client id = `id` unless `o` names one) got CONNACK 0.
  Client connected(const std::string& id, ConnectOptions o = {}, uint8_t version = 0);

 private:
  Setup setup_;
  ServerProcess server_;
};

// CONNECT options for a session that outlives its connection: clean session 0, and in 5.0 a
// Session Expiry Interval of 600 s.
ConnectOptions persistent(const Setup& s, const std::string& id);

// The next PUBLISH on `c` (acknowledged), which must be `payload` on `topic`.
Incoming expect_message(Client& c, const std::string& topic, const std::string& payload);
// Publishes `payload` on `marker` from `pub` (QoS 1) and reads `sub`'s PUBLISHes until it
// arrives; returns those that came before it. With one publisher, order is kept, so an empty
// result proves nothing else was on its way.
std::vector<Incoming> before_marker(Client& pub, Client& sub, const std::string& marker);
// The same, for a subscriber whose earlier messages all came from other sessions: succeeds
// when the marker is the very next PUBLISH.
void expect_only_marker(Client& pub, Client& sub, const std::string& marker);
// Reads PUBLISHes until nothing arrives for kQuiet; returns them all (acknowledged).
std::vector<Incoming> drain(Client& c);
// Payloads of `msgs`, in order.
std::vector<std::string> payloads(const std::vector<Incoming>& msgs);

}  // namespace mm::test::broker

// Defines a test run at worker_num 1 and (suite "multiworker") at worker_num 4.
#define MM_BROKER_TEST(name, fn)                                        \
  static void fn(const ::mm::test::broker::Setup& s);                   \
  TEST_CASE(name " - 1 worker") {                                       \
    fn({1, ::mm::test::wire::v5});                                      \
  }                                                                     \
  TEST_CASE(name " - 4 workers" * doctest::test_suite("multiworker")) { \
    fn({4, ::mm::test::wire::v5});                                      \
  }                                                                     \
  static void fn(const ::mm::test::broker::Setup& s)

// The same for MQTT 3.1.1 and 5.0: four test cases.
#define MM_BROKER_TEST_BOTH(name, fn)                                           \
  static void fn(const ::mm::test::broker::Setup& s);                           \
  TEST_CASE(name " - 3.1.1 - 1 worker") {                                       \
    fn({1, ::mm::test::wire::v311});                                            \
  }                                                                             \
  TEST_CASE(name " - 5.0 - 1 worker") {                                         \
    fn({1, ::mm::test::wire::v5});                                              \
  }                                                                             \
  TEST_CASE(name " - 3.1.1 - 4 workers" * doctest::test_suite("multiworker")) { \
    fn({4, ::mm::test::wire::v311});                                            \
  }                                                                             \
  TEST_CASE(name " - 5.0 - 4 workers" * doctest::test_suite("multiworker")) {   \
    fn({4, ::mm::test::wire::v5});                                              \
  }                                                                             \
  static void fn(const ::mm::test::broker::Setup& s)
