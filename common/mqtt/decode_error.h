#pragma once
// Errors as values: every decoder returns either its packet or a DecodeError that says which
// reason code the failure maps to (0x81 Malformed Packet, 0x82 Protocol Error or a more
// specific one) and which spec statement it breaks.

#include <optional>
#include <string>
#include <utility>
#include <variant>

#include "common/mqtt/reason_code.h"

namespace mm::mqtt {

struct DecodeError {
  ReasonCode code = ReasonCode::malformed_packet;
  // The spec statement, e.g. "MQTT-3.3.1-4". Numbered statements use the MQTT 5.0 number when
  // the rule exists there, else the 3.1.1 one; rules without a number name their section,
  // e.g. "MQTT5-2.2.2.2" or "MQTT311-3.9.3".
  const char* rule = "";
  const char* what = "";  // a short English explanation for logs
};

inline DecodeError malformed(const char* rule, const char* what) noexcept {
  return {ReasonCode::malformed_packet, rule, what};
}
inline DecodeError protocol_error(const char* rule, const char* what) noexcept {
  return {ReasonCode::protocol_error, rule, what};
}

// For a log line: "Malformed Packet (0x81) [MQTT-3.3.1-4]: PUBLISH with QoS 3".
std::string describe(const DecodeError& e);

// Empty on success.
using Status = std::optional<DecodeError>;

// gcc 12 has no std::expected: a value or a DecodeError.
template <class T>
class [[nodiscard]] DecodeResult {
 public:
  DecodeResult(T value) : v_(std::in_place_index<0>, std::move(value)) {}
  DecodeResult(DecodeError error) : v_(std::in_place_index<1>, error) {}

  bool ok() const noexcept { return v_.index() == 0; }
  explicit operator bool() const noexcept { return ok(); }
  // Call only when ok() (value) or !ok() (error): unchecked, so they never throw.
  T& value() & noexcept { return *std::get_if<0>(&v_); }
  const T& value() const& noexcept { return *std::get_if<0>(&v_); }
  T&& value() && noexcept { return std::move(*std::get_if<0>(&v_)); }
  const DecodeError& error() const noexcept { return *std::get_if<1>(&v_); }

 private:
  std::variant<T, DecodeError> v_;
};

}  // namespace mm::mqtt

// Returns the error of a Status-returning expression from the enclosing function.
#define MM_TRY(expr)                \
  do {                              \
    if (auto mm_status_ = (expr)) { \
      return *mm_status_;           \
    }                               \
  } while (0)
