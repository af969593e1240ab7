// Topic Names and Topic Filters: tables of cases naming the statements they cover (MQTT 5.0
// numbering; 3.1.1 has the same rules), then a differential test of topic_matches against the
// naive matcher in tests/fuzz/topic_reference.h.

#include <doctest/doctest.h>

#include <random>
#include <string>
#include <vector>

#include "common/mqtt/topic.h"
#include "tests/fuzz/topic_reference.h"

using mm::mqtt::parse_shared;
using mm::mqtt::ReasonCode;
using mm::mqtt::topic_matches;
using mm::mqtt::validate_topic_filter;
using mm::mqtt::validate_topic_name;
using namespace std::string_view_literals;

namespace {

struct ValidityCase {
  const char* rule;
  std::string_view topic;
  bool valid;
};

const ValidityCase kNameCases[] = {
    {"MQTT-4.7.3-1: at least one character", ""sv, false},
    {"4.7.1.1: a separator alone is a name", "/"sv, true},
    {"4.7.1.1: an empty level in the middle", "a//b"sv, true},
    {"4.7.1.1: a leading empty level", "/a"sv, true},
    {"4.7.1.1: a trailing empty level", "a/"sv, true},
    {"4.7.3: spaces are allowed", "sport tennis/ x"sv, true},
    {"4.7.2: names may begin with $", "$SYS/broker/load"sv, true},
    {"MQTT-4.7.0-1: no '+' in a name", "sport/+"sv, false},
    {"MQTT-4.7.0-1: no '+' inside a level", "a+b"sv, false},
    {"MQTT-4.7.0-1: no '#' in a name", "sport/#"sv, false},
    {"MQTT-4.7.0-1: no '#' inside a level", "sport/tennis#"sv, false},
    {"MQTT-4.7.0-1: a lone '+'", "+"sv, false},
    {"MQTT-4.7.0-1: a lone '#'", "#"sv, false},
    {"MQTT-4.7.3-2: no U+0000", "a\0b"sv, false},
    {"MQTT-1.5.4-1: well-formed UTF-8 (overlong)", "a/\xC0\xAF"sv, false},
    {"MQTT-1.5.4-1: well-formed UTF-8 (surrogate)", "a/\xED\xA0\x80"sv, false},
    {"MQTT-1.5.4-1: well-formed UTF-8 (truncated)", "a/\xE2\x82"sv, false},
    {"MQTT-1.5.4-3: U+FEFF is an ordinary character", "\xEF\xBB\xBF/a"sv, true},
    {"4.8.2: $share/ is only special in a filter", "$share/g/x"sv, true},
};

const ValidityCase kFilterCases[] = {
    {"MQTT-4.7.3-1: at least one character", ""sv, false},
    {"4.7.1.1: a separator alone", "/"sv, true},
    {"4.7.1.1: empty levels", "a//b"sv, true},
    {"4.7.1.1: two separators", "//"sv, true},
    {"4.7.1.2: '#' alone", "#"sv, true},
    {"4.7.1.2: '#' after a separator", "sport/tennis/player1/#"sv, true},
    {"4.7.1.2: '#' after an empty level", "/#"sv, true},
    {"MQTT-4.7.1-1: '#' not after a separator", "sport/tennis#"sv, false},
    {"MQTT-4.7.1-1: '#' not last", "sport/tennis/#/ranking"sv, false},
    {"MQTT-4.7.1-1: '#' followed by a separator", "#/"sv, false},
    {"MQTT-4.7.1-1: '#' twice", "##"sv, false},
    {"MQTT-4.7.1-1: '#' at the start of a longer level", "a/#b"sv, false},
    {"4.7.1.3: '+' alone", "+"sv, true},
    {"4.7.1.3: '+' at first and last levels", "+/tennis/+"sv, true},
    {"4.7.1.3: '+' with '#'", "+/tennis/#"sv, true},
    {"4.7.1.3: '+' in the middle", "sport/+/player1"sv, true},
    {"4.7.1.3: '+' after an empty level", "/+"sv, true},
    {"4.7.1.3: '+' on both sides", "+/+"sv, true},
    {"MQTT-4.7.1-2: '+' not a whole level (after)", "sport+"sv, false},
    {"MQTT-4.7.1-2: '+' not a whole level (before)", "+sport"sv, false},
    {"MQTT-4.7.1-2: '+' twice in a level", "a/++"sv, false},
    {"MQTT-4.7.1-2: '+' inside a level", "a/b+c/d"sv, false},
    {"MQTT-4.7.1-2: '+' then '#' in one level", "+#"sv, false},
    {"MQTT-4.7.3-2: no U+0000", "a/\0"sv, false},
    {"MQTT-1.5.4-1: well-formed UTF-8", "a/\xF4\x90\x80\x80"sv, false},
    {"4.7.2: filters may begin with $", "$SYS/#"sv, true},
    {"4.8.2: a shared subscription", "$share/g/x"sv, true},
    {"4.8.2: a shared subscription with '#'", "$share/g/#"sv, true},
    {"4.8.2: a shared subscription with '+'", "$share/consumer1/sport/+/#"sv, true},
    {"4.8.2: the inner filter may be a separator alone", "$share/g//"sv, true},
    {"4.8.2: a nested $share/ is a literal filter", "$share/g/$share/h/x"sv, true},
    {"4.8.2: $share without '/' is an ordinary filter", "$share"sv, true},
    {"4.8.2: the prefix is case-sensitive", "$SHARE/g"sv, true},
    {"4.8.2: only the exact prefix is special", "$shared/g"sv, true},
    {"MQTT-4.8.2-1: a ShareName at least one character long", "$share//x"sv, false},
    {"MQTT-4.8.2-1: nothing after the prefix", "$share/"sv, false},
    {"MQTT-4.8.2-2: ShareName followed by '/'", "$share/g"sv, false},
    {"MQTT-4.8.2-2: '/' followed by a Topic Filter", "$share/g/"sv, false},
    {"MQTT-4.8.2-2: no '+' in a ShareName", "$share/g+/x"sv, false},
    {"MQTT-4.8.2-2: no '+' as a ShareName", "$share/+/x"sv, false},
    {"MQTT-4.8.2-2: no '#' in a ShareName", "$share/a#/x"sv, false},
    {"MQTT-4.8.2-2: no '#' as a ShareName", "$share/#/x"sv, false},
    {"MQTT-4.8.2-2: the inner filter follows 4.7.1", "$share/g/a+"sv, false},
    {"MQTT-4.8.2-2: the inner filter has no U+0000", "$share/g/a\0"sv, false},
    {"MQTT-1.5.4-1: a ShareName in well-formed UTF-8", "$share/\xC3/x"sv, false},
};

void check_validity(const ValidityCase& c, ReasonCode got, ReasonCode invalid) {
  CAPTURE(c.rule);
  CAPTURE(c.topic);
  CHECK(got == (c.valid ? ReasonCode::success : invalid));
}

}  // namespace

