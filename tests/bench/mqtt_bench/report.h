#pragma once
// The result of one run: one JSON line (for scripts) and one line for people, on stdout.

#include <cstdint>
#include <string>

#include "tests/bench/mqtt_bench/histogram.h"
#include "tests/bench/mqtt_bench/options.h"

namespace mm::bench {

struct Results {
  bool ok = true;
  std::string error;         // why the run failed, when it did
  uint32_t connections = 0;  // clients connected (and subscribed) at the start of the load
  uint32_t connect_failures = 0;
  double load_seconds = 0;         // from the start of the load to the stop of the publishers
  uint64_t sent = 0;               // PUBLISH packets sent
  uint64_t expected = 0;           // deliveries owed: sent x receivers, over all streams
  uint64_t delivered = 0;          // PUBLISH packets received, drain included
  uint64_t delivered_in_load = 0;  // received before the publishers stopped
  uint64_t lost = 0;               // expected but never received
  uint64_t duplicates = 0;         // received twice (or out of order)
  uint64_t stalls = 0;             // windows reopened after a second without progress
  uint64_t dropped = 0;            // connections the broker ended before the disconnect phase
  uint64_t cycles = 0;             // connrate: connect + CONNACK during the load
  double client_cpu_seconds = 0;   // this process, during the load
  Histogram latency;
};

void print_results(const Options& options, const Results& results);

}  // namespace mm::bench
