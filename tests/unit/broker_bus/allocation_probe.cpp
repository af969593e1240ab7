// The global operator new of unit_broker_bus records each size asked for. The array and
// nothrow forms of the standard library call this one; every delete form ends in free().
#include <cstdlib>
#include <new>

#include "tests/unit/broker_bus/allocation_probe.h"

namespace {
mm::broker::test::Allocations g_record;
}

mm::broker::test::Allocations mm::broker::test::take_allocations() noexcept {
  const Allocations taken = g_record;
  g_record = {};
  return taken;
}

void* operator new(std::size_t size) {
  g_record.calls++;
  g_record.bytes += size;
  if (size > g_record.largest) g_record.largest = size;
  if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc();
}

void operator delete(void* p) noexcept {
  std::free(p);
}

void operator delete(void* p, std::size_t) noexcept {
  std::free(p);
}
