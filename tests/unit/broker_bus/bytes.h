#pragma once
// Builds bus messages byte by byte, independently of the codec, in the layout that
// worker/broker/bus_codec.h documents: for golden checks and for malformed inputs.

#include <cstdint>
#include <string_view>
#include <vector>

namespace mm::broker::test {

class Bytes {
 public:
  Bytes& u8(uint8_t v) {
    v_.push_back(v);
    return *this;
  }
  Bytes& u16(uint16_t v) { return le(v, 2); }
  Bytes& u32(uint32_t v) { return le(v, 4); }
  Bytes& u64(uint64_t v) { return le(v, 8); }
  Bytes& str(std::string_view s) {
    u32(static_cast<uint32_t>(s.size()));
    v_.insert(v_.end(), s.begin(), s.end());
    return *this;
  }
  // A msg with the given qos and flag byte and nothing else.
  Bytes& bare_message(uint8_t qos = 0, uint8_t bits = 0) {
    return str("t").str("").u8(qos).u8(bits).u64(0).str("").str("");
  }
  const std::vector<uint8_t>& bytes() const { return v_; }

 private:
  Bytes& le(uint64_t v, int n) {
    for (int i = 0; i < n; ++i) v_.push_back(static_cast<uint8_t>(v >> (8 * i)));
    return *this;
  }
  std::vector<uint8_t> v_;
};

}  // namespace mm::broker::test
