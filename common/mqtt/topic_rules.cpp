#include "common/mqtt/topic_rules.h"

#include "common/mqtt/reader.h"
#include "common/mqtt/topic.h"

namespace mm::mqtt {
namespace {

DecodeError filter_error(const char* rule) noexcept {
  return {ReasonCode::topic_filter_invalid, rule, "invalid Topic Filter"};
}

bool multi_level_misplaced(std::string_view f) noexcept {
  size_t hash = f.find('#');
  if (hash == std::string_view::npos) return false;
  return hash != f.size() - 1 || (hash > 0 && f[hash - 1] != '/');
}

}  // namespace

Status check_topic_name(std::string_view name) noexcept {
  if (validate_topic_name(name) == ReasonCode::success) return {};
  MM_TRY(check_utf8(name));
  if (name.empty()) return DecodeError{ReasonCode::topic_name_invalid, "MQTT-4.7.3-1", "empty"};
  return DecodeError{ReasonCode::topic_name_invalid, "MQTT-3.3.2-2", "wildcard in Topic Name"};
}

Status check_topic_filter(std::string_view filter) noexcept {
  if (validate_topic_filter(filter) == ReasonCode::success) return {};
  MM_TRY(check_utf8(filter));
  if (filter.empty()) return filter_error("MQTT-4.7.3-1");
  constexpr std::string_view kShare = "$share/";
  if (filter.starts_with(kShare)) {
    std::string_view rest = filter.substr(kShare.size());
    std::string_view group = rest.substr(0, rest.find('/'));
    // [MQTT-4.8.2-1]: a ShareName of one character at least; [MQTT-4.8.2-2]: no '+' or '#'
    // in it, then '/' and a valid filter.
    return filter_error(group.empty() ? "MQTT-4.8.2-1" : "MQTT-4.8.2-2");
  }
  return filter_error(multi_level_misplaced(filter) ? "MQTT-4.7.1-1" : "MQTT-4.7.1-2");
}

}  // namespace mm::mqtt
