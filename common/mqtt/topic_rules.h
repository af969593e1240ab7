#pragma once
// Topic Name and Topic Filter checks as decode errors that name the statement broken.
// The rules themselves are topic.h's; this only says which one failed.

#include <string_view>

#include "common/mqtt/decode_error.h"

namespace mm::mqtt {

// Both take the raw string (not yet UTF-8 checked: one pass checks everything on the success
// path). Ill-formed UTF-8 or U+0000 is 0x81 Malformed Packet [MQTT-1.5.4-1], [MQTT-1.5.4-2].

// 0x90 Topic Name invalid: empty [MQTT-4.7.3-1] or a wildcard [MQTT-3.3.2-2].
Status check_topic_name(std::string_view name) noexcept;
// 0x8F Topic Filter invalid: empty [MQTT-4.7.3-1], misplaced '#' [MQTT-4.7.1-1] or '+'
// [MQTT-4.7.1-2], bad "$share/" syntax [MQTT-4.8.2-1], [MQTT-4.8.2-2].
Status check_topic_filter(std::string_view filter) noexcept;

}  // namespace mm::mqtt
