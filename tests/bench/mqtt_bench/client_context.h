#pragma once
// What the clients of one thread share: the run, the streams, the thread's loop and output
// list, and the thread's counters and latency histogram.

#include <uv.h>

#include <atomic>
#include <cstdint>
#include <deque>
#include <vector>

#include "tests/bench/mqtt_bench/histogram.h"
#include "tests/bench/mqtt_bench/options.h"
#include "tests/bench/mqtt_bench/run_state.h"

namespace mm::bench {

class Connection;

struct ClientContext {
  const Options& options;
  RunState& run;
  std::deque<Stream>& streams;
  sockaddr_in addr{};
  uv_loop_t* loop = nullptr;
  std::vector<Connection*> dirty;  // connections with output to write
  double rate_per_publisher = 0;   // fixed-rate mode, messages/s

  Histogram latency;  // ns: publish to receipt; connrate: connect to CONNACK
  uint32_t connecting = 0;
  // Written by this thread only, read by the main thread while the run goes on.
  std::atomic<uint64_t> delivered{0};  // PUBLISH packets received by subscribers
  std::atomic<uint64_t> cycles{0};     // connrate: CONNACKs during the load
  std::atomic<uint64_t> dropped{0};    // connections that ended before the disconnect phase

  Phase phase() const { return run.phase.load(std::memory_order_acquire); }
  static void bump(std::atomic<uint64_t>& counter) {
    counter.store(counter.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
  }
};

}  // namespace mm::bench
