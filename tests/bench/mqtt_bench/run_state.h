#pragma once
// What the client threads and the main thread share while a run is going: the phase the
// main thread has reached, counters it waits on, and one Stream per publisher.

#include <uv.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <memory>
#include <string>

namespace mm::bench {

// The main thread moves the phase forward and wakes every client thread.
enum class Phase : int {
  setup,       // connect (and subscribe) every client
  load,        // publishers publish; connrate clients cycle
  drain,       // publishers stop; the last messages arrive
  disconnect,  // every client sends DISCONNECT and waits for the broker to close
  quit,        // close whatever is left and leave the loop
};

// One publisher's messages. The end-to-end window of max-rate mode lives here: each receiver
// records how far it has got, the publisher compares the slowest receiver with what it sent
// (so no single subscriber ever has more than --inflight of this stream's messages
// outstanding, which bounds its queue at the broker), and a publisher whose window is shut
// asks to be woken (blocked) instead of polling.
struct Stream {
  std::string topic;
  uint32_t receivers = 1;             // subscribers that get every message of this stream
  uv_async_t* wake = nullptr;         // the publisher's thread
  std::atomic<uint64_t> sent{0};      // written by the publisher's thread only
  std::atomic<uint64_t> progress{0};  // sum over receivers of (highest number seen + 1)
  // Per receiver (0 .. receivers-1): highest number seen + 1.
  std::unique_ptr<std::atomic<uint64_t>[]> reached;
  std::atomic<bool> blocked{false};

  void set_receivers(uint32_t n) {
    receivers = n;
    reached = std::make_unique<std::atomic<uint64_t>[]>(n);
  }
  // Called by receiver `slot`, which has now seen every number below `next` (`by` more than
  // before).
  void advance(uint32_t slot, uint64_t next, uint64_t by) {
    reached[slot].store(next);
    progress.fetch_add(by);
    if (blocked.load() && blocked.exchange(false)) uv_async_send(wake);
  }
  // How far the slowest receiver has got.
  uint64_t slowest() const {
    uint64_t low = reached[0].load();
    for (uint32_t i = 1; i < receivers; ++i) low = std::min(low, reached[i].load());
    return low;
  }
  bool drained() const { return progress.load() >= sent.load() * receivers; }
};

struct RunState {
  std::atomic<Phase> phase{Phase::setup};
  uint64_t load_start_ns = 0;       // written before phase becomes load
  std::atomic<uint32_t> ready{0};   // clients connected and subscribed
  std::atomic<uint32_t> failed{0};  // clients that could not connect or subscribe
  std::atomic<uint32_t> closed{0};  // clients whose connection has ended for good
};

}  // namespace mm::bench
