// The broker's topic indexes at fleet scale: one PUBLISH matched against 100,000 subscriptions
// (99,000 exact device topics and 1,000 wildcard filters), one SUBSCRIBE's retained lookup
// against 100,000 retained topics, and the subscribe/unsubscribe pair. One iteration is one
// match (or one pair), so the reported time is ns per operation. A linear scan with
// mm::mqtt::topic_matches shows what the trie saves.
#include <benchmark/benchmark.h>

#include <malloc.h>

#include <cstdint>
#include <string>
#include <vector>

#include "common/mqtt/topic.h"
#include "worker/broker/retained_store.h"
#include "worker/broker/subscription_index.h"

namespace mm::broker {
namespace {

constexpr int kRegions = 10;
constexpr int kDevicesPerRegion = 9'900;  // 99,000 exact filters

std::string device_topic(int region, int device, const char* leaf) {
  return "fleet/r" + std::to_string(region) + "/d" + std::to_string(device) + "/" + leaf;
}

// 1,000 wildcard filters: per region and per device group, the shapes dashboards use.
std::vector<std::string> wildcard_filters() {
  std::vector<std::string> out;
  for (int r = 0; r < kRegions; ++r) {
    const std::string region = "fleet/r" + std::to_string(r);
    out.push_back(region + "/#");
    out.push_back(region + "/+/alarm");
    for (int d = 0; d < 98; ++d) out.push_back(region + "/d" + std::to_string(d * 101) + "/#");
  }
  return out;
}

struct Fleet {
  SubscriptionIndex index;
  std::vector<std::string> filters;
  double index_bytes = 0;  // heap held by the index (glibc's count of bytes in use)

  Fleet() {
    SessionId id = 1;
    for (int r = 0; r < kRegions; ++r) {
      for (int d = 0; d < kDevicesPerRegion; ++d) filters.push_back(device_topic(r, d, "cmd"));
    }
    for (std::string& f : wildcard_filters()) filters.push_back(std::move(f));
    const size_t before = mallinfo2().uordblks;
    for (const std::string& f : filters) index.subscribe(f, id++, SubOptions{.max_qos = 1});
    index_bytes = static_cast<double>(mallinfo2().uordblks - before);
  }
};

Fleet& fleet() {
  static Fleet f;
  return f;
}

void match_topic(benchmark::State& state, const std::string& topic) {
  Fleet& f = fleet();
  size_t found = 0;
  for (auto _ : state) {
    f.index.match(
        topic, [&](SessionId, const SubOptions&) { ++found; }, [&](SharedGroup&) { ++found; });
  }
  benchmark::DoNotOptimize(found);
  state.counters["subscriptions"] = static_cast<double>(f.index.subscription_count());
  state.counters["bytes/sub"] = f.index_bytes / static_cast<double>(f.index.subscription_count());
  state.counters["matched"] = static_cast<double>(found) / static_cast<double>(state.iterations());
}

// A command to one device: its exact filter and the region's "#".
void BM_MatchDeviceCommand(benchmark::State& state) {
  match_topic(state, device_topic(4, 4711, "cmd"));
}
BENCHMARK(BM_MatchDeviceCommand);

// An alarm of a device that also has a per-device "#": three filters.
void BM_MatchDeviceAlarm(benchmark::State& state) {
  match_topic(state, device_topic(7, 505, "alarm"));
}
BENCHMARK(BM_MatchDeviceAlarm);

// Nobody subscribed (a different root): the walk stops at the first level.
void BM_MatchNobody(benchmark::State& state) {
  match_topic(state, "plant/line3/press/temperature");
}
BENCHMARK(BM_MatchNobody);

// What the trie replaces: every filter tested with topic_matches.
void BM_LinearScanReference(benchmark::State& state) {
  Fleet& f = fleet();
  const std::string topic = device_topic(4, 4711, "cmd");
  size_t found = 0;
  for (auto _ : state) {
    for (const std::string& filter : f.filters) found += mqtt::topic_matches(filter, topic);
  }
  benchmark::DoNotOptimize(found);
}
BENCHMARK(BM_LinearScanReference)->Unit(benchmark::kMicrosecond);

// One session coming and going on its own device topic in the full index.
void BM_SubscribeUnsubscribe(benchmark::State& state) {
  Fleet& f = fleet();
  const std::string filter = device_topic(3, 123, "config");
  for (auto _ : state) {
    f.index.subscribe(filter, 999'999, SubOptions{});
    f.index.unsubscribe(filter, 999'999);
  }
}
BENCHMARK(BM_SubscribeUnsubscribe);

RetainedStore<int>& retained() {
  static RetainedStore<int> store;
  if (store.size() > 0) return store;
  for (int r = 0; r < kRegions; ++r) {
    for (int d = 0; d < 10'000; ++d) store.set(device_topic(r, d, "state"), d, 64);
  }
  return store;
}

void match_retained(benchmark::State& state, const std::string& filter) {
  RetainedStore<int>& store = retained();
  size_t found = 0;
  for (auto _ : state) store.match(filter, [&](std::string_view, int&) { ++found; });
  benchmark::DoNotOptimize(found);
  state.counters["retained"] = static_cast<double>(store.size());
  state.counters["matched"] = static_cast<double>(found) / static_cast<double>(state.iterations());
}

// A device subscribing to its own state: one retained message.
void BM_RetainedExact(benchmark::State& state) {
  match_retained(state, device_topic(2, 2024, "state"));
}
BENCHMARK(BM_RetainedExact);

// A dashboard subscribing to one region: 10,000 retained messages.
void BM_RetainedRegionWildcard(benchmark::State& state) {
  match_retained(state, "fleet/r2/+/state");
}
BENCHMARK(BM_RetainedRegionWildcard)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace mm::broker

BENCHMARK_MAIN();
