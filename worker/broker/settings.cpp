#include "worker/broker/settings.h"

#include "config/config.h"

namespace mm::broker {

BrokerSettings BrokerSettings::from(const config::Config& cfg) {
  BrokerSettings s;
  s.allow_anonymous = cfg.allow_anonymous;
  s.max_inflight_messages = static_cast<uint16_t>(cfg.max_inflight_messages);
  s.max_queued_messages = cfg.max_queued_messages;
  s.max_queued_bytes = cfg.max_queued_bytes;
  s.queue_qos0_messages = cfg.queue_qos0_messages;
  s.retain_available = cfg.retain_available;
  s.sys_interval = cfg.sys_interval;
  s.max_keepalive = static_cast<uint16_t>(cfg.max_keepalive);
  s.topic_alias_maximum = static_cast<uint16_t>(cfg.topic_alias_maximum);
  s.max_client_id_length = static_cast<uint16_t>(cfg.max_client_id_length);
  s.max_topic_length = static_cast<uint16_t>(cfg.max_topic_length);
  s.max_topic_levels = static_cast<uint16_t>(cfg.max_topic_levels);
  s.max_subscriptions_per_client = cfg.max_subscriptions_per_client;
  s.shared_subscription_strategy = cfg.shared_subscription_strategy == "random"
                                       ? SharedStrategy::random
                                       : SharedStrategy::round_robin;
  s.persistent_client_expiration = cfg.persistent_client_expiration;
  s.package_max_length = cfg.package_max_length;
  return s;
}

}  // namespace mm::broker
