// validate_utf8: a table of cases naming the statements they cover, then a differential test
// against the slow reference decoder in tests/fuzz/utf8_reference.h.

#include <doctest/doctest.h>

#include <random>
#include <string>
#include <vector>

#include "common/mqtt/utf8.h"
#include "tests/fuzz/utf8_reference.h"

using mm::mqtt::Utf8Status;
using mm::mqtt::validate_utf8;
using namespace std::string_view_literals;

namespace {

struct Utf8Case {
  const char* rule;
  std::string_view bytes;
  Utf8Status expected;
};

constexpr auto kOk = Utf8Status::ok;
constexpr auto kIll = Utf8Status::ill_formed;
constexpr auto kNull = Utf8Status::null_character;

const Utf8Case kUtf8Cases[] = {
    {"1.5.4: the empty string is a valid string", ""sv, kOk},
    {"RFC 3629: ASCII", "sport/tennis"sv, kOk},
    {"RFC 3629: two bytes, U+00E9", "\xC3\xA9"sv, kOk},
    {"RFC 3629: three bytes, U+20AC", "\xE2\x82\xAC"sv, kOk},
    {"RFC 3629: four bytes, U+1D11E", "\xF0\x9D\x84\x9E"sv, kOk},
    {"RFC 3629: smallest two-byte, U+0080", "\xC2\x80"sv, kOk},
    {"RFC 3629: largest two-byte, U+07FF", "\xDF\xBF"sv, kOk},
    {"RFC 3629: smallest three-byte, U+0800", "\xE0\xA0\x80"sv, kOk},
    {"RFC 3629: last before surrogates, U+D7FF", "\xED\x9F\xBF"sv, kOk},
    {"RFC 3629: first after surrogates, U+E000", "\xEE\x80\x80"sv, kOk},
    {"RFC 3629: smallest four-byte, U+10000", "\xF0\x90\x80\x80"sv, kOk},
    {"RFC 3629: largest code point, U+10FFFF", "\xF4\x8F\xBF\xBF"sv, kOk},
    {"MQTT-1.5.4-3: BOM is U+FEFF, accepted",
     "\xEF\xBB\xBF"
     "a"sv,
     kOk},
    {"1.5.4 SHOULD NOT, accepted: U+0001", "\x01"sv, kOk},
    {"1.5.4 SHOULD NOT, accepted: U+001F", "\x1F"sv, kOk},
    {"1.5.4 SHOULD NOT, accepted: U+007F", "\x7F"sv, kOk},
    {"1.5.4 SHOULD NOT, accepted: U+009F", "\xC2\x9F"sv, kOk},
    {"1.5.4 SHOULD NOT, accepted: non-character U+FDD0", "\xEF\xB7\x90"sv, kOk},
    {"1.5.4 SHOULD NOT, accepted: non-character U+FFFF", "\xEF\xBF\xBF"sv, kOk},
    {"1.5.4 SHOULD NOT, accepted: non-character U+10FFFE", "\xF4\x8F\xBF\xBE"sv, kOk},
    {"MQTT-1.5.4-1: surrogate U+D800", "\xED\xA0\x80"sv, kIll},
    {"MQTT-1.5.4-1: surrogate U+DFFF", "\xED\xBF\xBF"sv, kIll},
    {"MQTT-1.5.4-1: surrogate pair, CESU-8", "\xED\xA0\xBD\xED\xB8\x80"sv, kIll},
    {"MQTT-1.5.4-1: overlong U+0000 (C0 80)", "\xC0\x80"sv, kIll},
    {"MQTT-1.5.4-1: overlong '/' (C0 AF)", "\xC0\xAF"sv, kIll},
    {"MQTT-1.5.4-1: overlong U+007F (C1 BF)", "\xC1\xBF"sv, kIll},
    {"MQTT-1.5.4-1: overlong three-byte U+0000", "\xE0\x80\x80"sv, kIll},
    {"MQTT-1.5.4-1: overlong three-byte U+07FF", "\xE0\x9F\xBF"sv, kIll},
    {"MQTT-1.5.4-1: overlong four-byte U+0000", "\xF0\x80\x80\x80"sv, kIll},
    {"MQTT-1.5.4-1: overlong four-byte U+FFFF", "\xF0\x8F\xBF\xBF"sv, kIll},
    {"MQTT-1.5.4-1: beyond U+10FFFF (F4 90)", "\xF4\x90\x80\x80"sv, kIll},
    {"MQTT-1.5.4-1: lead F5", "\xF5\x80\x80\x80"sv, kIll},
    {"MQTT-1.5.4-1: five-byte form", "\xF8\x88\x80\x80\x80"sv, kIll},
    {"MQTT-1.5.4-1: lead FE", "\xFE"sv, kIll},
    {"MQTT-1.5.4-1: lead FF", "\xFF"sv, kIll},
    {"MQTT-1.5.4-1: stray continuation", "\x80"sv, kIll},
    {"MQTT-1.5.4-1: stray continuation after ASCII",
     "ab\xBF"
     "cd"sv,
     kIll},
    {"MQTT-1.5.4-1: extra continuation", "\xC3\xA9\xA9"sv, kIll},
    {"MQTT-1.5.4-1: truncated two-byte", "\xC3"sv, kIll},
    {"MQTT-1.5.4-1: truncated three-byte", "\xE2\x82"sv, kIll},
    {"MQTT-1.5.4-1: truncated four-byte", "\xF0\x9D\x84"sv, kIll},
    {"MQTT-1.5.4-1: truncated after eight ASCII", "abcdefgh\xE2"sv, kIll},
    {"MQTT-1.5.4-1: ASCII where a continuation belongs",
     "\xC3"
     "A"sv,
     kIll},
    {"MQTT-1.5.4-1: lead where a continuation belongs", "\xE2\x82\xE2\x82\xAC"sv, kIll},
    {"MQTT-1.5.4-2: U+0000 alone", "\0"sv, kNull},
    {"MQTT-1.5.4-2: U+0000 inside", "sport\0tennis"sv, kNull},
    {"MQTT-1.5.4-2: U+0000 at the end of an eight-byte run", "abcdefg\0"sv, kNull},
    {"MQTT-1.5.4-2: U+0000 after multi-byte", "\xC3\xA9\0"sv, kNull},
    {"first fault wins: U+0000 then ill-formed", "a\0\x80"sv, kNull},
    {"first fault wins: ill-formed then U+0000", "a\x80\0"sv, kIll},
};

}  // namespace

