#pragma once
// Topic Names and Topic Filters (3.1.1 section 4.7, 5.0 section 4.7 and 4.8.2): validation,
// matching, and shared-subscription syntax. Allocation-free.

#include <cstddef>
#include <optional>
#include <string_view>

#include "common/mqtt/reason_code.h"

namespace mm::mqtt {

// A Topic Name (in PUBLISH, will topic): at least one character, no '+' or '#', valid UTF-8
// with no U+0000, at most 65535 bytes. Returns success or topic_name_invalid.
ReasonCode validate_topic_name(std::string_view name) noexcept;

// A Topic Filter (SUBSCRIBE, UNSUBSCRIBE): at least one character; '+' occupies a whole level;
// '#' is last and a whole level; valid UTF-8 with no U+0000. A filter starting with "$share/"
// must be a valid shared subscription (see parse_shared). Returns success or
// topic_filter_invalid.
ReasonCode validate_topic_filter(std::string_view filter) noexcept;

// "$share/{ShareName}/{filter}": ShareName has at least one character and no '/', '+' or '#';
// {filter} is a valid non-empty Topic Filter [MQTT-4.8.2-1], [MQTT-4.8.2-2].
struct SharedFilter {
  std::string_view group;
  std::string_view filter;
};
// nullopt when `filter` does not start with "$share/" or is not a valid shared subscription.
std::optional<SharedFilter> parse_shared(std::string_view filter) noexcept;

// The number of levels in a topic name or filter: separators + 1 ("" has one, empty, level).
size_t topic_levels(std::string_view topic) noexcept;

// Whether a valid Topic Name matches a valid (non-shared) Topic Filter. Names beginning with
// '$' are not matched by a filter beginning with a wildcard [MQTT-4.7.2-1].
bool topic_matches(std::string_view filter, std::string_view name) noexcept;

}  // namespace mm::mqtt
