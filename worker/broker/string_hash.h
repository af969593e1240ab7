#pragma once
// A fast hash of short strings (topic levels, topics) for the broker's own tables: eight
// bytes at a time, multiply and xor-shift (the constants of splitmix64's finalizer). About a
// third of std::hash's instructions on a 13-byte topic. Seeded once per process from
// std::random_device, so that strings chosen to collide in one process (a peer's device ids,
// its topics) do not collide in another.

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <random>
#include <string_view>

namespace mm::broker {

inline uint64_t string_hash_seed() noexcept {
  static const uint64_t seed = [] {
    std::random_device rd;
    return (uint64_t{rd()} << 32) ^ rd();
  }();
  return seed;
}

// Eight bytes at a time, multiply and xor-shift (the constants of splitmix64's finalizer).
inline uint64_t string_hash(std::string_view s) noexcept {
  constexpr uint64_t kA = 0xBF58476D1CE4E5B9u;
  constexpr uint64_t kB = 0x94D049BB133111EBu;
  uint64_t h = string_hash_seed() ^ (s.size() * 0x9E3779B97F4A7C15u);
  const char* p = s.data();
  size_t n = s.size();
  for (; n >= 8; p += 8, n -= 8) {
    uint64_t w;
    std::memcpy(&w, p, sizeof w);
    h = (h ^ w) * kA;
    h ^= h >> 31;
  }
  if (n > 0) {
    uint64_t w = 0;
    if (std::endian::native == std::endian::little && s.size() >= 8) {
      // The string's last eight bytes, shifted so that only the n not hashed yet remain: the
      // value the loop below gives, in one load.
      std::memcpy(&w, p + n - 8, sizeof w);
      w >>= 8 * (8 - n);
    } else {
      for (size_t i = 0; i < n; ++i) w |= uint64_t{static_cast<uint8_t>(p[i])} << (8 * i);
    }
    h = (h ^ w) * kA;
    h ^= h >> 31;
  }
  h = (h ^ (h >> 30)) * kB;
  return h ^ (h >> 31);
}

}  // namespace mm::broker
