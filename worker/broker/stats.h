#pragma once
// The counters behind $SYS (mosquitto's names, see sys.cpp).

#include <cstdint>

namespace mm::broker {

struct Stats {
  uint64_t started_at = 0;  // loop ms
  uint64_t clients_total_connects = 0;
  uint64_t clients_maximum = 0;
  uint64_t clients_connected = 0;
  uint64_t messages_received = 0;  // MQTT packets of any type
  uint64_t messages_sent = 0;
  uint64_t bytes_received = 0;
  uint64_t bytes_sent = 0;
  uint64_t publish_received = 0;
  uint64_t publish_sent = 0;
  uint64_t publish_dropped = 0;  // queue bounds, Maximum Packet Size, expiry
  // Exponentially weighted rates (per minute) over 1, 5 and 15 minutes, as mosquitto's load.
  double load_received[3] = {0, 0, 0};
  double load_sent[3] = {0, 0, 0};
  double load_connections[3] = {0, 0, 0};
  double load_bytes_received[3] = {0, 0, 0};
  double load_bytes_sent[3] = {0, 0, 0};
  uint64_t last_received = 0, last_sent = 0, last_connects = 0;
  uint64_t last_bytes_received = 0, last_bytes_sent = 0;
  uint64_t last_load_at = 0;
};

}  // namespace mm::broker
