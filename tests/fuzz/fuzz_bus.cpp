// The inter-worker bus codec, mm::broker::decode_bus(): each input is one message from another
// worker. Whatever decodes must encode again to a message that decodes to the same fields
// (compared field by field) and encodes to the same bytes; one byte less or more of that
// encoding is refused.

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "tests/fuzz/check.h"
#include "tests/unit/broker_bus/bus_roundtrip.h"
#include "worker/broker/bus_codec.h"

namespace {

using mm::broker::BusMessage;
using mm::broker::decode_bus;
using mm::fuzz::require;

constexpr uint64_t kNow = 1'000'000;

void check_message(const BusMessage& m) {
  if (m.session != nullptr) {
    require(m.session->client == nullptr, "a decoded session is offline");
    uint64_t queued = 0;
    for (const mm::broker::Pending& p : m.session->queue) queued += p.msg->weight();
    require(m.session->queued_bytes == queued, "queued_bytes is the queue's weight");
  }
  const bool carries_message =
      m.kind == mm::broker::BusKind::publish || m.kind == mm::broker::BusKind::deliver_to;
  require(carries_message == (m.message != nullptr), "a message exactly for publish, deliver_to");
}

// The receive path's own decoder of a forwarded publish agrees with decode_bus on every input:
// it accepts exactly the publishes decode_bus accepts, with the same fields.
void check_publish_decoder(std::span<const uint8_t> in, bool decoded, const BusMessage& m) {
  mm::broker::BusPublish p;
  const bool ok = mm::broker::decode_publish(in, kNow, &p);
  require(ok == (decoded && m.kind == mm::broker::BusKind::publish),
          "decode_publish accepts exactly decode_bus's publishes");
  if (!ok) return;
  BusMessage same;
  same.kind = mm::broker::BusKind::publish;
  same.flags = p.flags;
  same.trace = p.trace;
  same.message = mm::broker::make_message(p.message);
  same.shared = p.shared;
  require(mm::broker::test::difference(m, same).empty(), "decode_publish gives the same fields");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  BusMessage first;
  const std::span<const uint8_t> input(data, size);
  const bool decoded = decode_bus(input, kNow, &first);
  check_publish_decoder(input, decoded, first);
  if (!decoded) return 0;
  check_message(first);
  const std::vector<uint8_t> again = mm::broker::test::encode_again(first, kNow);
  BusMessage second;
  require(decode_bus(again, kNow, &second), "what decoded encodes to something that decodes");
  require(mm::broker::test::difference(first, second).empty(), "the same fields once more");
  require(mm::broker::test::encode_again(second, kNow) == again, "the same bytes once more");
  BusMessage other;
  const std::span<const uint8_t> bytes(again);
  require(!decode_bus(bytes.first(bytes.size() - 1), kNow, &other), "one byte short is refused");
  std::vector<uint8_t> longer = again;
  longer.push_back(0);
  require(!decode_bus(longer, kNow, &other), "one byte more is refused");
  return 0;
}
