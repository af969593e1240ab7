#pragma once
// Transparent hash and equality for an unordered set whose elements carry their own string
// key: KeyOf()(element) returns it as a std::string_view. The set's nodes hold no copy of the
// key, and a lookup by std::string_view (or std::string) builds nothing. For a container
// keyed by std::string itself, KeyOf is never called (ByKey<std::identity>).

#include <cstddef>
#include <functional>
#include <string_view>
#include <type_traits>

namespace mm::broker {

template <typename KeyOf>
struct ByKey {
  using is_transparent = void;

  static std::string_view key(std::string_view k) noexcept { return k; }
  template <typename E>
  requires(!std::is_convertible_v<const E&, std::string_view>) static std::string_view
      key(const E& e) noexcept {
    return KeyOf()(e);
  }

  // Not noexcept on purpose: libstdc++ then keeps each element's hash in its node (8 bytes)
  // instead of hashing the key again, through the element's pointer, at every step along a
  // bucket (measured: a wide trie node's lookup cost about 20% more without it).
  template <typename A>
  size_t operator()(const A& a) const {
    return std::hash<std::string_view>()(key(a));
  }
  template <typename A, typename B>
  bool operator()(const A& a, const B& b) const noexcept {
    return key(a) == key(b);
  }
};

}  // namespace mm::broker