TEST_CASE("topic: validate_topic_name table") {
  for (const ValidityCase& c : kNameCases) {
    check_validity(c, validate_topic_name(c.topic), ReasonCode::topic_name_invalid);
  }
}

// Plain ASCII names are checked eight bytes at a time, with the last eight overlapping: every
// length around a word, with one forbidden or non-ASCII byte at every position.
TEST_CASE("topic: validate_topic_name finds one odd byte anywhere") {
  const std::string odd[] = {std::string(1, '\0'), "+", "#", "\xC3\xA9", "\xFF", "\x80"};
  const bool valid[] = {false, false, false, true, false, false};
  for (size_t n = 1; n <= 25; ++n) {
    const std::string plain(n, 'a');
    CAPTURE(n);
    CHECK(validate_topic_name(plain) == ReasonCode::success);
    for (size_t at = 0; at < n; ++at) {
      for (size_t k = 0; k < std::size(odd); ++k) {
        std::string name = plain;
        name.replace(at, 1, odd[k]);
        CAPTURE(at);
        CAPTURE(k);
        CHECK(validate_topic_name(name) ==
              (valid[k] ? ReasonCode::success : ReasonCode::topic_name_invalid));
      }
    }
  }
}

TEST_CASE("topic: validate_topic_filter table") {
  for (const ValidityCase& c : kFilterCases) {
    check_validity(c, validate_topic_filter(c.topic), ReasonCode::topic_filter_invalid);
  }
}

