// Framing through real TCP: the handler gets whole packets however TCP cuts the stream, and
// a bad or oversized length closes the connection as soon as its header is read.

#include "tests/process/harness.h"

namespace mm::test {
namespace {

// Sends `bytes` one write per byte (TCP_NODELAY is on: one segment each).
void send_bytewise(TcpClient& c, const std::vector<uint8_t>& bytes) {
  for (uint8_t b : bytes) REQUIRE(c.send({b}));
}

MM_SERVING_TEST("framing: CONNECT and PUBLISH sent one byte at a time are handled whole",
                bytewise) {
  TestServer s(base_config(workers));
  INFO(s.output());
  s.start_serving(workers);
  TcpClient c;
  REQUIRE(c.connect("127.0.0.1", s.port()) == 0);
  send_bytewise(c, kConnect);
  ReadResult r = c.read(kConnack.size(), kWait);
  REQUIRE(r.complete());
  CHECK(r.bytes == kConnack);
  // 200 bytes of payload: a two-byte Remaining Length, split too.
  send_bytewise(c, publish("t/bytewise", std::string(200, 'b')));
  CHECK(s.log().wait_for("client msg: t/bytewise: b{200}$", kWait));
  send_bytewise(c, kPingreq);
  r = c.read(kPingresp.size(), kWait);
  CHECK(r.bytes == kPingresp);
}

MM_SERVING_TEST("framing: two PUBLISH and a PINGREQ in one write are three packets", coalesced) {
  TestServer s(base_config(workers));
  INFO(s.output());
  s.start_serving(workers);
  TcpClient c = mqtt_client(s.port());
  std::vector<uint8_t> all = publish("t/one", "first");
  auto second = publish("t/two", "second");
  all.insert(all.end(), second.begin(), second.end());
  all.insert(all.end(), kPingreq.begin(), kPingreq.end());
  REQUIRE(c.send(all));
  ReadResult r = c.read(kPingresp.size(), kWait);
  CHECK(r.bytes == kPingresp);
  auto msgs = s.log().wait_for_count("client msg: t/", 2, kWait);
  REQUIRE(msgs.size() == 2);
  CHECK(msgs[0].message == "client msg: t/one: first");
  CHECK(msgs[1].message == "client msg: t/two: second");
  CHECK(ping(c));
}

MM_SERVING_TEST("framing: a fifth Remaining Length byte closes the connection", five_bytes) {
  TestServer s(base_config(workers));
  INFO(s.output());
  s.start_serving(workers);
  TcpClient after_connect = mqtt_client(s.port());
  REQUIRE(after_connect.send({0x30, 0xFF, 0xFF, 0xFF, 0xFF, 0x01}));
  CHECK(after_connect.wait_closed(kWait));
  TcpClient before_connect;
  REQUIRE(before_connect.connect("127.0.0.1", s.port()) == 0);
  REQUIRE(before_connect.send({0x10, 0x80, 0x80, 0x80, 0x80, 0x01}));
  CHECK(before_connect.wait_closed(kWait));
  CHECK(s.log().wait_for_count("malformed Remaining Length", 2, kWait).size() == 2);
}

MM_SERVING_TEST("framing: package_max_length is exact and checked on the header alone",
                package_limit) {
  TestServer s(base_config(workers, {{"package_max_length", 1024}}));
  INFO(s.output());
  s.start_serving(workers);
  // 1 + 2 + (2 + 7 + 1012) = 1024 bytes: exactly the limit is accepted.
  TcpClient at_limit = mqtt_client(s.port());
  REQUIRE(at_limit.send(publish("t/limit", std::string(1012, 'a'))));
  CHECK(ping(at_limit));
  CHECK(s.log().wait_for("client msg: t/limit: a{1012}$", kWait));
  // One byte more is refused, and only the header is ever sent: the body is not waited for.
  TcpClient over = mqtt_client(s.port());
  std::vector<uint8_t> header{0x30};
  auto len = remaining_length(1022);
  header.insert(header.end(), len.begin(), len.end());
  REQUIRE(over.send(header));
  CHECK(over.wait_closed(kWait));
  CHECK(s.log().wait_for("packet of 1025 bytes is over the limit of 1024", kWait));
  // A 268435455-byte announcement (the largest MQTT allows) is refused the same way.
  TcpClient huge = mqtt_client(s.port());
  REQUIRE(huge.send({0x30, 0xFF, 0xFF, 0xFF, 0x7F}));
  CHECK(huge.wait_closed(kWait));
  CHECK(ping(at_limit));
}

MM_SERVING_TEST("framing: a first packet over connect_max_length closes the connection",
                connect_limit) {
  TestServer s(base_config(workers, {{"package_max_length", 1024}, {"connect_max_length", 64}}));
  INFO(s.output());
  s.start_serving(workers);
  TcpClient first;
  REQUIRE(first.connect("127.0.0.1", s.port()) == 0);
  REQUIRE(first.send({0x10, 100}));  // a 102-byte CONNECT announced, no body
  CHECK(first.wait_closed(kWait));
  CHECK(s.log().wait_for("packet of 102 bytes is over the limit of 64", kWait));
  // After CONNECT the same size is fine: the low limit is for the first packet only.
  TcpClient c = mqtt_client(s.port());
  REQUIRE(c.send(publish("t/after", std::string(98, 'z'))));
  CHECK(ping(c));
}

}  // namespace
}  // namespace mm::test
