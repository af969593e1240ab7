#include "tests/unit/mqtt/generator.h"

#include <type_traits>

#include "common/mqtt/property_block.h"
#include "common/mqtt/reason_sets.h"

namespace mm::mqtt::test {
namespace {

// Characters of one to four bytes, none of them U+0000 or a surrogate.
constexpr const char* kChars[] = {"a",
                                  "z",
                                  "0",
                                  "_",
                                  "-",
                                  " ",
                                  "\x7F",
                                  "\xC3\xA9",
                                  "\xDF\xBF",
                                  "\xE2\x82\xAC",
                                  "\xEF\xBF\xBF",
                                  "\xF0\x9F\x98\x80",
                                  "\xF4\x8F\xBF\xBF"};

}  // namespace

std::string PacketGenerator::text(size_t max_chars) {
  std::string s;
  size_t n = below(uint32_t(max_chars + 1));
  for (size_t i = 0; i < n; ++i) s += kChars[below(std::size(kChars))];
  return s;
}

std::string PacketGenerator::topic_name() {
  std::string s;
  size_t levels = 1 + below(4);
  for (size_t i = 0; i < levels; ++i) {
    if (i) s += '/';
    s += text(4);
  }
  return s.empty() ? "t" : s;  // "" and "/" alike: a name needs one character
}

std::string PacketGenerator::topic_filter() {
  std::string s;
  size_t levels = 1 + below(4);
  for (size_t i = 0; i < levels; ++i) {
    if (i) s += '/';
    uint32_t kind = below(6);
    if (kind == 0) {
      s += '+';
    } else if (kind == 1 && i == levels - 1) {
      s += '#';
    } else {
      s += text(3);
    }
  }
  if (s.empty()) s = "f";
  if (below(5) == 0) s = "$share/" + std::string(coin() ? "g" : "grp1") + "/" + s;
  return s;
}

Bytes PacketGenerator::bytes(size_t max) {
  Bytes b(below(uint32_t(max + 1)));
  for (auto& x : b) x = uint8_t(rng_());
  return b;
}

ReasonCode PacketGenerator::reason(PacketType type) {
  for (;;) {
    auto c = uint8_t(rng_());
    if (reason_allowed(type, c)) return ReasonCode(c);
  }
}

std::string_view PacketGenerator::keep(std::string s) {
  arena_.push_back(std::move(s));
  return arena_.back();
}

}  // namespace mm::mqtt::test
