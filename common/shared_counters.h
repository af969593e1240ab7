#pragma once
// Counters for the whole server, in one shared anonymous mapping the master makes before the
// first fork, so every worker (and every respawned one) sees the same memory: one block per
// slot, written only by that slot's worker, read by all. What is global by nature lives here:
// the number of connections (max_connection is for the whole server) and the figures $SYS sums
// over the workers. A block outlives its worker: the master zeroes its gauges when the worker
// exits, and a successor continues its counters.

#include <atomic>
#include <cstddef>
#include <cstdint>

namespace mm::common {

// The per-slot figures $SYS sums (worker/broker/sys.cpp).
enum class Stat : uint8_t {
  connections,        // gauge: accepted sockets open in the worker
  clients_connected,  // gauge: MQTT clients connected
  sessions,           // gauge: sessions at home here
  subscriptions,      // gauge
  total_connects,     // counters from here on
  messages_received,
  messages_sent,
  bytes_received,
  bytes_sent,
  publish_received,
  publish_sent,
  publish_dropped,
  count
};
inline constexpr size_t kGauges = 4;  // the first kGauges stats are gauges

struct SlotCounters {
  std::atomic<int64_t> values[static_cast<size_t>(Stat::count)];

  int64_t get(Stat s) const {
    return values[static_cast<size_t>(s)].load(std::memory_order_relaxed);
  }
  void set(Stat s, int64_t v) {
    values[static_cast<size_t>(s)].store(v, std::memory_order_relaxed);
  }
  void add(Stat s, int64_t d) {
    values[static_cast<size_t>(s)].fetch_add(d, std::memory_order_relaxed);
  }
};

class SharedCounters {
 public:
  // Maps room for `slots` slots (MAP_SHARED | MAP_ANONYMOUS); nullptr if mmap fails.
  static SharedCounters* create(unsigned slots);

  unsigned slots() const { return slots_; }
  SlotCounters& slot(unsigned i) { return blocks_[i]; }
  // The master, before it starts a worker in `slot`: sums read that slot from now on. Slots
  // never used hold zeros, so sums stop at the highest one used (a worker sums the connection
  // gauge at every accept: it should not read the blocks of a thousand slots no one has used).
  void use_slot(unsigned slot);
  // The sum of `s` over every slot used so far.
  int64_t total(Stat s) const;
  // The worker of `slot` is gone: what it held open is no longer held.
  void reset_gauges(unsigned slot);

 private:
  unsigned slots_ = 0;
  std::atomic<unsigned> used_{0};  // slots up to the highest one used
  SlotCounters* blocks_ = nullptr;
};

}  // namespace mm::common
