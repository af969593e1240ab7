#include "common/mqtt/topic.h"

#include <cstdint>
#include <cstring>

#include "common/mqtt/utf8.h"

namespace mm::mqtt {
namespace {

constexpr size_t kMaxTopicBytes = 65535;  // [MQTT-4.7.3-3]
constexpr std::string_view kSharePrefix = "$share/";
constexpr std::string_view kWildcards = "+#";

// At least one character [MQTT-4.7.3-1], at most 65535 bytes [MQTT-4.7.3-3], well-formed UTF-8
// [MQTT-1.5.4-1] without U+0000 [MQTT-4.7.3-2].
bool valid_text(std::string_view s) noexcept {
  return !s.empty() && s.size() <= kMaxTopicBytes && validate_utf8(s) == Utf8Status::ok;
}

// The top bit of each byte of `x` that is 0, and no other bit: (b & 7F) + 7F carries into the
// top bit for every nonzero low part without leaving the byte, so only a zero byte ends with
// a clear top bit before the complement.
constexpr uint64_t zero_bytes(uint64_t x) noexcept {
  constexpr uint64_t kLow = 0x7F7F7F7F7F7F7F7Fu;
  return ~(((x & kLow) + kLow) | x | kLow);
}

constexpr uint64_t every_byte(uint8_t b) noexcept {
  return 0x0101010101010101u * b;
}

// The top bit of each byte of `w` that is not in 01..7F or is '+' or '#'.
constexpr uint64_t not_plain_name(uint64_t w) noexcept {
  return (w | zero_bytes(w) | zero_bytes(w ^ every_byte('+')) | zero_bytes(w ^ every_byte('#'))) &
         0x8080808080808080u;
}

// True when every byte is in 01..7F and none is '+' or '#': the usual Topic Name, valid
// without the UTF-8 walk. Eight bytes at a time (the last eight may overlap the ones before);
// false sends the name to the full check, which says what is wrong.
bool plain_ascii_name(std::string_view s) noexcept {
  const size_t n = s.size();
  if (n < 8) {
    for (char ch : s) {
      const auto b = static_cast<uint8_t>(ch);
      if (b == 0 || b >= 0x80 || b == '+' || b == '#') return false;
    }
    return true;
  }
  auto word_at = [&](size_t i) {
    uint64_t w;
    std::memcpy(&w, s.data() + i, sizeof w);
    return w;
  };
  uint64_t bad = 0;
  size_t i = 0;
  for (; i + 8 <= n; i += 8) bad |= not_plain_name(word_at(i));
  if (i < n) bad |= not_plain_name(word_at(n - 8));
  return bad == 0;
}

static_assert(not_plain_name(0x2F2F2F2F2F2F2F2Fu) == 0);                    // "////////"
static_assert(not_plain_name(0x2F2F2F2F2F2F2F00u) == 0x80u);                // a NUL
static_assert(not_plain_name(0x2F2F2F2F2F2F2B2Fu) == 0x8000u);              // a '+'
static_assert(not_plain_name(0x232F2F2F2F2F2F2Fu) == 0x8000000000000000u);  // a '#'
static_assert(not_plain_name(0x2F2F2F2F2F2F2F80u) == 0x80u);                // a top bit
static_assert(not_plain_name(0x0101010101010101u) == 0);                    // all 01

// '+' occupies a whole level [MQTT-4.7.1-2]; '#' occupies a whole level and is the last
// character [MQTT-4.7.1-1].
bool wildcards_well_placed(std::string_view f) noexcept {
  for (size_t i = f.find_first_of(kWildcards); i != std::string_view::npos;
       i = f.find_first_of(kWildcards, i + 1)) {
    const bool last = i + 1 == f.size();
    const bool starts_level = i == 0 || f[i - 1] == '/';
    const bool ends_level = last || f[i + 1] == '/';
    if (!starts_level || !ends_level) return false;
    if (f[i] == '#' && !last) return false;
  }
  return true;
}

// A filter read literally: "$share/" in it has no special meaning.
bool valid_plain_filter(std::string_view f) noexcept {
  return valid_text(f) && wildcards_well_placed(f);
}

// Walks the levels of a topic; an empty topic is one empty level, "a/" is "a" then "".
class Levels {
 public:
  explicit Levels(std::string_view topic) noexcept : rest_(topic) {}
  bool done() const noexcept { return done_; }
  std::string_view next() noexcept {
    const size_t slash = rest_.find('/');
    const std::string_view level = rest_.substr(0, slash);
    if (slash == std::string_view::npos) {
      done_ = true;
      rest_ = {};
    } else {
      rest_.remove_prefix(slash + 1);
    }
    return level;
  }

 private:
  std::string_view rest_;
  bool done_ = false;
};

}  // namespace

size_t topic_levels(std::string_view topic) noexcept {
  size_t n = 1;
  for (char ch : topic) n += ch == '/';
  return n;
}

ReasonCode validate_topic_name(std::string_view name) noexcept {
  if (!name.empty() && name.size() <= kMaxTopicBytes && plain_ascii_name(name)) {
    return ReasonCode::success;
  }
  // No wildcard characters in a Topic Name [MQTT-4.7.0-1].
  // One plain pass: find_first_of would run one memchr per byte of the name.
  bool wildcard = false;
  for (char ch : name) wildcard |= (ch == '+') | (ch == '#');
  const bool valid = !wildcard && valid_text(name);
  return valid ? ReasonCode::success : ReasonCode::topic_name_invalid;
}

ReasonCode validate_topic_filter(std::string_view filter) noexcept {
  const bool valid = filter.starts_with(kSharePrefix) ? parse_shared(filter).has_value()
                                                      : valid_plain_filter(filter);
  return valid ? ReasonCode::success : ReasonCode::topic_filter_invalid;
}

// The {filter} part is read as a plain filter: "$share/g/$share/h/x" shares the literal filter
// "$share/h/x" rather than nesting one shared subscription in another.
std::optional<SharedFilter> parse_shared(std::string_view filter) noexcept {
  if (!filter.starts_with(kSharePrefix) || filter.size() > kMaxTopicBytes) return std::nullopt;
  std::string_view rest = filter.substr(kSharePrefix.size());
  const size_t slash = rest.find('/');
  if (slash == std::string_view::npos) return std::nullopt;  // [MQTT-4.8.2-2]: "/" must follow
  const SharedFilter shared{rest.substr(0, slash), rest.substr(slash + 1)};
  // The ShareName is at least one character [MQTT-4.8.2-1] and has no '+' or '#'
  // [MQTT-4.8.2-2]; it cannot hold '/' since it ends at the first one.
  if (shared.group.empty() || shared.group.find_first_of(kWildcards) != std::string_view::npos) {
    return std::nullopt;
  }
  if (validate_utf8(shared.group) != Utf8Status::ok) return std::nullopt;
  if (!valid_plain_filter(shared.filter)) return std::nullopt;  // [MQTT-4.8.2-2]
  return shared;
}

bool topic_matches(std::string_view filter, std::string_view name) noexcept {
  // [MQTT-4.7.2-1]: a filter starting with a wildcard does not match a name starting with '$'.
  if (name.starts_with('$') && (filter.starts_with('+') || filter.starts_with('#'))) return false;
  Levels f(filter);
  Levels n(name);
  while (!f.done()) {
    const std::string_view level = f.next();
    // '#' also matches the parent level: "sport/#" matches "sport" (section 4.7.1.2).
    if (level == "#") return true;
    if (n.done()) return false;
    const std::string_view name_level = n.next();
    if (level != "+" && level != name_level) return false;
  }
  return n.done();
}

}  // namespace mm::mqtt
