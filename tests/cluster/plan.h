#pragma once
// The random plan of the cross-worker test, drawn from one seed: which clients speak 3.1.1 or
// 5.0, their ordinary subscriptions (wildcards included) under "c/", the shared groups under
// "s/" (members of both versions), and the topics each client publishes on.

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "tests/cluster/ledger.h"
#include "tests/wire/packets.h"

namespace mm::test::cluster {

struct PlannedClient {
  uint8_t version;
  std::vector<Filter> plain;
  int group = -1;
  uint8_t group_qos = 0;
  std::vector<std::string> topics;  // it publishes on these
};

struct Plan {
  std::vector<PlannedClient> clients;
  std::vector<std::string> group_filters;  // group g is "$share/g<g>/" + filter
  std::vector<std::string> topics;         // every topic of the plan
  double mean_fanout = 0;                  // matching targets per publish, averaged over topics
};

Plan make_plan(std::mt19937_64& rng, size_t clients);

// The SUBSCRIBE list of a planned client.
std::vector<wire::Subscription> subscriptions_of(const Plan& plan, size_t client);

}  // namespace mm::test::cluster
