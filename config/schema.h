#pragma once
// The building blocks of the declared key table (config/table.cpp). A Row<S> describes one key
// of an object type S (Config, or Listener inside the listeners array): its JSON name, kind,
// bounds, reload class, documentation, and a Binding to the field that holds it. Values cross
// between the table and the structs as JSON, so one generic validator (config/validate.h), one
// printer and one comparer serve every key. Adding a key is one row plus one field.

#include <nlohmann/json.hpp>

#include <cstddef>
#include <deque>
#include <span>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "config/keys.h"
#include "config/loader.h"

namespace mm::config {

// Ordered, so that documents keep their key order: errors and to_json() follow the file and
// the table.
using Json = nlohmann::ordered_json;
using Errors = std::vector<ConfigError>;

enum class Kind { integer, number, boolean, string, array };

// "integer", "number", "boolean", "string", "array" (KeyInfo::type).
const char* kind_name(Kind kind);
// What errors say a value must be: "an integer", "true or false".
const char* kind_expected(Kind kind);

// Bounds of an integer or number, or of the item count of an array. Integer bounds must be
// exact in a double (|x| <= 2^53).
struct Limits {
  double min = 0;
  double max = 0;
  bool min_exclusive = false;  // "greater than min" instead of "at least min"
};

// A rule a string must follow beyond being a string, with its wording for errors and docs
// ("a numeric IPv4 or IPv6 address").
struct Rule {
  const char* text = nullptr;
  bool (*ok)(const std::string& value) = nullptr;
};

// A bound set by a sibling key: "at most package_max_length". When the key is absent, its
// default is clamped to the sibling's value instead of being an error.
enum class Relation { none, at_most, at_least };
struct Link {
  Relation relation = Relation::none;
  const char* key = nullptr;
};

// The KeyInfo rows that key_table() hands out point into `paths`, which never moves them.
struct KeyList {
  std::deque<std::string> paths;
  std::vector<KeyInfo> keys;
};

template <class S>
struct Binding {
  Json (*get)(const S& object) = nullptr;
  void (*set)(S& object, const Json& valid_value) = nullptr;
  // Arrays of objects only: validate every item (returns the normalized items) and describe the
  // item keys ("/listeners/*/port").
  Json (*validate_items)(const Json& items, const std::string& path, Errors& errors) = nullptr;
  void (*describe_items)(const std::string& path, ReloadClass reload, KeyList& out) = nullptr;
};

template <class S>
struct Row {
  const char* name = nullptr;  // key inside its object
  Kind kind = Kind::integer;
  Limits limits = {};  // integer, number, array
  Rule rule = {};      // string
  Link link = {};
  bool required = false;  // no default: the key must be given
  ReloadClass reload = ReloadClass::live;
  const char* doc = nullptr;
  const char* default_doc = nullptr;  // overrides the rendered default ("number of CPUs")
  Binding<S> bind = {};
};

// Binds a plain field (integer, floating point, bool, std::string) by its member pointer.
template <class S, class T>
S owner_of(T S::*);
template <auto M>
using OwnerOf = decltype(owner_of(M));

template <auto M>
constexpr Binding<OwnerOf<M>> field() {
  using S = OwnerOf<M>;
  return {.get = [](const S& s) { return Json(s.*M); },
          .set = [](S& s, const Json& v) { v.get_to(s.*M); }};
}

template <class S>
Json object_to_json(const S& object, std::span<const Row<S>> rows) {
  Json out = Json::object();
  for (const Row<S>& row : rows) out[row.name] = row.bind.get(object);
  return out;
}

// `normalized` holds every key of `rows` with a valid value (see validate_object).
template <class S>
S object_from_json(const Json& normalized, std::span<const Row<S>> rows) {
  S object{};
  for (const Row<S>& row : rows) row.bind.set(object, normalized.at(row.name));
  return object;
}

// 3600, 0.5: integral values without a fraction.
std::string format_number(double value);

// The human-readable bounds and default of a row, for KeyInfo.
std::string bounds_text(Kind kind, const Limits& limits, const Rule& rule, const Link& link);
std::string default_text(const Json& value, const Link& link);

// Appends the KeyInfo of every row, with paths under `prefix` ("" or "/listeners/*").
// `inherited` is the reload class of the array holding the rows, if any.
template <class S>
void describe_rows(std::span<const Row<S>> rows, const S& defaults, const std::string& prefix,
                   const ReloadClass* inherited, KeyList& out) {
  for (const Row<S>& row : rows) {
    const std::string& path = out.paths.emplace_back(prefix + "/" + row.name);
    ReloadClass reload = inherited ? *inherited : row.reload;
    std::string default_value = row.required      ? "required"
                                : row.default_doc ? row.default_doc
                                                  : default_text(row.bind.get(defaults), row.link);
    out.keys.push_back(KeyInfo{path.c_str(), kind_name(row.kind),
                               bounds_text(row.kind, row.limits, row.rule, row.link),
                               std::move(default_value), reload, row.doc});
    if (row.bind.describe_items) row.bind.describe_items(path + "/*", reload, out);
  }
}

}  // namespace mm::config