TEST_CASE("topic: MQTT-4.7.3-3 at most 65535 bytes") {
  std::string topic(65535, 'a');
  topic[10] = '/';
  CHECK(validate_topic_name(topic) == ReasonCode::success);
  CHECK(validate_topic_filter(topic) == ReasonCode::success);
  topic.push_back('a');
  CHECK(validate_topic_name(topic) == ReasonCode::topic_name_invalid);
  CHECK(validate_topic_filter(topic) == ReasonCode::topic_filter_invalid);
  std::string shared = "$share/g/" + std::string(65535 - 9, 'a');
  CHECK(validate_topic_filter(shared) == ReasonCode::success);
  CHECK(parse_shared(shared).has_value());
  shared.push_back('a');
  CHECK(validate_topic_filter(shared) == ReasonCode::topic_filter_invalid);
  CHECK_FALSE(parse_shared(shared).has_value());
}

TEST_CASE("topic: parse_shared splits group and filter") {
  struct Split {
    std::string_view shared, group, filter;
  };
  const Split splits[] = {
      {"$share/g/x", "g", "x"},
      {"$share/consumer1/sport/+/#", "consumer1", "sport/+/#"},
      {"$share/g//", "g", "/"},
      {"$share/g/$share/h/x", "g", "$share/h/x"},
      {"$share/\xC3\xA9/#", "\xC3\xA9", "#"},
  };
  for (const Split& s : splits) {
    CAPTURE(s.shared);
    const auto parsed = parse_shared(s.shared);
    REQUIRE(parsed.has_value());
    CHECK(parsed->group == s.group);
    CHECK(parsed->filter == s.filter);
  }
  // Not shared subscriptions, or invalid ones: every invalid "$share/" filter of the table.
  CHECK_FALSE(parse_shared("sport/x").has_value());
  CHECK_FALSE(parse_shared("$share").has_value());
  for (const ValidityCase& c : kFilterCases) {
    CAPTURE(c.topic);
    const bool shared = c.topic.starts_with("$share/");
    CHECK(parse_shared(c.topic).has_value() == (shared && c.valid));
  }
}

