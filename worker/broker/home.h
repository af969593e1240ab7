#pragma once
// A client id's home slot: rendezvous (highest random weight) hashing over the serving slots.
// Each (id, slot) pair gets a pseudo-random score and the highest wins, so when a slot joins
// or leaves only the ids whose winner changed move: about 1/N of them, never the others.

#include <cstdint>
#include <span>
#include <string_view>

namespace mm::broker {

// SplitMix64's finalizer: every input bit affects every output bit.
constexpr uint64_t mix64(uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

// FNV-1a over the bytes, then mixed.
constexpr uint64_t hash_client_id(std::string_view id) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (char c : id) {
    h ^= static_cast<uint8_t>(c);
    h *= 0x100000001b3ULL;
  }
  return mix64(h);
}

// The home of `id` among `slots`; `fallback` when there are none.
constexpr unsigned home_slot(std::string_view id, std::span<const unsigned> slots,
                             unsigned fallback) {
  const uint64_t h = hash_client_id(id);
  unsigned best = fallback;
  uint64_t best_score = 0;
  bool any = false;
  for (unsigned s : slots) {
    const uint64_t score = mix64(h ^ mix64(0x9e3779b97f4a7c15ULL * (s + 1)));
    if (!any || score > best_score) {
      best = s;
      best_score = score;
      any = true;
    }
  }
  return best;
}

}  // namespace mm::broker
