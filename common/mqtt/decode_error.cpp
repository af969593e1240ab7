#include "common/mqtt/decode_error.h"

#include <cstdio>

namespace mm::mqtt {

std::string describe(const DecodeError& e) {
  char code[8];
  std::snprintf(code, sizeof code, "0x%02X", unsigned(e.code));
  return std::string(reason_name(e.code)) + " (" + code + ") [" + e.rule + "]: " + e.what;
}

}  // namespace mm::mqtt
