#include "common/shared_counters.h"

#include <sys/mman.h>

#include <new>

namespace mm::common {

SharedCounters* SharedCounters::create(unsigned slots) {
  size_t bytes = sizeof(SharedCounters) + sizeof(SlotCounters) * slots;
  void* mem = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (mem == MAP_FAILED) return nullptr;
  auto* self = new (mem) SharedCounters;  // the mapping is zero-filled: every count starts at 0
  self->slots_ = slots;
  self->blocks_ = reinterpret_cast<SlotCounters*>(static_cast<char*>(mem) + sizeof(SharedCounters));
  return self;
}

void SharedCounters::use_slot(unsigned slot) {
  if (slot >= slots_) return;
  unsigned seen = used_.load(std::memory_order_relaxed);
  while (seen < slot + 1 && !used_.compare_exchange_weak(seen, slot + 1)) {
  }
}

int64_t SharedCounters::total(Stat s) const {
  int64_t sum = 0;
  const unsigned used = used_.load(std::memory_order_acquire);
  for (unsigned i = 0; i < used; ++i) sum += blocks_[i].get(s);
  return sum;
}

void SharedCounters::reset_gauges(unsigned slot) {
  if (slot >= slots_) return;
  for (size_t i = 0; i < kGauges; ++i) blocks_[slot].set(static_cast<Stat>(i), 0);
}

}  // namespace mm::common
