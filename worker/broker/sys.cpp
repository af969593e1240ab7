// $SYS topics under mosquitto's names, published (retained) every sys_interval seconds.

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "common/shared_counters.h"
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

// The Stats fields each worker keeps in its shared block, and their slot there.
constexpr std::pair<common::Stat, uint64_t Stats::*> kShared[] = {
    {common::Stat::clients_connected, &Stats::clients_connected},
    {common::Stat::total_connects, &Stats::clients_total_connects},
    {common::Stat::messages_received, &Stats::messages_received},
    {common::Stat::messages_sent, &Stats::messages_sent},
    {common::Stat::bytes_received, &Stats::bytes_received},
    {common::Stat::bytes_sent, &Stats::bytes_sent},
    {common::Stat::publish_received, &Stats::publish_received},
    {common::Stat::publish_sent, &Stats::publish_sent},
    {common::Stat::publish_dropped, &Stats::publish_dropped},
};

bool is_gauge(common::Stat s) {
  return static_cast<size_t>(s) < common::kGauges;
}

}  // namespace

// This worker's figures into its shared block (common/shared_counters.h).
void Broker::store_stats() {
  if (counters_ == nullptr) return;
  common::SlotCounters& b = counters_->slot(self_);
  for (auto [stat, field] : kShared) b.set(stat, static_cast<int64_t>(stats_.*field));
  b.set(common::Stat::sessions, static_cast<int64_t>(sessions_.size()));
  b.set(common::Stat::subscriptions, static_cast<int64_t>(index_.subscription_count()));
}

// A successor of a worker that died continues its counters, so that the sums never go back.
void Broker::load_stats() {
  if (counters_ == nullptr) return;
  common::SlotCounters& b = counters_->slot(self_);
  for (auto [stat, field] : kShared) {
    if (!is_gauge(stat)) stats_.*field = static_cast<uint64_t>(b.get(stat));
  }
}

// The sum of `s` over every slot's block (never below 0 while a dead slot is being zeroed).
uint64_t Broker::server_total(common::Stat s) const {
  return static_cast<uint64_t>(std::max<int64_t>(0, counters_->total(s)));
}

// The figures of the whole server: this worker's, or the sum over every slot's block.
Stats Broker::server_stats() const {
  Stats sum = stats_;
  if (counters_ == nullptr) return sum;
  for (auto [stat, field] : kShared) sum.*field = server_total(stat);
  return sum;
}

// One worker publishes $SYS for the whole server: the lowest serving slot.
void Broker::publish_sys() {
  store_stats();
  if (bus_ != nullptr && !bus_->members().empty() && bus_->members().front() != self_) return;
  Stats now_stats = server_stats();
  uint64_t sessions = sessions_.size();
  uint64_t subscriptions = index_.subscription_count();
  if (counters_ != nullptr) {
    sessions = server_total(common::Stat::sessions);
    subscriptions = server_total(common::Stat::subscriptions);
  }
  uint64_t t = now();
  double seconds = static_cast<double>(t - stats_.last_load_at) / 1000.0;
  if (seconds > 0) {
    update_load(stats_.load_received, now_stats.messages_received - stats_.last_received, seconds);
    update_load(stats_.load_sent, now_stats.messages_sent - stats_.last_sent, seconds);
    update_load(stats_.load_connections, now_stats.clients_total_connects - stats_.last_connects,
                seconds);
    update_load(stats_.load_bytes_received, now_stats.bytes_received - stats_.last_bytes_received,
                seconds);
    update_load(stats_.load_bytes_sent, now_stats.bytes_sent - stats_.last_bytes_sent, seconds);
    stats_.last_bytes_received = now_stats.bytes_received;
    stats_.last_bytes_sent = now_stats.bytes_sent;
    stats_.last_received = now_stats.messages_received;
    stats_.last_sent = now_stats.messages_sent;
    stats_.last_connects = now_stats.clients_total_connects;
    stats_.last_load_at = t;
  }
  stats_.clients_maximum = std::max(stats_.clients_maximum, now_stats.clients_connected);
  uint64_t offline =
      sessions > now_stats.clients_connected ? sessions - now_stats.clients_connected : 0;
  std::vector<std::pair<std::string, std::string>> values = {
      {"version", std::string("mqtt-master version ") + common::kVersion},
      {"uptime", number((t - stats_.started_at) / 1000) + " seconds"},
      {"clients/connected", number(now_stats.clients_connected)},
      {"clients/active", number(now_stats.clients_connected)},
      {"clients/disconnected", number(offline)},
      {"clients/inactive", number(offline)},
      {"clients/total", number(sessions)},
      {"clients/maximum", number(stats_.clients_maximum)},
      {"messages/received", number(now_stats.messages_received)},
      {"messages/sent", number(now_stats.messages_sent)},
      {"bytes/received", number(now_stats.bytes_received)},
      {"bytes/sent", number(now_stats.bytes_sent)},
      {"publish/messages/received", number(now_stats.publish_received)},
      {"publish/messages/sent", number(now_stats.publish_sent)},
      {"publish/messages/dropped", number(now_stats.publish_dropped)},
      {"subscriptions/count", number(subscriptions)},
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
    auto m = new_message();
    m->topic = "$SYS/broker/" + name;
    m->payload.assign(value.begin(), value.end());
    m->retain = true;
    MessagePtr msg = std::move(m);
    retain(msg);
    route(msg, true);
  }
}

}  // namespace mm::broker
