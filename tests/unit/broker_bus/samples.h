#pragma once
// Bus messages for the tests and the fuzz seeds: each kind with every field set, and with
// everything empty.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "worker/broker/bus_codec.h"

namespace mm::broker::test {

// Every field set; its times are due after `now`.
MessagePtr full_message(uint64_t now);
// Every optional present but empty, the rest zero.
MessagePtr empty_optionals_message();
// A publish's trace naming slots 0, 9, 63 and 1023 (a bitmap of 128 bytes).
PublishTrace wide_trace();
std::unique_ptr<Session> full_session(uint64_t now);

struct Sample {
  std::string name;  // also its seed's file name in tests/fuzz/corpus/bus
  BusKind kind;
  std::vector<uint8_t> bytes;
};

// One or more encodings of every kind, made at `now`.
std::vector<Sample> samples(uint64_t now);

}  // namespace mm::broker::test
