#pragma once
// A bystander: a client connected and subscribed before some bad input, which must notice
// nothing: afterwards it still answers PINGREQ and receives a message a new client publishes.

#include <cstdint>
#include <string>

#include "tests/wire/client.h"

namespace mm::test::badinput {

class Bystander {
 public:
  // Connects as "by-TAG" and subscribes to "bystander/TAG" at QoS 1; throws WireError.
  Bystander(uint16_t port, uint8_t level, std::string tag);
  // PINGREQ/PINGRESP, then a publisher's message to "bystander/TAG" must arrive; throws.
  void check();
  void ping() { client_.ping(); }
  // check(), then DISCONNECT.
  void finish();

 private:
  uint16_t port_;
  uint8_t level_;
  std::string tag_;
  wire::Client client_;
  unsigned round_ = 0;
};

}  // namespace mm::test::badinput
