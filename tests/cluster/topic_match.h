#pragma once
// The reference matcher of the cluster tests: MQTT topic filters against topic names, written
// from the specification (MQTT 5.0 section 4.7) and independent of common/mqtt, so a matching
// bug in the broker cannot be mirrored here.

#include <optional>
#include <string>

namespace mm::test::cluster {

// True when `filter` (no "$share/" prefix) matches `topic`. `+` is one level, `#` the rest
// including the parent level; wildcards at the first level never match a topic starting with
// '$'.
bool topic_matches(const std::string& filter, const std::string& topic);

// "$share/GROUP/FILTER" split; nullopt for an ordinary filter.
struct SharedFilter {
  std::string group;
  std::string filter;
};
std::optional<SharedFilter> split_shared(const std::string& filter);

}  // namespace mm::test::cluster
