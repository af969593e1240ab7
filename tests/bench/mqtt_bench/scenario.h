#pragma once
// A scenario as data: the streams (one per publisher) and the clients, with their topics.
//   fanin     P publishers on bench/in/<i>  -> 1 subscriber on bench/in/+
//   fanout    1 publisher on bench/out      -> S subscribers on bench/out
//   pairs     publisher i on bench/pair/<i> -> subscriber i on bench/pair/<i>
//   idle      C connections, with --subscribe one subscription each (bench/idle/<i>)
//   connrate  C connections cycling connect, CONNACK, DISCONNECT

#include <cstdint>
#include <deque>
#include <string>
#include <vector>

#include "tests/bench/mqtt_bench/client.h"
#include "tests/bench/mqtt_bench/options.h"
#include "tests/bench/mqtt_bench/run_state.h"

namespace mm::bench {

struct Plan {
  std::vector<ClientPlan> clients;
  uint32_t publishers = 0;
  uint32_t setup_clients = 0;  // clients that connect before the load (not connrate)
};

// Fills streams (topic, receivers) and returns the clients. Client ids start with prefix.
Plan make_plan(const Options& options, const std::string& prefix, std::deque<Stream>& streams);

}  // namespace mm::bench
