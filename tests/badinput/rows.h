#pragma once
// The bad-input table, by area. Each function gives the rows for one protocol level (3 = MQTT
// 3.1, 4 = 3.1.1, 5 = 5.0); table() gives all of a level's rows.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "tests/badinput/row.h"
#include "tests/wire/packet.h"

namespace mm::test::badinput {

// Limits the broker under test is configured with (broker_under_test.cpp), which rows rely on.
inline constexpr uint32_t kPackageMaxLength = 1024;
inline constexpr uint16_t kServerReceiveMaximum = 20;  // max_inflight_messages: no config key yet
inline constexpr uint16_t kServerTopicAliasMaximum = 10;

// Strings that are not well-formed UTF-8, or contain what MQTT forbids (MQTT 1.5.3 / 5.0 1.5.4).
inline const std::string kOverlong = "a\xC0\xAF";             // overlong '/'
inline const std::string kSurrogate = "a\xED\xA0\x80";        // U+D800
inline const std::string kNullChar = std::string("a\0b", 3);  // U+0000
inline const std::string kBadByte = "a\xFF";                  // never valid in UTF-8

// CONNECT up to its Keep Alive (and the 5.0 properties): protocol name, level, flags, 60 s.
wire::Packet connect_head(uint8_t level, uint8_t flags, const wire::Props& props = {},
                          std::string_view name = "");
// A well-formed CONNECT with a clean session and client id `id`.
Bytes good_connect(uint8_t level, const std::string& id);
// The statement of the level's specification: `v311` for 3.1 and 3.1.1, `v5` for 5.0.
inline std::string rule(uint8_t level, const char* v311, const char* v5) {
  return level >= wire::v5 ? v5 : v311;
}
// A topic of `levels` levels ("a/a/.../a").
std::string deep_topic(size_t levels);
// Byte strings joined.
Bytes cat(std::initializer_list<Bytes> parts);

std::vector<Row> connect_rows(uint8_t level);
std::vector<Row> connect_property_rows();  // 5.0 only
std::vector<Row> publish_rows(uint8_t level);
std::vector<Row> publish_property_rows();  // 5.0 only
std::vector<Row> subscribe_rows(uint8_t level);
std::vector<Row> control_rows(uint8_t level);  // acks, PING, DISCONNECT, AUTH, server-only
std::vector<Row> framing_rows(uint8_t level);  // fixed header flags, lengths

std::vector<Row> table(uint8_t level);

}  // namespace mm::test::badinput
