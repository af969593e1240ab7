#pragma once
// Runs one row of the table against a running broker: a bystander connects and subscribes,
// a fresh connection sends the row's bytes, its answer is compared with the expected one, then
// the bystander must still answer PINGREQ and receive a message published afterwards.

#include <cstdint>
#include <string>

#include "tests/badinput/row.h"

namespace mm::test::badinput {

struct RowResult {
  bool answer_ok = false;
  std::string got;  // what the broker did, as describe(Expected) words it
  bool bystander_ok = false;
  std::string bystander_error;
};

RowResult run_row(uint16_t port, const Row& row, size_t index);

// One paragraph for a failed row: name, level, bytes, expected, got, the spec statement.
std::string report(const Row& row, const RowResult& r);

}  // namespace mm::test::badinput
