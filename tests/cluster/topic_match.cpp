#include "tests/cluster/topic_match.h"

#include <vector>

namespace mm::test::cluster {
namespace {

std::vector<std::string> levels(const std::string& s) {
  std::vector<std::string> out(1);
  for (char c : s) {
    if (c == '/') {
      out.emplace_back();
    } else {
      out.back() += c;
    }
  }
  return out;
}

}  // namespace

bool topic_matches(const std::string& filter, const std::string& topic) {
  if (!topic.empty() && topic[0] == '$' && !filter.empty() &&
      (filter[0] == '+' || filter[0] == '#'))
    return false;
  std::vector<std::string> f = levels(filter);
  std::vector<std::string> t = levels(topic);
  for (size_t i = 0; i < f.size(); ++i) {
    if (f[i] == "#") return true;  // also the parent: "a/#" matches "a"
    if (i >= t.size()) return false;
    if (f[i] != "+" && f[i] != t[i]) return false;
  }
  return f.size() == t.size();
}

std::optional<SharedFilter> split_shared(const std::string& filter) {
  const std::string prefix = "$share/";
  if (filter.rfind(prefix, 0) != 0) return std::nullopt;
  size_t slash = filter.find('/', prefix.size());
  if (slash == std::string::npos) return std::nullopt;
  return SharedFilter{filter.substr(prefix.size(), slash - prefix.size()),
                      filter.substr(slash + 1)};
}

}  // namespace mm::test::cluster
