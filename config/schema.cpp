#include "config/schema.h"

#include <cmath>

namespace mm::config {

namespace {

struct KindWords {
  const char* name;
  const char* expected;
};

// Indexed by Kind.
constexpr KindWords kKindWords[] = {
    {"integer", "an integer"}, {"number", "a number"}, {"boolean", "true or false"},
    {"string", "a string"},    {"array", "an array"},
};

}  // namespace

const char* kind_name(Kind kind) {
  return kKindWords[static_cast<size_t>(kind)].name;
}

const char* kind_expected(Kind kind) {
  return kKindWords[static_cast<size_t>(kind)].expected;
}

std::string format_number(double value) {
  if (std::isfinite(value) && value == std::floor(value) && std::fabs(value) < 1e15) {
    return std::to_string(static_cast<long long>(value));
  }
  return Json(value).dump();
}

namespace {

std::string range_text(const Limits& limits, const char* unit) {
  std::string max = format_number(limits.max) + unit;
  if (limits.min_exclusive) return "greater than " + format_number(limits.min) + ", at most " + max;
  return format_number(limits.min) + " to " + max;
}

std::string link_text(const Link& link) {
  switch (link.relation) {
    case Relation::none:
      return "";
    case Relation::at_most:
      return std::string("at most ") + link.key;
    case Relation::at_least:
      return std::string("at least ") + link.key;
  }
  return "";
}

}  // namespace

std::string bounds_text(Kind kind, const Limits& limits, const Rule& rule, const Link& link) {
  std::string text;
  if (kind == Kind::integer || kind == Kind::number) text = range_text(limits, "");
  if (kind == Kind::array) text = range_text(limits, " items");
  if (kind == Kind::string && rule.text) text = rule.text;
  std::string linked = link_text(link);
  if (!linked.empty()) text += (text.empty() ? "" : ", ") + linked;
  return text;
}

std::string default_text(const Json& value, const Link& link) {
  std::string text = value.is_number() ? format_number(value.get<double>()) : value.dump();
  if (link.relation == Relation::at_most) text += std::string(", or ") + link.key + " if smaller";
  if (link.relation == Relation::at_least) text += std::string(", or ") + link.key + " if larger";
  return text;
}

}  // namespace mm::config
