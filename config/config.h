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

  // The broker (worker/broker/): limits and features, mosquitto's names.
  bool allow_anonymous = true;              // false: a CONNECT without a user name is refused
  uint32_t max_inflight_messages = 20;      // per client, outbound; also our Receive Maximum
  uint32_t max_queued_messages = 1000;      // per session, beyond the in-flight window
  uint64_t max_queued_bytes = 64ull << 20;  // per session
  bool queue_qos0_messages = false;         // queue QoS 0 for offline persistent sessions
  bool retain_available = true;
  double sys_interval = 10;           // seconds between $SYS updates; 0 = off
  uint32_t max_keepalive = 65535;     // seconds
  uint32_t topic_alias_maximum = 10;  // aliases a client may use towards us
  uint32_t max_client_id_length = 65535;
  uint32_t max_topic_length = 65535;
  uint32_t max_topic_levels = 128;
  uint32_t max_subscriptions_per_client = 1000;
  std::string shared_subscription_strategy = "round_robin";  // or "random"
  uint32_t persistent_client_expiration = 0;  // seconds; 0 = 3.1.1 sessions never expire

  bool operator==(const Config&) const = default;
};

}  // namespace mm::config
