#include "tests/badinput/rows.h"

#include "tests/wire/packets.h"

namespace mm::test::badinput {

wire::Packet connect_head(uint8_t level, uint8_t flags, const wire::Props& props,
                          std::string_view name) {
  if (name.empty()) name = level == wire::v31 ? "MQIsdp" : "MQTT";
  wire::Packet p(Type::connect);
  p.str(name).u8(level).u8(flags).u16(60);
  if (level >= wire::v5) p.props(props);
  return p;
}

Bytes good_connect(uint8_t level, const std::string& id) {
  return wire::connect(level, {.client_id = id});
}

std::string deep_topic(size_t levels) {
  std::string t = "a";
  for (size_t i = 1; i < levels; ++i) t += "/a";
  return t;
}

Bytes cat(std::initializer_list<Bytes> parts) {
  Bytes out;
  for (const Bytes& b : parts) out.insert(out.end(), b.begin(), b.end());
  return out;
}

namespace {

// MQTT 3.1 predates most of the rules the other rows check (UTF-8 validation, reserved flags):
// its table is the CONNECT rows plus the rows whose rule 3.1 states as well.
bool holds_for_31(const Row& r) {
  static const char* const names[] = {
      "PUBLISH QoS 3",
      "CONNACK from a client",
      "SUBACK from a client",
      "UNSUBACK from a client",
      "PINGRESP from a client",
      "Remaining Length of 5 bytes",
      "PUBREL for an unknown packet id",
      "PUBLISH one byte over package_max_length",
      "SUBSCRIBE without a filter",
  };
  for (const char* n : names) {
    if (r.name == n) return true;
  }
  return false;
}

}  // namespace

std::vector<Row> table(uint8_t level) {
  std::vector<Row> all;
  if (level == wire::v31) {
    all = connect_rows(level);
    for (auto rows :
         {publish_rows(level), subscribe_rows(level), control_rows(level), framing_rows(level)}) {
      for (Row& r : rows) {
        if (holds_for_31(r)) all.push_back(std::move(r));
      }
    }
    return all;
  }
  auto add = [&](std::vector<Row> rows) {
    for (Row& r : rows) {
      r.level = level;
      all.push_back(std::move(r));
    }
  };
  add(connect_rows(level));
  add(publish_rows(level));
  add(subscribe_rows(level));
  add(control_rows(level));
  add(framing_rows(level));
  if (level >= wire::v5) {
    add(connect_property_rows());
    add(publish_property_rows());
  }
  return all;
}

}  // namespace mm::test::badinput
