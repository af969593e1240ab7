// The broker tables' string hash (worker/broker/string_hash.h): its word-at-a-time tail must
// give what hashing byte by byte gives, at every length, and every byte must count.

#include <doctest/doctest.h>

#include <cstdint>
#include <cstring>
#include <set>
#include <string>

#include "worker/broker/string_hash.h"

namespace mm::broker {
namespace {

// The definition, one byte at a time: eight-byte little-endian words, the last one short.
uint64_t reference_hash(std::string_view s) {
  constexpr uint64_t kA = 0xBF58476D1CE4E5B9u;
  constexpr uint64_t kB = 0x94D049BB133111EBu;
  uint64_t h = string_hash_seed() ^ (s.size() * 0x9E3779B97F4A7C15u);
  for (size_t at = 0; at < s.size(); at += 8) {
    uint64_t w = 0;
    for (size_t i = 0; i < 8 && at + i < s.size(); ++i) {
      w |= uint64_t{static_cast<uint8_t>(s[at + i])} << (8 * i);
    }
    h = (h ^ w) * kA;
    h ^= h >> 31;
  }
  h = (h ^ (h >> 30)) * kB;
  return h ^ (h >> 31);
}

}  // namespace

TEST_CASE("string_hash is the byte-by-byte definition at every length, from any address") {
  std::string buffer;
  for (int i = 0; i < 80; ++i) buffer.push_back(static_cast<char>(0x80 + i * 37));
  for (size_t offset = 0; offset < 8; ++offset) {
    for (size_t len = 0; offset + len <= buffer.size(); ++len) {
      INFO("offset " << offset << " length " << len);
      const std::string_view s(buffer.data() + offset, len);
      CHECK(string_hash(s) == reference_hash(s));
    }
  }
}

TEST_CASE("string_hash: a change in any one byte, or in the length, changes the hash") {
  for (size_t len = 1; len <= 40; ++len) {
    const std::string base(len, 'a');
    std::set<uint64_t> seen = {string_hash(base), string_hash(base + '\0')};
    for (size_t at = 0; at < len; ++at) {
      std::string changed = base;
      changed[at] = 'b';
      seen.insert(string_hash(changed));
    }
    CHECK(seen.size() == len + 2);
  }
}

}  // namespace mm::broker
