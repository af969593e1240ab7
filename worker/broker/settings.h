#pragma once
// What the broker takes from the configuration; every value is bounded by the key table
// (config/README.md). Refreshed on a live reload.

#include <cstddef>
#include <cstdint>

namespace mm::config {
struct Config;
}

namespace mm::broker {

enum class SharedStrategy { round_robin, random };

struct BrokerSettings {
  bool allow_anonymous = true;
  uint16_t max_inflight_messages = 20;  // outbound window per client; our Receive Maximum
  uint32_t max_queued_messages = 1000;  // per session, beyond the in-flight window
  uint64_t max_queued_bytes = 64ull << 20;
  bool queue_qos0_messages = false;
  bool retain_available = true;
  double sys_interval = 10;  // seconds; 0 = no $SYS
  uint16_t max_keepalive = 65535;
  uint16_t topic_alias_maximum = 10;
  uint16_t max_client_id_length = 65535;
  uint16_t max_topic_length = 65535;
  uint16_t max_topic_levels = 128;
  uint32_t max_subscriptions_per_client = 1000;
  SharedStrategy shared_subscription_strategy = SharedStrategy::round_robin;
  uint32_t persistent_client_expiration = 0;  // seconds; 0 = 3.1.1 sessions never expire
  uint32_t package_max_length = 2u << 20;     // our Maximum Packet Size

  static BrokerSettings from(const config::Config& cfg);
};

}  // namespace mm::broker
