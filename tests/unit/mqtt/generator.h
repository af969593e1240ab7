#pragma once
// Random valid packets of every type and level, for round trips. A generated Publish views
// storage the generator owns until its next call.

#include <cstdint>
#include <deque>
#include <random>
#include <string>
#include <vector>

#include "common/mqtt/packets.h"
#include "common/mqtt/property.h"

namespace mm::mqtt::test {

class PacketGenerator {
 public:
  explicit PacketGenerator(uint64_t seed) : rng_(seed) {}

  Packet make(PacketType type, ProtocolVersion v);

  Connect connect(ProtocolVersion v);
  Connack connack(ProtocolVersion v);
  Publish publish(ProtocolVersion v);
  Subscribe subscribe(ProtocolVersion v);
  Suback suback(ProtocolVersion v);
  Unsubscribe unsubscribe(ProtocolVersion v);
  Unsuback unsuback(ProtocolVersion v);
  Disconnect disconnect(ProtocolVersion v);
  Auth auth();

  Properties properties(PropertyContext where);
  std::string text(size_t max_chars);  // valid UTF-8, no U+0000
  std::string topic_name();
  std::string topic_filter();
  Bytes bytes(size_t max);

 private:
  template <class Ack>
  Ack ack(ProtocolVersion v, PropertyContext where);
  uint32_t below(uint32_t n) { return uint32_t(rng_() % n); }
  bool coin() { return rng_() & 1; }
  ReasonCode reason(PacketType type);
  PublishProperties publish_properties();
  std::string_view keep(std::string s);

  std::mt19937_64 rng_;
  std::deque<std::string> arena_;
  std::vector<uint8_t> block_;
};

}  // namespace mm::mqtt::test
