// $SYS topics under mosquitto's names, published (retained) every sys_interval seconds.

#include <cmath>
#include <cstdio>
#include <string>

#include "common/version.h"
#include "worker/broker/broker.h"

namespace mm::broker {
namespace {

constexpr double kWindowsMinutes[3] = {1, 5, 15};
constexpr const char* kWindowNames[3] = {"1min", "5min", "15min"};

// Moves an exponentially weighted per-minute rate towards the rate of the last interval.
void update_load(double (&load)[3], uint64_t events, double seconds) {
  if (seconds <= 0) return;
  double per_minute = static_cast<double>(events) * 60.0 / seconds;
  for (int i = 0; i < 3; ++i) {
    double k = std::exp(-seconds / (60.0 * kWindowsMinutes[i]));
    load[i] = load[i] * k + per_minute * (1 - k);
  }
}

std::string number(uint64_t n) {
  return std::to_string(n);
}

std::string decimal(double v) {
  char buf[32];
  snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

}  // namespace

void Broker::publish_sys() {
  uint64_t t = now();
  double seconds = static_cast<double>(t - stats_.last_load_at) / 1000.0;
  if (seconds > 0) {
    update_load(stats_.load_received, stats_.messages_received - stats_.last_received, seconds);
    update_load(stats_.load_sent, stats_.messages_sent - stats_.last_sent, seconds);
    update_load(stats_.load_connections, stats_.clients_total_connects - stats_.last_connects,
                seconds);
    update_load(stats_.load_bytes_received, stats_.bytes_received - stats_.last_bytes_received,
                seconds);
    update_load(stats_.load_bytes_sent, stats_.bytes_sent - stats_.last_bytes_sent, seconds);
    stats_.last_bytes_received = stats_.bytes_received;
    stats_.last_bytes_sent = stats_.bytes_sent;
    stats_.last_received = stats_.messages_received;
    stats_.last_sent = stats_.messages_sent;
    stats_.last_connects = stats_.clients_total_connects;
    stats_.last_load_at = t;
  }
  uint64_t offline = sessions_.size() - stats_.clients_connected;
  std::vector<std::pair<std::string, std::string>> values = {
      {"version", std::string("mqtt-master version ") + common::kVersion},
      {"uptime", number((t - stats_.started_at) / 1000) + " seconds"},
      {"clients/connected", number(stats_.clients_connected)},
      {"clients/active", number(stats_.clients_connected)},
      {"clients/disconnected", number(offline)},
      {"clients/inactive", number(offline)},
      {"clients/total", number(sessions_.size())},
      {"clients/maximum", number(stats_.clients_maximum)},
      {"messages/received", number(stats_.messages_received)},
      {"messages/sent", number(stats_.messages_sent)},
      {"bytes/received", number(stats_.bytes_received)},
      {"bytes/sent", number(stats_.bytes_sent)},
      {"publish/messages/received", number(stats_.publish_received)},
      {"publish/messages/sent", number(stats_.publish_sent)},
      {"publish/messages/dropped", number(stats_.publish_dropped)},
      {"subscriptions/count", number(index_.subscription_count())},
      {"retained messages/count", number(retained_.size())},
  };
  for (int i = 0; i < 3; ++i) {
    values.emplace_back(std::string("load/messages/received/") + kWindowNames[i],
                        decimal(stats_.load_received[i]));
    values.emplace_back(std::string("load/messages/sent/") + kWindowNames[i],
                        decimal(stats_.load_sent[i]));
    values.emplace_back(std::string("load/connections/") + kWindowNames[i],
                        decimal(stats_.load_connections[i]));
    values.emplace_back(std::string("load/bytes/received/") + kWindowNames[i],
                        decimal(stats_.load_bytes_received[i]));
    values.emplace_back(std::string("load/bytes/sent/") + kWindowNames[i],
                        decimal(stats_.load_bytes_sent[i]));
  }
  for (auto& [name, value] : values) {
    auto m = std::make_shared<Message>();
    m->topic = "$SYS/broker/" + name;
    m->payload.assign(value.begin(), value.end());
    m->retain = true;
    MessagePtr msg = std::move(m);
    retain(msg);
    route(msg);
  }
}

}  // namespace mm::broker
