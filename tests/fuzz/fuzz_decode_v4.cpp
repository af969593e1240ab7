// The packet decoders at protocol level 4 (MQTT 3.1.1): no input crashes them, and what
// decodes survives a re-encode (decode_invariants.h).

#include <cstddef>
#include <cstdint>

#include "tests/fuzz/decode_invariants.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  mm::fuzz::check_decoder(data, size, mm::mqtt::ProtocolVersion::v3_1_1);
  return 0;
}
