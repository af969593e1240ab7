// The byte layout documented in worker/broker/bus_codec.h, checked against bytes built by hand
// (bytes.h), so that the encoder and the decoder cannot share a mistake unseen.
#include <doctest/doctest.h>

#include "tests/unit/broker_bus/bytes.h"
#include "worker/broker/bus_codec.h"

namespace mm::broker::test {

TEST_CASE("a route is its kind and a little-endian length-prefixed filter") {
  std::vector<uint8_t> out;
  encode_route(true, "a/b", out);
  CHECK(out == Bytes().u8(1).str("a/b").bytes());
  out.clear();
  encode_route(false, "a/b", out);
  CHECK(out == Bytes().u8(2).str("a/b").bytes());
}

TEST_CASE("sync and sync_ack are their kind and a little-endian token") {
  std::vector<uint8_t> out;
  encode_sync(false, 0x0102030405060708, out);
  CHECK(out == Bytes().u8(6).u64(0x0102030405060708).bytes());
  out.clear();
  encode_sync(true, 1, out);
  CHECK(out == Bytes().u8(7).u64(1).bytes());
}

TEST_CASE("route_moved is its kind, a u32 slot and the filter") {
  std::vector<uint8_t> out;
  encode_route_moved(3, "a/+", out);
  CHECK(out == Bytes().u8(8).u32(3).str("a/+").bytes());
}

TEST_CASE("deliver_to is its kind, slot, number, bits, the client ids, then the message") {
  Message m;
  m.topic = "t";
  const std::string ids[] = {"c1", "c2"};
  std::vector<uint8_t> out;
  encode_deliver_to(ids, DeliverOrigin{7, 0x0102030405060708, true}, m, 1000, out);
  CHECK(out == Bytes()
                   .u8(9)
                   .u32(7)
                   .u64(0x0102030405060708)
                   .u8(1)  // direct
                   .u32(2)
                   .str("c1")
                   .str("c2")
                   .bare_message()
                   .bytes());
}

TEST_CASE("a slot set is a bitmap as long as its highest slot needs, led by its length") {
  Message m;
  m.topic = "t";
  PublishTrace trace;
  trace.seq = 5;
  for (unsigned slot : {0u, 3u, 9u}) trace.sent_to.add(slot);
  std::vector<uint8_t> out;
  encode_publish(m, kBusDeliver, trace, {}, 1000, out);
  CHECK(out ==
        Bytes().u8(3).u8(kBusDeliver).u64(5).u8(2).u8(0x09).u8(0x02).bare_message().u32(0).bytes());
  out.clear();
  encode_publish(m, 0, PublishTrace{}, {}, 1000, out);
  CHECK(out == Bytes().u8(3).u8(0).u64(0).u8(0).bare_message().u32(0).bytes());
}

TEST_CASE("a slot set that ends in a zero byte is refused (not its shortest form)") {
  const auto padded =
      Bytes().u8(3).u8(kBusDeliver).u64(5).u8(2).u8(0x09).u8(0).bare_message().u32(0).bytes();
  BusMessage m;
  CHECK_FALSE(decode_bus(padded, 1000, &m));
  const auto shortest =
      Bytes().u8(3).u8(kBusDeliver).u64(5).u8(1).u8(0x09).bare_message().u32(0).bytes();
  REQUIRE(decode_bus(shortest, 1000, &m));
  CHECK(m.trace.sent_to.contains(0));
  CHECK(m.trace.sent_to.contains(3));
  CHECK_FALSE(m.trace.sent_to.contains(1));
  CHECK_FALSE(m.trace.sent_to.contains(8));
}

TEST_CASE("a publish: flags, number, slots, the message's fields in order, the shared targets") {
  Message m;
  m.topic = "t";
  m.payload = {'p'};
  m.qos = 1;
  m.retain = true;
  m.payload_format_indicator = 1;
  m.expires_at = 1500;
  m.origin = "o";
  m.response_topic = "r";
  m.user_properties = {0x26};
  const SharedTarget shared[] = {{"g", "f"}};
  std::vector<uint8_t> out;
  PublishTrace trace;
  trace.seq = 42;
  trace.sent_to.add(1);
  encode_publish(m, kBusDeliver, trace, shared, 1000, out);
  const auto expected = Bytes()
                            .u8(3)
                            .u8(kBusDeliver)
                            .u64(42)
                            .u8(1)
                            .u8(0x02)  // slot 1
                            .str("t")
                            .str("p")
                            .u8(1)
                            .u8(1 | 2 | 8)  // retain, format indicator, response topic
                            .u8(1)
                            .u64(500)
                            .str("o")
                            .str("r")
                            .str("\x26")
                            .u32(1)
                            .str("g")
                            .str("f")
                            .bytes();
  CHECK(out == expected);
}

TEST_CASE("a hand-built session decodes field by field") {
  const auto bytes = Bytes()
                         .u8(5)
                         .str("c")
                         .u8(4)
                         .u8(1)  // clean_started
                         .u32(60)
                         .u64(0)
                         .u32(1)  // subscriptions
                         .str("a/#")
                         .u8(1)
                         .u8(2)  // retain as published
                         .u8(1)
                         .u32(9)
                         .u32(1)  // inflight
                         .u16(5)
                         .u8(2)
                         .u8(2)  // released
                         .u32(1)
                         .u32(9)
                         .bare_message(2)
                         .u32(0)  // queue
                         .u16(6)
                         .u32(2)  // inbound QoS 2
                         .u16(4)
                         .u16(2)
                         .u8(0)  // no will
                         .u64(0)
                         .bytes();
  BusMessage m;
  REQUIRE(decode_bus(bytes, 1000, &m));
  REQUIRE(m.session != nullptr);
  const Session& s = *m.session;
  CHECK(s.client_id == "c");
  CHECK(s.version == mqtt::ProtocolVersion::v3_1_1);
  CHECK(s.clean_started);
  CHECK(s.expiry_interval == 60);
  REQUIRE(s.subscriptions.find("a/#") != nullptr);
  const SubOptions& o = *s.subscriptions.find("a/#");
  CHECK(o.max_qos == 1);
  CHECK(!o.no_local);
  CHECK(o.retain_as_published);
  CHECK(o.retain_handling == 1);
  CHECK(o.subscription_id == 9);
  REQUIRE(s.inflight.size() == 1);
  CHECK(s.inflight[0].packet_id == 5);
  CHECK(s.inflight[0].released);
  CHECK(!s.inflight[0].retain);
  CHECK(s.inflight[0].msg->qos == 2);
  CHECK(s.next_packet_id == 6);
  CHECK(s.rare_or_none().inbound_qos2 == mm::broker::PacketIdSet{2, 4});
}

}  // namespace mm::broker::test
