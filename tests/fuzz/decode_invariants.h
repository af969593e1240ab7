#pragma once
// What the decoder harnesses check for every input, at one protocol level: decoding never
// crashes, and whatever decodes re-encodes to bytes that decode to the same packet.

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "common/mqtt/decode.h"
#include "common/mqtt/encode.h"
#include "tests/fuzz/check.h"

namespace mm::fuzz {

inline void check_stable(std::span<const uint8_t> packet, mqtt::ProtocolVersion v) {
  auto first = mqtt::decode(packet, v);
  if (!first.ok()) {
    require(first.error().rule != nullptr && first.error().what != nullptr, "errors name a rule");
    return;
  }
  mqtt::Buffer out;
  size_t n = mqtt::encode(first.value(), v, out);
  require(n == out.size(), "encode reports the bytes it appended");
  auto again = mqtt::decode(out, v);
  require(again.ok(), "a decoded packet re-encodes to a valid packet");
  require(again.value() == first.value(), "decode(encode(decode(x))) == decode(x)");
}

// The input as given, and the input with its Remaining Length made to fit, so that most
// inputs get past the fixed header.
inline void check_decoder(const uint8_t* data, size_t size, mqtt::ProtocolVersion v) {
  std::span<const uint8_t> input(data, size);
  check_stable(input, v);
  if (size == 0 || size - 1 > mqtt::kMaxVarint) return;
  std::vector<uint8_t> framed{data[0]};
  size_t rest = size - 1;
  do {
    uint8_t b = rest & 0x7F;
    rest >>= 7;
    framed.push_back(uint8_t(b | (rest ? 0x80 : 0)));
  } while (rest);
  framed.insert(framed.end(), data + 1, data + size);
  check_stable(framed, v);
}

}  // namespace mm::fuzz
