#pragma once
// The configuration model: what a validated server.json means. Produced by load_config()
// (config/loader.h) from the declared key table (config/keys.h); nothing else builds one.

#include <cstdint>
#include <string>
#include <vector>

#include "common/log.h"

namespace mm::config {

struct Listener {
  std::string host;   // numeric IPv4 or IPv6 address
  uint16_t port = 0;  // 0 = ephemeral: the master picks one port for all slots and logs it
  bool operator==(const Listener&) const = default;
};

struct Config {
  unsigned worker_num = 1;                        // default: CPU count
  std::vector<Listener> listeners;                // default: one on 127.0.0.1:1883
  uint32_t package_max_length = 2 * 1024 * 1024;  // largest packet accepted, fixed header included
  uint32_t connect_max_length = 128 * 1024;       // largest first packet (CONNECT)
  uint32_t max_connection = 100000;               // connections over all workers
  double connect_timeout = 10;                    // seconds to send a whole CONNECT
  double heartbeat_idle_time = 0;                 // seconds without input before close; 0 = off
  uint32_t socket_buffer_size = 8 * 1024 * 1024;  // bytes queued for one peer before it is dropped
  std::string pid_file;                           // empty = none
  std::string log_file;                           // empty = stderr
  common::LogLevel log_level = common::LogLevel::info;
  double shutdown_timeout = 10;  // seconds before stragglers are killed

  bool operator==(const Config&) const = default;
};

}  // namespace mm::config
