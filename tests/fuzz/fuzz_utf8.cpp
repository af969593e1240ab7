// validate_utf8 against the slow reference decoder: any disagreement aborts.

#include <cstddef>
#include <cstdint>
#include <span>

#include "common/mqtt/utf8.h"
#include "tests/fuzz/check.h"
#include "tests/fuzz/utf8_reference.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::span<const uint8_t> input(data, size);
  // Dropping the first few bytes moves every fault to another place in the eight-byte runs.
  for (size_t skip = 0; skip < 8 && skip <= size; ++skip) {
    const std::span<const uint8_t> bytes = input.subspan(skip);
    mm::fuzz::require(mm::mqtt::validate_utf8(bytes) == mm::fuzz::reference_utf8(bytes),
                      "validate_utf8 agrees with the reference decoder");
  }
  return 0;
}
