// SUBSCRIBE and UNSUBSCRIBE (MQTT 3.1.1 sections 3.8 and 3.10, MQTT 5.0 sections 3.8, 3.10):
// Topic Filters (section 4.7), shared subscriptions (5.0 4.8.2), Subscription Options.

#include "tests/badinput/rows.h"
#include "tests/wire/packets.h"

namespace mm::test::badinput {
namespace {

using wire::Packet;

// SUBSCRIBE (flags 0010, packet id 1) with one filter and options byte `options`.
Bytes subscribe_raw(uint8_t v, const std::string& filter, uint8_t options = 0,
                    const wire::Props& props = {}) {
  Packet p(Type::subscribe, 0x02);
  p.u16(1);
  if (v >= wire::v5) p.props(props);
  return p.str(filter).u8(options);
}

// An UNSUBSCRIBE or SUBSCRIBE header (packet id `id`, flags `flags`), no payload yet.
Packet head(uint8_t v, Type t, uint8_t flags = 0x02, uint16_t id = 1) {
  Packet p(t, flags);
  p.u16(id);
  if (v >= wire::v5) p.props({});
  return p;
}

void filter_rows(uint8_t v, std::vector<Row>& rows) {
  // A malformed filter is a Protocol Error: 5.0 closes with DISCONNECT (0x8F Topic Filter
  // invalid is the specific code, 4.13.1 allows 0x82); 3.1.1 closes [MQTT-4.8.0-1].
  auto add = [&](std::string filter, std::string r) {
    rows.push_back({"SUBSCRIBE filter '" + filter + "'", v, true, subscribe_raw(v, filter),
                    violation(v, {0x8F, 0x82}), std::move(r)});
  };
  add("bad/#/x", "MQTT-4.7.1-1: '#' must be the last character");
  add("#/bad", "MQTT-4.7.1-1: '#' must be the last character");
  add("bad/x#", "MQTT-4.7.1-1: '#' stands alone or after a separator");
  add("bad+/x", "MQTT-4.7.1-2: '+' must occupy an entire level");
  add("bad/+x", "MQTT-4.7.1-2: '+' must occupy an entire level");
  add("", "MQTT-4.7.3-1: a Topic Filter is at least one character");
  if (v >= wire::v5) {
    add("$share/g", "5.0 4.8.2: $share/{ShareName}/{filter}: the filter is missing");
    add("$share//bad", "MQTT-4.8.2-1: a ShareName is at least one character");
    add("$share/g+/bad", "MQTT-4.8.2-2: a ShareName has no '+', '#' or '/'");
    add("$share/g#/bad", "MQTT-4.8.2-2: a ShareName has no '+', '#' or '/'");
    add("$share/g/", "MQTT-4.7.3-1: the shared filter is empty");
  }
  const char* utf8 = v >= wire::v5 ? "MQTT-1.5.4-1: ill-formed UTF-8 is a Malformed Packet"
                                   : "MQTT-1.5.3-1: ill-formed UTF-8 closes";
  rows.push_back({"SUBSCRIBE filter with an overlong encoding", v, true,
                  subscribe_raw(v, kOverlong), violation(v, {0x81}), utf8});
  rows.push_back({"SUBSCRIBE filter with U+0000", v, true, subscribe_raw(v, kNullChar),
                  violation(v, {0x81}),
                  rule(v, "MQTT-1.5.3-2: U+0000 closes", "MQTT-1.5.4-2: U+0000 is malformed")});
  rows.push_back({"SUBSCRIBE filter of 129 levels (server limit)", v, true,
                  subscribe_raw(v, deep_topic(129)),
                  acks(Type::suback, {uint8_t(v >= wire::v5 ? 0x8F : 0x80)}),
                  "server limit max_topic_levels 128 (worker/broker/settings.h): SUBACK 0x8F "
                  "(5.0 3.9.3) / 0x80 (3.1.1 3.9.3); the connection stays"});
}

void option_rows(uint8_t v, std::vector<Row>& rows) {
  auto add = [&](std::string name, Bytes b, std::vector<uint8_t> codes, std::string r) {
    rows.push_back(
        {"SUBSCRIBE " + name, v, true, std::move(b), violation(v, std::move(codes)), std::move(r)});
  };
  if (v >= wire::v5) {
    add("options with reserved bits 6-7", subscribe_raw(v, "bad/o", 0xC0), {0x81},
        "MQTT-3.8.3-5: reserved option bits set: Malformed Packet");
    add("options with Maximum QoS 3", subscribe_raw(v, "bad/o", 0x03), {0x82},
        "5.0 3.8.3.1: Maximum QoS 3 is a Protocol Error");
    add("options with Retain Handling 3", subscribe_raw(v, "bad/o", 0x30), {0x82},
        "5.0 3.8.3.1: Retain Handling 3 is a Protocol Error");
    add("No Local on a shared subscription", subscribe_raw(v, "$share/g/bad/o", 0x04), {0x82},
        "MQTT-3.8.3-4: No Local on a Shared Subscription is a Protocol Error");
    add("Subscription Identifier 0", subscribe_raw(v, "bad/o", 0, {wire::subscription_id(0)}),
        {0x82}, "5.0 3.8.2.1.2: a Subscription Identifier of 0 is a Protocol Error");
    add("Subscription Identifier twice",
        subscribe_raw(v, "bad/o", 0, {wire::subscription_id(1), wire::subscription_id(2)}), {0x82},
        "5.0 3.8.2.1.2: more than one Subscription Identifier is a Protocol Error");
    add("with a Topic Alias property", subscribe_raw(v, "bad/o", 0, {wire::topic_alias(1)}), {0x81},
        "5.0 2.2.2.2: an identifier not valid for SUBSCRIBE is a Malformed Packet");
    add("with a User Property name overlong",
        subscribe_raw(v, "bad/o", 0, {wire::user(kOverlong, "v")}), {0x81},
        "MQTT-1.5.4-1: ill-formed UTF-8 is a Malformed Packet");
  } else {
    add("Requested QoS 3", subscribe_raw(v, "bad/o", 0x03), {},
        "MQTT-3-8.3-4: QoS not 0, 1 or 2: malformed, close");
    add("reserved bits in Requested QoS byte", subscribe_raw(v, "bad/o", 0x04), {},
        "MQTT-3-8.3-4: reserved payload bits set: malformed, close");
  }
}

void layout_rows(uint8_t v, std::vector<Row>& rows) {
  auto add = [&](std::string name, Bytes b, std::vector<uint8_t> codes, std::string r) {
    rows.push_back(
        {std::move(name), v, true, std::move(b), violation(v, std::move(codes)), std::move(r)});
  };
  add("SUBSCRIBE without a filter", head(v, Type::subscribe), {0x82},
      rule(v, "MQTT-3.8.3-3: at least one filter", "MQTT-3.8.3-2: no filter is a Protocol Error"));
  add("SUBSCRIBE with fixed header flags 0000", head(v, Type::subscribe, 0x00).str("bad/s").u8(0),
      {0x81}, "MQTT-3.8.1-1: flags must be 0010 (malformed / close)");
  add("SUBSCRIBE with packet id 0", head(v, Type::subscribe, 0x02, 0).str("bad/s").u8(0),
      {0x81, 0x82}, rule(v, "MQTT-2.3.1-1: non-zero id", "MQTT-2.2.1-3: non-zero id"));
  add("SUBSCRIBE filter length past the packet", head(v, Type::subscribe).u16(40).raw("bad/s"),
      {0x81}, "5.0 4.13.1 / 3.1.1 4.8: a packet that cannot be parsed");
  add("SUBSCRIBE filter without its options byte", head(v, Type::subscribe).str("bad/s"), {0x81},
      "5.0 4.13.1 / 3.1.1 4.8: a packet that cannot be parsed");
  add("UNSUBSCRIBE without a filter", head(v, Type::unsubscribe), {0x82},
      "MQTT-3.10.3-2: at least one Topic Filter (5.0: Protocol Error)");
  add("UNSUBSCRIBE with fixed header flags 0000", head(v, Type::unsubscribe, 0x00).str("bad/s"),
      {0x81}, "MQTT-3.10.1-1: flags must be 0010 (malformed / close)");
  add("UNSUBSCRIBE with packet id 0", head(v, Type::unsubscribe, 0x02, 0).str("bad/s"),
      {0x81, 0x82}, rule(v, "MQTT-2.3.1-1: non-zero id", "MQTT-2.2.1-3: non-zero id"));
  add("UNSUBSCRIBE filter length past the packet", head(v, Type::unsubscribe).u16(40).raw("b"),
      {0x81}, "5.0 4.13.1 / 3.1.1 4.8: a packet that cannot be parsed");
  add("UNSUBSCRIBE filter with an overlong encoding", head(v, Type::unsubscribe).str(kOverlong),
      {0x81}, v >= wire::v5 ? "MQTT-1.5.4-1: ill-formed UTF-8" : "MQTT-1.5.3-1: ill-formed UTF-8");
  add("UNSUBSCRIBE filter 'bad/#/x'", head(v, Type::unsubscribe).str("bad/#/x"), {0x8F, 0x82},
      "MQTT-4.7.1-1: '#' must be the last character of a Topic Filter");
}

}  // namespace

std::vector<Row> subscribe_rows(uint8_t v) {
  std::vector<Row> rows;
  filter_rows(v, rows);
  option_rows(v, rows);
  layout_rows(v, rows);
  return rows;
}

}  // namespace mm::test::badinput
