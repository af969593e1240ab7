#include "tests/cluster/plan.h"

#include <algorithm>

#include "tests/cluster/topic_match.h"

namespace mm::test::cluster {
namespace {

const std::vector<std::string> kL2 = {"a", "b", "c", "d"};
const std::vector<std::string> kL3 = {"0", "1", "2", "3"};
const std::vector<std::string> kL4 = {"x", "y"};
const std::vector<std::string> kGroupFilters = {"s/#",     "s/a/#", "s/+/1/#", "s/b/+",
                                                "s/+/+/x", "s/c/2", "s/d/#",   "s/+/3"};

std::vector<std::string> all_topics() {
  std::vector<std::string> out;
  for (const char* root : {"c", "s"}) {
    for (const auto& a : kL2) {
      for (const auto& b : kL3) {
        out.push_back(std::string(root) + "/" + a + "/" + b);
        for (const auto& x : kL4) out.push_back(std::string(root) + "/" + a + "/" + b + "/" + x);
      }
    }
  }
  return out;
}

template <typename T>
const T& pick(std::mt19937_64& rng, const std::vector<T>& v) {
  return v[std::uniform_int_distribution<size_t>(0, v.size() - 1)(rng)];
}

// An ordinary filter; only clients outside every group get the ones reaching beyond "c/".
std::string random_filter(std::mt19937_64& rng, bool group_member) {
  std::string a = pick(rng, kL2), b = pick(rng, kL3), x = pick(rng, kL4);
  int shape = std::uniform_int_distribution<int>(0, 99)(rng);
  if (shape < 20) return "c/" + a + "/" + b;
  if (shape < 35) return "c/" + a + "/" + b + "/" + x;
  if (shape < 50) return "c/" + a + "/+";
  if (shape < 62) return "c/" + a + "/#";
  if (shape < 74) return "c/+/" + b + "/#";
  if (shape < 84) return "c/+/+/" + x;
  if (shape < 92) return "c/+/" + b;
  if (group_member) return "c/" + a + "/" + b + "/+";
  if (shape < 95) return "c/#";
  if (shape < 98) return "+/" + a + "/#";
  return "#";
}

void assign_groups(std::mt19937_64& rng, Plan& plan) {
  std::vector<size_t> order(plan.clients.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::shuffle(order.begin(), order.end(), rng);
  size_t next = 0;
  for (size_t g = 0; g < plan.group_filters.size(); ++g) {
    size_t members = std::uniform_int_distribution<size_t>(3, 6)(rng);
    for (size_t m = 0; m < members && next < order.size(); ++m) {
      PlannedClient& c = plan.clients[order[next++]];
      c.group = static_cast<int>(g);
      c.group_qos = static_cast<uint8_t>(std::uniform_int_distribution<int>(0, 2)(rng));
    }
  }
}

double mean_fanout(const Plan& plan) {
  double total = 0;
  for (const std::string& t : plan.topics) {
    for (const PlannedClient& c : plan.clients) {
      total += std::any_of(c.plain.begin(), c.plain.end(),
                           [&](const Filter& f) { return topic_matches(f.filter, t); });
    }
    for (const std::string& f : plan.group_filters) total += topic_matches(f, t);
  }
  return total / double(plan.topics.size());
}

}  // namespace

Plan make_plan(std::mt19937_64& rng, size_t clients) {
  Plan plan;
  plan.topics = all_topics();
  plan.group_filters = kGroupFilters;
  plan.clients.resize(clients);
  for (PlannedClient& c : plan.clients) c.version = rng() % 2 ? wire::v5 : wire::v311;
  assign_groups(rng, plan);
  for (PlannedClient& c : plan.clients) {
    size_t n = std::uniform_int_distribution<size_t>(c.group >= 0 ? 0 : 1, 3)(rng);
    for (size_t k = 0; k < n; ++k) {
      uint8_t qos = static_cast<uint8_t>(std::uniform_int_distribution<int>(0, 2)(rng));
      std::string f = random_filter(rng, c.group >= 0);
      bool seen = std::any_of(c.plain.begin(), c.plain.end(),
                              [&](const Filter& h) { return h.filter == f; });
      if (!seen) c.plain.push_back({f, qos});
    }
    for (int k = 0; k < 3; ++k) c.topics.push_back(pick(rng, plan.topics));
  }
  plan.mean_fanout = mean_fanout(plan);
  return plan;
}

std::vector<wire::Subscription> subscriptions_of(const Plan& plan, size_t client) {
  const PlannedClient& c = plan.clients[client];
  std::vector<wire::Subscription> out;
  for (const Filter& f : c.plain) out.push_back({f.filter, {.qos = f.qos}});
  if (c.group >= 0) {
    std::string filter =
        "$share/g" + std::to_string(c.group) + "/" + plan.group_filters[size_t(c.group)];
    out.push_back({filter, {.qos = c.group_qos}});
  }
  return out;
}

}  // namespace mm::test::cluster
