#include "config/validate.h"

#include <algorithm>
#include <cmath>

namespace mm::config {

std::string pointer(const std::string& parent, std::string_view key) {
  std::string out = parent + "/";
  for (char c : key) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

namespace {

constexpr size_t kShownStringBytes = 60;

// Cuts a dumped string at a character boundary and closes the quote.
std::string shorten(std::string text) {
  if (text.size() <= kShownStringBytes) return text;
  size_t cut = kShownStringBytes;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut) + "...\"";
}

bool within(double value, const Limits& limits) {
  bool above_min = limits.min_exclusive ? value > limits.min : value >= limits.min;
  return std::isfinite(value) && above_min && value <= limits.max;
}

std::string expectation(Kind kind, const Limits& limits) {
  std::string min = format_number(limits.min);
  std::string max = format_number(limits.max);
  if (kind == Kind::array) return "an array of " + min + " to " + max + " items";
  if (limits.min_exclusive) {
    return std::string(kind_expected(kind)) + " greater than " + min + " and at most " + max;
  }
  return std::string(kind_expected(kind)) + " between " + min + " and " + max;
}

bool has_kind(Kind kind, const Json& value) {
  switch (kind) {
    case Kind::integer:
      return value.is_number_integer();
    case Kind::number:
      return value.is_number();
    case Kind::boolean:
      return value.is_boolean();
    case Kind::string:
      return value.is_string();
    case Kind::array:
      return value.is_array();
  }
  return false;
}

std::string must(const std::string& what, const Json& value) {
  return "must be " + what + " (got " + describe_got(value) + ")";
}

}  // namespace

std::string describe_got(const Json& value) {
  // Containers are never dumped: they may be large or deeply nested.
  if (value.is_array()) return "an array of " + std::to_string(value.size()) + " items";
  if (value.is_object()) return "an object";
  if (value.is_string()) return shorten(value.dump(-1, ' ', false, Json::error_handler_t::replace));
  return value.dump();
}

std::optional<std::string> check_value(Kind kind, const Limits& limits, const Rule& rule,
                                       const Json& value) {
  if (!has_kind(kind, value)) return must(kind_expected(kind), value);
  switch (kind) {
    case Kind::integer:
    case Kind::number:
      // Integers of any size convert to a finite double; bounds are far below 2^53.
      if (!within(value.get<double>(), limits)) return must(expectation(kind, limits), value);
      break;
    case Kind::array:
      if (!within(static_cast<double>(value.size()), limits)) {
        return must(expectation(kind, limits), value);
      }
      break;
    case Kind::string:
      if (rule.ok && !rule.ok(value.get_ref<const std::string&>())) return must(rule.text, value);
      break;
    case Kind::boolean:
      break;
  }
  return std::nullopt;
}

namespace {

// Levenshtein distance, for "did you mean".
size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

}  // namespace

std::string unknown_key_message(std::string_view key, const std::vector<const char*>& names) {
  constexpr size_t kMaxEdits = 2;
  constexpr size_t kLongestCompared = 64;
  std::string message = "unknown key";
  if (key.size() > kLongestCompared) return message;
  const char* best = nullptr;
  size_t best_distance = kMaxEdits + 1;
  for (const char* name : names) {
    size_t distance = edit_distance(key, name);
    if (distance < best_distance) {
      best = name;
      best_distance = distance;
    }
  }
  if (best) message += std::string(" (did you mean \"") + best + "\"?)";
  return message;
}

bool link_holds(Relation relation, const Json& value, const Json& other) {
  double mine = value.get<double>();
  double theirs = other.get<double>();
  if (relation == Relation::at_most) return mine <= theirs;
  if (relation == Relation::at_least) return mine >= theirs;
  return true;
}

std::string link_problem(const Link& link, const Json& value, const Json& other) {
  const char* how = link.relation == Relation::at_most ? "at most " : "at least ";
  return std::string("must be ") + how + link.key + " (" + describe_got(other) + ") (got " +
         describe_got(value) + ")";
}

}  // namespace mm::config
