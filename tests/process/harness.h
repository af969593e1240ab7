#pragma once
// Shared pieces of the process tests: the binary, a base configuration, MQTT 3.1.1 packets
// written byte by byte (never with common/mqtt), and a server fixture that fails the test on
// any sanitizer report and shows the server's output when an assertion fails.

#include <doctest/doctest.h>

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "tests/support/clock.h"
#include "tests/support/server_process.h"
#include "tests/support/tcp_client.h"

namespace mm::test {

inline const std::string kBinary = MM_BINARY;  // $<TARGET_FILE:mqtt-master>

// Generous waits for a loaded 2-core machine (the suite also runs under ASan).
inline constexpr Ms kWait{10000};
// The hard limit for "respawned and serving" and "workers gone with the master".
inline constexpr Ms kOneSecond{1000};

// One listener on 127.0.0.1 port 0, `workers` workers, logs at info level; then the keys of
// `overrides` replace or add to these.
nlohmann::json base_config(unsigned workers,
                           const nlohmann::json& overrides = nlohmann::json::object());

// CONNECT: MQTT 3.1.1, clean session, keep-alive 60, client id "p".
inline const std::vector<uint8_t> kConnect = {0x10, 0x0D, 0x00, 0x04, 'M',  'Q',  'T', 'T',
                                              0x04, 0x02, 0x00, 0x3C, 0x00, 0x01, 'p'};
inline const std::vector<uint8_t> kConnack = {0x20, 0x02, 0x00, 0x00};
inline const std::vector<uint8_t> kPingreq = {0xC0, 0x00};
inline const std::vector<uint8_t> kPingresp = {0xD0, 0x00};
inline const std::vector<uint8_t> kDisconnect = {0xE0, 0x00};

// The Remaining Length field for `n` (1 to 4 bytes, 7 bits each, low group first).
std::vector<uint8_t> remaining_length(size_t n);
// A QoS 0 PUBLISH of `payload` to `topic`.
std::vector<uint8_t> publish(std::string_view topic, std::string_view payload);

// The server under test with this test's expectations built in.
class TestServer : public ServerProcess {
 public:
  explicit TestServer(const nlohmann::json& config, std::vector<std::string> env = {})
      : ServerProcess(kBinary, config, std::move(env)) {}
  ~TestServer();
  // Starts and waits for "ready"; fails the test otherwise. Returns the workers by slot.
  std::map<unsigned, pid_t> start_serving(unsigned workers);
  std::string output() const { return log().text(); }
};

// Connects to `port`, sends CONNECT and requires CONNACK.
TcpClient mqtt_client(uint16_t port, const std::string& host = "127.0.0.1");
// Sends PINGREQ and reads PINGRESP: true when the connection still serves.
bool ping(TcpClient& c);
// The pid of the worker that logged accepting `c` ("client connected: 127.0.0.1:PORT").
pid_t served_by(const LogWatch& log, const TcpClient& c, size_t from = 0);
// Opens MQTT connections (to the server's port, or `port` on `host`) until every worker in
// `workers` serves at least one; returns one connection per worker pid. Fails the test if that
// takes more than 200 connections (the kernel spreads them by a hash of the addresses).
std::map<pid_t, TcpClient> one_client_per_worker(TestServer& s,
                                                 const std::map<unsigned, pid_t>& workers,
                                                 uint16_t port = 0,
                                                 const std::string& host = "127.0.0.1");
// The pid in a master line "slot N: worker PID started ...".
pid_t started_pid(const LogLine& line);

}  // namespace mm::test

// Defines the test twice, at worker_num 1 and at worker_num 3: every test that serves
// connections runs with one worker and with several.
#define MM_SERVING_TEST(name, fn)   \
  static void fn(unsigned workers); \
  TEST_CASE(name " - 1 worker") {   \
    fn(1);                          \
  }                                 \
  TEST_CASE(name " - 3 workers") {  \
    fn(3);                          \
  }                                 \
  static void fn(unsigned workers)
