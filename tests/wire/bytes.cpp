#include "tests/wire/bytes.h"

#include <cstdio>

namespace mm::test::wire {

Bytes to_bytes(std::string_view s) {
  return Bytes(s.begin(), s.end());
}

std::string to_string(const Bytes& b) {
  return std::string(b.begin(), b.end());
}

std::string hex(const Bytes& b) {
  std::string out;
  char buf[4];
  for (uint8_t x : b) {
    std::snprintf(buf, sizeof buf, "%02X", x);
    if (!out.empty()) out += ' ';
    out += buf;
  }
  return out;
}

void put_u16(Bytes& out, uint16_t v) {
  out.push_back(uint8_t(v >> 8));
  out.push_back(uint8_t(v));
}

void put_u32(Bytes& out, uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out.push_back(uint8_t(v >> shift));
}

void put_varint(Bytes& out, uint32_t v) {
  do {
    uint8_t digit = v % 128;
    v /= 128;
    out.push_back(v > 0 ? uint8_t(digit | 0x80) : digit);
  } while (v > 0);
}

void put_lstring(Bytes& out, std::string_view s) {
  put_u16(out, uint16_t(s.size()));
  out.insert(out.end(), s.begin(), s.end());
}

void put_bytes(Bytes& out, const Bytes& b) {
  out.insert(out.end(), b.begin(), b.end());
}

void Reader::need(size_t n, const char* what) const {
  if (left() < n) {
    throw WireError(std::string("malformed: ") + what + " needs " + std::to_string(n) + " bytes, " +
                    std::to_string(left()) + " left");
  }
}

uint8_t Reader::u8(const char* what) {
  need(1, what);
  return b_[pos_++];
}

uint16_t Reader::u16(const char* what) {
  need(2, what);
  uint16_t v = uint16_t(b_[pos_] << 8 | b_[pos_ + 1]);
  pos_ += 2;
  return v;
}

uint32_t Reader::u32(const char* what) {
  need(4, what);
  uint32_t v = 0;
  for (int i = 0; i < 4; ++i) v = v << 8 | b_[pos_++];
  return v;
}

uint32_t Reader::varint(const char* what) {
  uint32_t v = 0;
  for (int i = 0; i < 4; ++i) {
    uint8_t b = u8(what);
    v |= uint32_t(b & 0x7F) << (7 * i);
    if ((b & 0x80) == 0) return v;
  }
  throw WireError(std::string("malformed: ") + what + ": Variable Byte Integer over 4 bytes");
}

std::string Reader::lstring(const char* what) {
  uint16_t n = u16(what);
  need(n, what);
  std::string s(b_.begin() + long(pos_), b_.begin() + long(pos_ + n));
  pos_ += n;
  return s;
}

std::string Reader::rest() {
  std::string s(b_.begin() + long(pos_), b_.begin() + long(end_));
  pos_ = end_;
  return s;
}

}  // namespace mm::test::wire
