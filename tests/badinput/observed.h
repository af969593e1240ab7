#pragma once
// What the broker did with a row's bytes: the packets it sent, then whether it closed.

#include <string>
#include <vector>

#include "tests/badinput/row.h"
#include "tests/wire/client.h"

namespace mm::test::badinput {

struct Observed {
  enum class End { closed, open, error };
  std::vector<wire::Incoming> packets;
  End end = End::open;
  std::string error;        // End::error: an answer the client could not parse, say
  long long close_ms = -1;  // after the bytes were sent, when closed

  std::string describe() const;
};

// Reads the answer to a row: for Answer::ack, packets up to the expected one, then a
// PINGREQ/PINGRESP round trip shows the connection is up; otherwise packets until the close
// (or `wait` without one: End::open).
Observed observe(wire::Client& c, const Expected& e, Ms wait);

bool matches(const Expected& e, const Observed& o);

}  // namespace mm::test::badinput