namespace {

struct MatchCase {
  const char* rule;
  std::string_view filter, name;
  bool matches;
};

const MatchCase kMatchCases[] = {
    {"4.7.1.2", "sport/tennis/player1/#", "sport/tennis/player1", true},
    {"4.7.1.2", "sport/tennis/player1/#", "sport/tennis/player1/ranking", true},
    {"4.7.1.2", "sport/tennis/player1/#", "sport/tennis/player1/score/wimbledon", true},
    {"4.7.1.2: '#' matches the parent level", "sport/#", "sport", true},
    {"4.7.1.2", "sport/#", "sport/", true},
    {"4.7.1.2", "sport/#", "sports", false},
    {"4.7.1.2", "sport/tennis/#", "sport", false},
    {"4.7.1.2: '#' matches every name", "#", "a/b/c", true},
    {"4.7.1.2: '#' matches a leading empty level", "#", "/", true},
    {"4.7.1.3", "sport/tennis/+", "sport/tennis/player1", true},
    {"4.7.1.3", "sport/tennis/+", "sport/tennis/player1/ranking", false},
    {"4.7.1.3: '+' needs a level", "sport/+", "sport", false},
    {"4.7.1.3: '+' matches an empty level", "sport/+", "sport/", true},
    {"4.7.1.3", "+/+", "/finance", true},
    {"4.7.1.3", "/+", "/finance", true},
    {"4.7.1.3", "+", "/finance", false},
    {"4.7.1.3", "a/+/b", "a//b", true},
    {"4.7.1.3", "+/#", "a", true},
    {"MQTT-4.7.2-1: '#' does not match $ names", "#", "$SYS/x", false},
    {"MQTT-4.7.2-1: '#' does not match $ names", "#", "$SYS", false},
    {"MQTT-4.7.2-1: '+' does not match $ names", "+/monitor/Clients", "$SYS/monitor/Clients",
     false},
    {"MQTT-4.7.2-1: '+' does not match $ names", "+/x", "$SYS/x", false},
    {"4.7.2: $ filters match $ names", "$SYS/#", "$SYS/x", true},
    {"4.7.2: $ filters match $ names", "$SYS/monitor/+", "$SYS/monitor/Clients", true},
    {"4.7.2: only a leading $ is special", "+/$SYS", "a/$SYS", true},
    {"4.7.3: case-sensitive", "ACCOUNTS", "Accounts", false},
    {"4.7.3: exact levels", "a/b", "a/b", true},
    {"4.7.3: exact levels", "a/b", "a/c", false},
    {"4.7.1.1: a trailing empty level is significant", "a/b", "a/b/", false},
    {"4.7.1.1: an empty level is significant", "a//b", "a/b", false},
    {"4.7.1.1: a leading empty level is significant", "/a", "a", false},
    {"4.7.3: fewer name levels", "a/b", "a", false},
    {"4.7.3: more name levels", "a", "a/b", false},
    {"MQTT-4.7.3-4: no normalisation", "caf\xC3\xA9", "cafe\xCC\x81", false},
};

}  // namespace

TEST_CASE("topic: topic_matches table") {
  for (const MatchCase& c : kMatchCases) {
    CAPTURE(c.rule);
    CAPTURE(c.filter);
    CAPTURE(c.name);
    CHECK(topic_matches(c.filter, c.name) == c.matches);
    CHECK(mm::fuzz::reference_matches(c.filter, c.name) == c.matches);  // the reference too
  }
}

namespace {

std::string random_topic(std::mt19937& rng, const std::vector<std::string_view>& levels) {
  std::string topic;
  const unsigned count = 1 + rng() % 5;
  for (unsigned i = 0; i < count; ++i) {
    if (i > 0) topic += '/';
    topic += levels[rng() % levels.size()];
  }
  return topic;
}

}  // namespace

TEST_CASE("topic: topic_matches agrees with the naive matcher") {
  const std::vector<std::string_view> filter_levels = {"a", "b", "", "+", "#", "$SYS", "ab"};
  const std::vector<std::string_view> name_levels = {"a", "b", "", "$SYS", "$", "ab"};
  std::mt19937 rng(4711);
  int compared = 0;
  int matched = 0;
  for (int i = 0; i < 100'000; ++i) {
    const std::string filter = random_topic(rng, filter_levels);
    const std::string name = random_topic(rng, name_levels);
    if (validate_topic_filter(filter) != ReasonCode::success) continue;
    if (validate_topic_name(name) != ReasonCode::success) continue;
    const bool expected = mm::fuzz::reference_matches(filter, name);
    if (topic_matches(filter, name) != expected) {
      CAPTURE(filter);
      CAPTURE(name);
      FAIL("topic_matches disagrees with the reference");
    }
    ++compared;
    matched += expected ? 1 : 0;
  }
  // The generator must reach both outcomes often, or the comparison proves little.
  CHECK(compared > 30'000);
  CHECK(matched > 3'000);
}
