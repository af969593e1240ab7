#include "tests/bench/mqtt_bench/scenario.h"

namespace mm::bench {
namespace {

std::string numbered(const std::string& base, uint32_t i) {
  return base + std::to_string(i);
}

class Builder {
 public:
  Builder(const std::string& prefix, std::deque<Stream>& streams)
      : prefix_(prefix), streams_(streams) {}

  uint32_t stream(std::string topic, uint32_t receivers) {
    Stream& s = streams_.emplace_back();
    s.topic = std::move(topic);
    s.set_receivers(receivers);
    return static_cast<uint32_t>(streams_.size() - 1);
  }
  void publisher(uint32_t stream) {
    add({.role = Role::publisher, .stream = stream});
    ++plan.publishers;
  }
  // slot: the subscriber's receiver number in each of its streams.
  void subscriber(std::string filter, uint32_t first, uint32_t count, uint32_t slot) {
    add({.role = Role::subscriber,
         .filter = std::move(filter),
         .stream = first,
         .stream_count = count,
         .slot = slot});
  }
  void add(ClientPlan c) {
    c.client_id = numbered(prefix_, static_cast<uint32_t>(plan.clients.size()));
    if (c.role != Role::connrate) ++plan.setup_clients;
    plan.clients.push_back(std::move(c));
  }

  Plan plan;

 private:
  const std::string& prefix_;
  std::deque<Stream>& streams_;
};

}  // namespace

Plan make_plan(const Options& o, const std::string& prefix, std::deque<Stream>& streams) {
  Builder b(prefix, streams);
  uint32_t n = o.clients;
  switch (o.scenario) {
    case Scenario::fanin:
      for (uint32_t i = 0; i < n; ++i) b.publisher(b.stream(numbered("bench/in/", i), 1));
      b.subscriber("bench/in/+", 0, n, 0);
      break;
    case Scenario::fanout:
      b.publisher(b.stream("bench/out", n));
      for (uint32_t i = 0; i < n; ++i) b.subscriber("bench/out", 0, 1, i);
      break;
    case Scenario::pairs:
      for (uint32_t i = 0; i < n; ++i) {
        uint32_t s = b.stream(numbered("bench/pair/", i), 1);
        b.publisher(s);
        b.subscriber(streams[s].topic, s, 1, 0);
      }
      break;
    case Scenario::idle:
      for (uint32_t i = 0; i < n; ++i) {
        b.add({.role = Role::idle, .filter = o.subscribe ? numbered("bench/idle/", i) : ""});
      }
      break;
    case Scenario::connrate:
      for (uint32_t i = 0; i < n; ++i) b.add({.role = Role::connrate});
      break;
  }
  return std::move(b.plan);
}

}  // namespace mm::bench
