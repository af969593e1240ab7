// Sessions that arrived from their old home (worker/broker/arrivals.h): which publishes the new
// home matched against a moved session itself, so that the copy the old home sends after the
// session is dropped for those, and delivered for the others.
#include "worker/broker/arrivals.h"

#include <doctest/doctest.h>

namespace mm::broker {
namespace {

constexpr unsigned kSelf = 2;
constexpr unsigned kThird = 1;

}  // namespace

TEST_CASE("arrivals: a publish that came before the session was not matched against it") {
  Arrivals a;
  a.heard(kThird, 100);
  a.heard(kSelf, 7);
  a.arrived("moved", 10'000);
  CHECK_FALSE(a.matched_here("moved", kThird, 100));  // came before the session
  CHECK_FALSE(a.matched_here("moved", kThird, 99));
  CHECK_FALSE(a.matched_here("moved", kSelf, 7));  // published here before it came
  CHECK(a.matched_here("moved", kSelf, 8));
  CHECK(a.matched_here("moved", kThird, 101));  // came after it, or is on its way
}

TEST_CASE("arrivals: publishes heard after the arrival do not move its mark") {
  Arrivals a;
  a.heard(kThird, 5);
  a.arrived("moved", 10'000);
  a.heard(kThird, 6);
  a.heard(kThird, 7);
  CHECK(a.matched_here("moved", kThird, 6));
  CHECK_FALSE(a.matched_here("moved", kThird, 5));
}

TEST_CASE("arrivals: a worker never heard from has its every publish after the arrival") {
  Arrivals a;
  a.arrived("moved", 10'000);
  CHECK(a.matched_here("moved", 63, 1));
  a.heard(1000, 4);  // any slot a configuration allows
  a.arrived("later", 10'000);
  CHECK_FALSE(a.matched_here("later", 1000, 4));
  CHECK(a.matched_here("moved", 1000, 4));
}

TEST_CASE("arrivals: a session not remembered, or no longer, was here all along") {
  Arrivals a;
  a.heard(kThird, 50);
  CHECK(a.matched_here("never-moved", kThird, 10));
  a.arrived("moved", 1000);
  CHECK_FALSE(a.matched_here("moved", kThird, 10));
  a.expire(999);
  CHECK(a.size() == 1);
  a.expire(1000);
  CHECK(a.size() == 0);
  CHECK(a.matched_here("moved", kThird, 10));
}

TEST_CASE("arrivals: a session that arrives again gets a new mark") {
  Arrivals a;
  a.heard(kThird, 10);
  a.arrived("moved", 1000);
  a.heard(kThird, 20);
  a.arrived("moved", 2000);
  CHECK_FALSE(a.matched_here("moved", kThird, 15));
  a.expire(1500);
  CHECK(a.size() == 1);
}

}  // namespace mm::broker
