#pragma once
// The command line of mqtt-bench.

#include <cstdint>
#include <optional>
#include <string>

namespace mm::bench {

enum class Scenario { fanin, fanout, pairs, idle, connrate };

struct Options {
  Scenario scenario = Scenario::pairs;
  std::string host = "127.0.0.1";
  uint16_t port = 1883;
  uint8_t qos = 0;
  uint32_t payload = 64;  // bytes, at least 16 (the stamp)
  double duration = 10;   // seconds of measured load
  // Clients: fanin publishers, fanout subscribers, pairs, idle connections, connrate
  // connections cycling at once. 0 = the scenario's default.
  uint32_t clients = 0;
  uint32_t threads = 1;
  // max-rate: messages per publisher sent but not yet received by its slowest receiver.
  // 0 = the default: 100, but in fanin at most 500 over all publishers (500 / publishers,
  // at least 1), since the one subscriber has every publisher's window outstanding at once.
  // That keeps what waits for any one subscriber at or under 500 messages, well below the
  // 1000 queued messages both brokers are given by scripts/bench, so neither has a reason to
  // drop.
  uint32_t inflight = 0;
  // QoS 1/2 PUBLISH packets a publisher leaves unacknowledged at once. A broker bounds what it
  // takes: mosquitto acknowledges and silently drops what comes past its max_inflight_messages
  // (20 by default), as MQTT 5's Receive Maximum would have refused.
  uint32_t max_unacked = 20;
  double rate = 0;         // > 0: fixed rate (messages/s over all publishers) for latency
  bool subscribe = false;  // idle: one subscription per connection
  uint16_t keep_alive = 60;
  double drain_timeout = 5;  // seconds to wait for the last messages after the load stops
  std::string label;         // copied into the JSON line (e.g. the broker's name)
};

const char* scenario_name(Scenario s);
// The options, or nullopt after printing the problem (or the usage) to stderr.
std::optional<Options> parse_options(int argc, char** argv);

}  // namespace mm::bench
