// Topic validation and matching. The input's first half is read as a filter, its second half
// as a name; each half also goes through every check on its own.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "common/mqtt/topic.h"
#include "common/mqtt/utf8.h"
#include "tests/fuzz/check.h"
#include "tests/fuzz/topic_reference.h"

namespace {

using mm::fuzz::require;
using mm::mqtt::ReasonCode;

constexpr std::string_view kSharePrefix = "$share/";

void check_shared(std::string_view topic, bool valid_filter) {
  const auto shared = mm::mqtt::parse_shared(topic);
  const bool is_shared = topic.starts_with(kSharePrefix);
  require(shared.has_value() == (is_shared && valid_filter),
          "parse_shared succeeds exactly for valid filters starting with $share/");
  if (!shared) return;
  // The parts are views into the input: "$share/" group "/" filter, nothing more or less.
  require(shared->group.data() == topic.data() + kSharePrefix.size(), "group follows prefix");
  require(shared->filter.data() == shared->group.data() + shared->group.size() + 1,
          "filter follows group and one '/'");
  require(shared->filter.data() + shared->filter.size() == topic.data() + topic.size(),
          "filter runs to the end");
  require(!shared->group.empty() && shared->group.find_first_of("/+#") == std::string_view::npos,
          "group is non-empty without '/', '+', '#'");
}

void check_one(std::string_view topic) {
  const bool name = mm::mqtt::validate_topic_name(topic) == ReasonCode::success;
  const bool filter = mm::mqtt::validate_topic_filter(topic) == ReasonCode::success;
  check_shared(topic, filter);
  (void)mm::mqtt::topic_matches(topic, topic);  // defined for any input, even invalid
  if (!name) return;
  require(!topic.empty() && topic.size() <= 65535, "a valid name has 1..65535 bytes");
  require(topic.find_first_of("+#") == std::string_view::npos, "a valid name has no wildcard");
  require(mm::mqtt::validate_utf8(topic) == mm::mqtt::Utf8Status::ok, "a valid name is UTF-8");
  require(mm::mqtt::topic_matches(topic, topic), "a valid name matches itself as a filter");
  if (!topic.starts_with(kSharePrefix)) require(filter, "a valid name is a valid filter");
}

void check_pair(std::string_view filter, std::string_view name) {
  const bool result = mm::mqtt::topic_matches(filter, name);  // safe on any input
  if (mm::mqtt::validate_topic_name(name) != ReasonCode::success) return;
  if (mm::mqtt::validate_topic_filter(filter) != ReasonCode::success) return;
  if (const auto shared = mm::mqtt::parse_shared(filter)) {
    require(mm::mqtt::topic_matches(shared->filter, name) ==
                mm::fuzz::reference_matches(shared->filter, name),
            "topic_matches agrees with the reference (shared filter)");
    return;
  }
  require(result == mm::fuzz::reference_matches(filter, name),
          "topic_matches agrees with the reference");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::string_view first = input.substr(0, size / 2);
  const std::string_view second = input.substr(size / 2);
  check_one(first);
  check_one(second);
  check_pair(first, second);
  return 0;
}
