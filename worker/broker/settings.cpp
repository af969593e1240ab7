#include "worker/broker/settings.h"

#include "config/config.h"

namespace mm::broker {

BrokerSettings BrokerSettings::from(const config::Config& cfg) {
  BrokerSettings s;
  s.package_max_length = cfg.package_max_length;
  return s;
}

}  // namespace mm::broker
