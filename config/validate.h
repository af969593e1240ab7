#pragma once
// The generic validator behind the key table: checks a JSON object against its rows, collects
// every error with its JSON pointer, and returns the object normalized (every key present,
// defaults filled in) for object_from_json(). Also binds arrays of objects (list_of).

#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "config/schema.h"

namespace mm::config {

// "/a~1b" for the key "a/b" under "" (RFC 6901 escaping).
std::string pointer(const std::string& parent, std::string_view key);

// What the value was, short enough for a log line: 70000, "2M", an array of 3 items.
std::string describe_got(const Json& value);

// The problem with `value` for a key of this shape, or nullopt when it is acceptable.
std::optional<std::string> check_value(Kind kind, const Limits& limits, const Rule& rule,
                                       const Json& value);

// "unknown key", with a suggestion when a known name is one or two edits away.
std::string unknown_key_message(std::string_view key, const std::vector<const char*>& names);

// Whether `value` relates to `other` as the link says; and the problem when it does not.
bool link_holds(Relation relation, const Json& value, const Json& other);
std::string link_problem(const Link& link, const Json& value, const Json& other);

enum class KeyState { defaulted, given, invalid };

template <class S>
void check_unknown_keys(const Json& object, std::span<const Row<S>> rows, const std::string& path,
                        Errors& errors) {
  std::vector<const char*> names;
  for (const Row<S>& row : rows) names.push_back(row.name);
  for (const auto& [key, value] : object.items()) {
    bool known = false;
    for (const char* name : names) known = known || key == name;
    if (!known) errors.push_back({pointer(path, key), unknown_key_message(key, names)});
  }
}

// The validated value of one given key, or nullopt after recording its errors.
template <class S>
std::optional<Json> validate_row(const Row<S>& row, const Json& value, const std::string& path,
                                 Errors& errors) {
  if (auto problem = check_value(row.kind, row.limits, row.rule, value)) {
    errors.push_back({path, std::move(*problem)});
    return std::nullopt;
  }
  if (!row.bind.validate_items) return value;
  size_t before = errors.size();
  Json items = row.bind.validate_items(value, path, errors);
  if (errors.size() != before) return std::nullopt;
  return items;
}

// Cross-key bounds: an absent key's default is clamped, a given key out of bounds is an error
// on that key. Keys that are themselves invalid are not compared.
template <class S>
void apply_links(std::span<const Row<S>> rows, const std::vector<KeyState>& states, Json& out,
                 const std::string& path, Errors& errors) {
  for (size_t i = 0; i < rows.size(); ++i) {
    const Link& link = rows[i].link;
    if (link.relation == Relation::none || states[i] == KeyState::invalid) continue;
    size_t j = 0;
    while (j < rows.size() && std::string_view(rows[j].name) != link.key) ++j;
    if (j == rows.size() || states[j] == KeyState::invalid) continue;
    Json& value = out[rows[i].name];
    const Json& other = out[rows[j].name];
    if (link_holds(link.relation, value, other)) continue;
    if (states[i] == KeyState::defaulted) {
      value = other;
    } else {
      errors.push_back({pointer(path, rows[i].name), link_problem(link, value, other)});
    }
  }
}

template <class S>
Json validate_object(const Json& object, std::span<const Row<S>> rows, const S& defaults,
                     const std::string& path, Errors& errors) {
  check_unknown_keys(object, rows, path, errors);
  Json out = Json::object();
  std::vector<KeyState> states(rows.size(), KeyState::invalid);
  for (size_t i = 0; i < rows.size(); ++i) {
    const Row<S>& row = rows[i];
    std::string at = pointer(path, row.name);
    auto it = object.find(row.name);
    if (it == object.end()) {
      if (row.required) {
        errors.push_back({at, "is required"});
        continue;
      }
      out[row.name] = row.bind.get(defaults);
      states[i] = KeyState::defaulted;
    } else if (std::optional<Json> value = validate_row(row, *it, at, errors)) {
      out[row.name] = std::move(*value);
      states[i] = KeyState::given;
    }
  }
  apply_links(rows, states, out, path, errors);
  return out;
}

// Items of an array of objects E, each checked against `rows`; two items with the same
// non-empty identity(item) are an error on the later one.
template <class E, const auto& ItemRows, auto Identity>
Json validate_items(const Json& items, const std::string& path, Errors& errors) {
  std::span<const Row<E>> rows(ItemRows);
  Json out = Json::array();
  std::map<std::string, size_t> seen;
  for (size_t i = 0; i < items.size(); ++i) {
    std::string at = pointer(path, std::to_string(i));
    if (!items[i].is_object()) {
      errors.push_back({at, "must be an object (got " + describe_got(items[i]) + ")"});
      continue;
    }
    size_t before = errors.size();
    Json item = validate_object<E>(items[i], rows, E{}, at, errors);
    if (errors.size() != before) continue;
    std::string id = Identity(object_from_json<E>(item, rows));
    auto [first, fresh] = seen.emplace(id, i);
    if (!id.empty() && !fresh) {
      errors.push_back({at, "duplicates " + pointer(path, std::to_string(first->second))});
    }
    out.push_back(std::move(item));
  }
  return out;
}

// Binds a std::vector<E> field to an array whose items are objects described by ItemRows.
template <auto M, const auto& ItemRows, auto Identity>
constexpr auto list_of() {
  using S = OwnerOf<M>;
  using E = typename std::remove_cvref_t<decltype(std::declval<S&>().*M)>::value_type;
  return Binding<S>{
      .get =
          [](const S& s) {
            Json out = Json::array();
            for (const E& item : s.*M) out.push_back(object_to_json<E>(item, ItemRows));
            return out;
          },
      .set =
          [](S& s, const Json& items) {
            (s.*M).clear();
            for (const Json& item : items) (s.*M).push_back(object_from_json<E>(item, ItemRows));
          },
      .validate_items = validate_items<E, ItemRows, Identity>,
      .describe_items = [](const std::string& path, ReloadClass reload,
                           KeyList& out) { describe_rows<E>(ItemRows, E{}, path, &reload, out); },
  };
}

}  // namespace mm::config
