#pragma once
// Test helper to write packets byte by byte, as the specification lays them out:
// wire({0x10, 0x0F, 0x00, 0x04, "MQTT", 0x04}) - integers are bytes, strings their characters.

#include <cstdint>
#include <initializer_list>
#include <string_view>
#include <vector>

namespace mm::mqtt::test {

struct WirePart {
  WirePart(int b) : byte(b) {}
  WirePart(const char* s) : text(s), is_text(true) {}
  int byte = 0;
  std::string_view text;
  bool is_text = false;
};

inline std::vector<uint8_t> wire(std::initializer_list<WirePart> parts) {
  std::vector<uint8_t> out;
  for (const auto& p : parts) {
    if (p.is_text) {
      out.insert(out.end(), p.text.begin(), p.text.end());
    } else {
      out.push_back(uint8_t(p.byte));
    }
  }
  return out;
}

}  // namespace mm::mqtt::test

namespace mm::mqtt::test {

// Concatenation of byte sequences.
template <class... Seqs>
std::vector<uint8_t> cat(const std::vector<uint8_t>& first, const Seqs&... rest) {
  std::vector<uint8_t> out = first;
  (out.insert(out.end(), rest.begin(), rest.end()), ...);
  return out;
}

// A packet: first byte, Remaining Length worked out from the body, body.
inline std::vector<uint8_t> pkt(int first_byte, const std::vector<uint8_t>& body) {
  std::vector<uint8_t> out{uint8_t(first_byte)};
  size_t n = body.size();
  do {
    uint8_t b = n & 0x7F;
    n >>= 7;
    out.push_back(uint8_t(b | (n ? 0x80 : 0)));
  } while (n);
  out.insert(out.end(), body.begin(), body.end());
  return out;
}
inline std::vector<uint8_t> pkt(int first_byte, std::initializer_list<WirePart> body) {
  return pkt(first_byte, wire(body));
}

}  // namespace mm::mqtt::test
