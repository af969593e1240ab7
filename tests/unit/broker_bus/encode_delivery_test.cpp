// encode_delivery writes a PUBLISH without properties directly; everything it writes must be
// the bytes the codec's encoder makes of the same PUBLISH, for either message form.

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "common/mqtt/encode.h"
#include "worker/broker/message.h"

namespace mm::broker::test {
namespace {

std::vector<uint8_t> by_codec(const Message& m, const Delivery& d, mqtt::ProtocolVersion v) {
  mqtt::Publish p;
  p.dup = d.dup;
  p.qos = static_cast<mqtt::QoS>(d.qos);
  p.retain = d.retain;
  p.topic = m.topic;
  p.packet_id = d.packet_id;
  p.payload = m.payload;
  if (m.content_type) p.properties.content_type = *m.content_type;
  std::vector<uint8_t> out;
  mqtt::encode(p, v, out);
  return out;
}

}  // namespace

TEST_CASE("encode_delivery: the codec's bytes, direct or not, from a Message or its view") {
  for (auto v :
       {mqtt::ProtocolVersion::v3_1, mqtt::ProtocolVersion::v3_1_1, mqtt::ProtocolVersion::v5}) {
    for (size_t topic : {1, 13, 300}) {
      for (size_t payload : {0, 64, 120, 20000}) {  // Remaining Length of 1, 2 and 3 bytes
        for (uint8_t qos : {0, 1, 2}) {
          for (bool with_property : {false, true}) {
            auto m = new_message();
            m->topic.assign(topic, 't');
            m->payload.assign(payload, 'p');
            if (with_property) m->content_type = "text/plain";
            Delivery d;
            d.qos = qos;
            d.retain = payload == 64;
            d.dup = qos > 0 && topic == 13;
            d.packet_id = qos > 0 ? 0x1234 : 0;
            CAPTURE(static_cast<int>(v));
            CAPTURE(topic);
            CAPTURE(payload);
            CAPTURE(static_cast<int>(qos));
            CAPTURE(with_property);
            const std::vector<uint8_t> want = by_codec(*m, d, v);
            std::vector<uint8_t> got = {0xEE};  // appended after what is there
            CHECK(encode_delivery(*m, d, v, 0, got) == want.size());
            CHECK(std::vector<uint8_t>(got.begin() + 1, got.end()) == want);
            std::vector<uint8_t> from_view;
            encode_delivery(view_of(*m), d, v, 0, from_view);
            CHECK(from_view == want);
          }
        }
      }
    }
  }
}

}  // namespace mm::broker::test
