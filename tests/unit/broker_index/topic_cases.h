#pragma once
// Shared by the trie tests: one table of (filter, name) cases naming the statement of MQTT 5.0
// section 4.7 each covers (3.1.1 has the same rules), and the random topics of the
// differential tests.

#include <algorithm>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace mm::broker::test {

struct MatchCase {
  const char* rule;
  std::string_view filter;
  std::string_view name;
  bool matches;
};

inline const std::vector<MatchCase>& match_cases() {
  static const std::vector<MatchCase> cases = {
      {"4.7.1.2: '#' matches the levels below", "sport/tennis/player1/#",
       "sport/tennis/player1/score/wimbledon", true},
      {"4.7.1.2: '#' matches one level below", "sport/tennis/player1/#",
       "sport/tennis/player1/ranking", true},
      {"4.7.1.2: '#' matches the parent level", "sport/tennis/player1/#", "sport/tennis/player1",
       true},
      {"4.7.1.2: '#' matches the parent level", "sport/#", "sport", true},
      {"4.7.1.2: '#' matches an empty level", "sport/#", "sport/", true},
      {"4.7.1.2: '#' is a whole level", "sport/#", "sports", false},
      {"4.7.1.2: '#' needs the levels before it", "sport/tennis/#", "sport", false},
      {"4.7.1.2: '#' alone matches every name", "#", "a/b/c", true},
      {"4.7.1.2: '#' alone matches empty levels", "#", "/", true},
      {"4.7.1.3: '+' matches one level", "sport/tennis/+", "sport/tennis/player1", true},
      {"4.7.1.3: '+' matches only one level", "sport/tennis/+", "sport/tennis/player1/ranking",
       false},
      {"4.7.1.3: '+' needs a level", "sport/+", "sport", false},
      {"4.7.1.3: '+' matches an empty level", "sport/+", "sport/", true},
      {"4.7.1.3: '+' matches a leading empty level", "+/+", "/finance", true},
      {"4.7.1.3: '+' after a leading empty level", "/+", "/finance", true},
      {"4.7.1.3: '+' is one level, not two", "+", "/finance", false},
      {"4.7.1.3: '+' matches an inner empty level", "a/+/b", "a//b", true},
      {"4.7.1.3: '+' then '#' matches one level", "+/#", "a", true},
      {"4.7.1.3: '+' in several levels", "+/b/+", "a/b/c", true},
      {"MQTT-4.7.2-1: '#' does not match a $ name", "#", "$SYS/broker/load", false},
      {"MQTT-4.7.2-1: '#' does not match a $ name of one level", "#", "$SYS", false},
      {"MQTT-4.7.2-1: '+' does not match a $ first level", "+/monitor/Clients",
       "$SYS/monitor/Clients", false},
      {"MQTT-4.7.2-1: '+/#' does not match a $ name", "+/#", "$SYS", false},
      {"MQTT-4.7.2-1: any $ name, not only $SYS", "+", "$x", false},
      {"4.7.2: a $ filter matches $ names", "$SYS/#", "$SYS/monitor/Clients", true},
      {"4.7.2: a $ filter matches its parent", "$SYS/#", "$SYS", true},
      {"4.7.2: '+' below a $ level", "$SYS/monitor/+", "$SYS/monitor/Clients", true},
      {"4.7.2: only a leading $ is special", "a/+", "a/$SYS", true},
      {"4.7.2: only a leading $ is special", "#", "a/$SYS", true},
      {"4.7.3: case-sensitive", "ACCOUNTS", "Accounts", false},
      {"4.7.3: spaces are ordinary characters", "Accounts payable", "Accounts payable", true},
      {"4.7.3: exact levels", "a/b", "a/b", true},
      {"4.7.3: a different level", "a/b", "a/c", false},
      {"4.7.1.1: a trailing empty level is a level", "a/b", "a/b/", false},
      {"4.7.1.1: an inner empty level is a level", "a//b", "a/b", false},
      {"4.7.1.1: an inner empty level matches itself", "a//b", "a//b", true},
      {"4.7.1.1: a leading empty level is a level", "/finance", "finance", false},
      {"4.7.1.1: a separator alone is two empty levels", "/", "/", true},
      {"4.7.3: fewer name levels", "a/b", "a", false},
      {"4.7.3: more name levels", "a", "a/b", false},
      {"MQTT-4.7.3-4: no Unicode normalisation", "caf\xC3\xA9", "cafe\xCC\x81", false},
  };
  return cases;
}

// A topic of 1 to 5 levels drawn from `levels`; '#' only last, as in a valid filter.
inline std::string random_topic(std::mt19937_64& rng, const std::vector<std::string_view>& levels) {
  std::string topic;
  const size_t count = 1 + rng() % 5;
  for (size_t i = 0; i < count; ++i) {
    if (i > 0) topic += '/';
    const std::string_view level = levels[rng() % levels.size()];
    topic += level;
    if (level == "#") break;
  }
  return topic;
}

// Two levels of 19 bytes that differ in their last byte only: the trie compares and splits
// short levels byte by byte and long ones with memcmp and memchr.
inline const std::vector<std::string_view> kFilterLevels = {
    "a", "b", "", "+", "#", "$SYS", "$", "ab", "level-of-19-bytes-a", "level-of-19-bytes-b"};
inline const std::vector<std::string_view> kNameLevels = {
    "a", "b", "", "$SYS", "$", "ab", "level-of-19-bytes-a", "level-of-19-bytes-b"};

// Order-free comparison of match results that keeps duplicates visible.
inline std::vector<std::string> sorted(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  return v;
}

}  // namespace mm::broker::test
