#pragma once
// A naive matcher for differential tests of mm::mqtt::topic_matches: it splits both topics into
// vectors of levels first and compares level by level, where the real one walks the strings
// without allocating.

#include <string_view>
#include <vector>

namespace mm::fuzz {

inline std::vector<std::string_view> split_levels(std::string_view topic) {
  std::vector<std::string_view> levels;
  size_t start = 0;
  for (size_t i = 0; i <= topic.size(); ++i) {
    if (i == topic.size() || topic[i] == '/') {
      levels.push_back(topic.substr(start, i - start));
      start = i + 1;
    }
  }
  return levels;
}

// Both arguments valid, the filter not shared.
inline bool reference_matches(std::string_view filter, std::string_view name) {
  const std::vector<std::string_view> f = split_levels(filter);
  const std::vector<std::string_view> n = split_levels(name);
  if (!name.empty() && name[0] == '$' && (f[0] == "+" || f[0] == "#")) return false;
  for (size_t i = 0; i < f.size(); ++i) {
    if (f[i] == "#") return true;  // this level and every level below, or none
    if (i >= n.size()) return false;
    if (f[i] != "+" && f[i] != n[i]) return false;
  }
  return f.size() == n.size();
}

}  // namespace mm::fuzz