TEST_CASE("utf8: table of cases") {
  for (const Utf8Case& c : kUtf8Cases) {
    CAPTURE(c.rule);
    CHECK(validate_utf8(c.bytes) == c.expected);
  }
}

// Every position of a fault, in and out of the eight-byte ASCII runs.
TEST_CASE("utf8: a fault is found at every position of an ASCII string") {
  for (size_t size = 1; size <= 40; ++size) {
    for (size_t at = 0; at < size; ++at) {
      std::string s(size, 'x');
      CHECK(validate_utf8(s) == kOk);
      s[at] = '\0';
      CHECK(validate_utf8(s) == kNull);
      s[at] = '\x80';
      CHECK(validate_utf8(s) == kIll);
      s[at] = '\x7F';
      CHECK(validate_utf8(s) == kOk);
    }
  }
}

namespace {

std::span<const uint8_t> as_bytes(const std::vector<uint8_t>& v) {
  return {v.data(), v.size()};
}

void check_same_as_reference(const std::vector<uint8_t>& bytes) {
  const Utf8Status expected = mm::fuzz::reference_utf8(as_bytes(bytes));
  if (validate_utf8(as_bytes(bytes)) != expected) {
    CAPTURE(std::string(bytes.begin(), bytes.end()));
    FAIL("validate_utf8 disagrees with the reference");
  }
}

// Encodes a code point the plain way, including surrogates (which must then be rejected).
void append_code_point(std::vector<uint8_t>& out, uint32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<uint8_t>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<uint8_t>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<uint8_t>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<uint8_t>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<uint8_t>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<uint8_t>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<uint8_t>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<uint8_t>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<uint8_t>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<uint8_t>(0x80 | (cp & 0x3F)));
  }
}

// Bytes near every boundary of the lead and continuation ranges.
constexpr uint8_t kEdgeBytes[] = {0x00, 0x01, 0x2F, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F,
                                  0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1, 0xEC,
                                  0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF};

// Mostly well-formed text with ASCII runs, then a few random byte edits.
std::vector<uint8_t> mutated_text(std::mt19937& rng) {
  std::vector<uint8_t> out;
  const int characters = std::uniform_int_distribution<int>(0, 24)(rng);
  for (int i = 0; i < characters; ++i) {
    const int kind = std::uniform_int_distribution<int>(0, 3)(rng);
    const uint32_t limits[] = {0x7F, 0x7FF, 0xFFFF, 0x10FFFF};
    uint32_t cp = std::uniform_int_distribution<uint32_t>(1, limits[kind])(rng);
    append_code_point(out, cp);
  }
  const int edits = std::uniform_int_distribution<int>(0, 3)(rng);
  for (int e = 0; e < edits && !out.empty(); ++e) {
    const size_t at = std::uniform_int_distribution<size_t>(0, out.size() - 1)(rng);
    const uint8_t edge = kEdgeBytes[rng() % std::size(kEdgeBytes)];
    switch (rng() % 4) {
      case 0:
        out[at] = edge;
        break;
      case 1:
        out.insert(out.begin() + static_cast<long>(at), edge);
        break;
      case 2:
        out.erase(out.begin() + static_cast<long>(at));
        break;
      default:
        out.resize(at);
        break;
    }
  }
  return out;
}

}  // namespace

TEST_CASE("utf8: agrees with the reference on every string of one and two bytes") {
  for (unsigned a = 0; a < 256; ++a) {
    check_same_as_reference({static_cast<uint8_t>(a)});
    for (unsigned b = 0; b < 256; ++b) {
      check_same_as_reference({static_cast<uint8_t>(a), static_cast<uint8_t>(b)});
    }
  }
}

TEST_CASE("utf8: agrees with the reference on every three bytes behind a lead byte") {
  // Leads C0..FF followed by every pair; placed after seven ASCII bytes so the sequence
  // straddles the end of an eight-byte run.
  std::vector<uint8_t> s = {'a', 'b', 'c', 'd', 'e', 'f', 'g', 0, 0, 0};
  for (unsigned a = 0xC0; a < 0x100; ++a) {
    for (unsigned bc = 0; bc < 0x10000; ++bc) {
      s[7] = static_cast<uint8_t>(a);
      s[8] = static_cast<uint8_t>(bc >> 8);
      s[9] = static_cast<uint8_t>(bc);
      check_same_as_reference(s);
    }
  }
}

TEST_CASE("utf8: agrees with the reference on random and mutated strings") {
  std::mt19937 rng(20240601);
  std::vector<uint8_t> s;
  for (int i = 0; i < 200'000; ++i) {
    if (i % 2 == 0) {
      check_same_as_reference(mutated_text(rng));
    } else {
      s.resize(rng() % 20);
      for (uint8_t& b : s) b = kEdgeBytes[rng() % std::size(kEdgeBytes)];
      check_same_as_reference(s);
    }
  }
}
