// SharedCounters (common/shared_counters.h): sums over the slots the master has started.
#include <doctest/doctest.h>

#include "common/shared_counters.h"

namespace mm::common {

TEST_CASE("shared counters sum every slot used, up to the highest one started") {
  SharedCounters* c = SharedCounters::create(1024);
  REQUIRE(c != nullptr);
  CHECK(c->total(Stat::connections) == 0);
  c->use_slot(0);
  c->use_slot(3);
  c->use_slot(1);  // lower than one already used: the range stays up to slot 3
  c->slot(0).add(Stat::connections, 2);
  c->slot(3).add(Stat::connections, 5);
  c->slot(1).add(Stat::connections, 1);
  CHECK(c->total(Stat::connections) == 8);
  c->slot(3).add(Stat::connections, -5);
  CHECK(c->total(Stat::connections) == 3);
  c->reset_gauges(0);
  CHECK(c->total(Stat::connections) == 1);
  c->use_slot(5000);                        // past the mapping: ignored
  c->slot(1023).add(Stat::connections, 7);  // never started: not read
  CHECK(c->total(Stat::connections) == 1);
  c->use_slot(1023);
  CHECK(c->total(Stat::connections) == 8);
}

}  // namespace mm::common
