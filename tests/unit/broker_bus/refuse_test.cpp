// Anything malformed is refused, without reading past the input and without allocating more
// than the input justifies.
#include <doctest/doctest.h>

#include <cstring>

#include "tests/unit/broker_bus/allocation_probe.h"
#include "tests/unit/broker_bus/bytes.h"
#include "tests/unit/broker_bus/samples.h"
#include "worker/broker/bus_codec.h"

namespace mm::broker::test {
namespace {

constexpr uint64_t kNow = 1000;

bool decodes(std::span<const uint8_t> bytes) {
  BusMessage m;
  return decode_bus(bytes, kNow, &m);
}

// A session with nothing in it, from the kind byte up to (not including) the subscriptions.
Bytes session_head(uint8_t version = 4) {
  return Bytes().u8(5).str("c").u8(version).u8(0).u32(0).u64(0);
}

// The rest of an empty session after its subscriptions.
Bytes& session_tail(Bytes& b) {
  return b.u32(0).u32(0).u16(1).u32(0).u8(0).u64(0);
}

}  // namespace

TEST_CASE("every proper prefix of every sample is refused") {
  for (const Sample& sample : samples(kNow)) {
    INFO(sample.name);
    const std::span<const uint8_t> whole(sample.bytes);
    REQUIRE(decodes(whole));
    for (size_t n = 0; n < whole.size(); ++n) {
      INFO("first ", n, " of ", whole.size(), " bytes");
      // A copy of exactly n bytes, so that AddressSanitizer sees a read past the end.
      const std::vector<uint8_t> prefix(whole.begin(), whole.begin() + n);
      CHECK(!decodes(prefix));
    }
  }
}

TEST_CASE("bytes after the end are refused") {
  for (const Sample& sample : samples(kNow)) {
    INFO(sample.name);
    for (uint8_t extra : {0x00, 0x01, 0xFF}) {
      std::vector<uint8_t> longer = sample.bytes;
      longer.push_back(extra);
      CHECK(!decodes(longer));
    }
  }
}

TEST_CASE("an unknown kind is refused") {
  for (uint8_t kind : {0, 10, 11, 0x80, 0xFF}) {
    CHECK(!decodes(Bytes().u8(kind).bytes()));
    CHECK(!decodes(Bytes().u8(kind).str("a/b").bytes()));
  }
}

TEST_CASE("a QoS above 2 is refused wherever it appears") {
  CHECK(decodes(Bytes().u8(3).u8(0).u64(0).u8(0).bare_message(2).u32(0).bytes()));
  CHECK(!decodes(Bytes().u8(3).u8(0).u64(0).u8(0).bare_message(3).u32(0).bytes()));
  CHECK(!decodes(Bytes().u8(3).u8(0).u64(0).u8(0).bare_message(0xFF).u32(0).bytes()));
  Bytes max_qos = session_head().u32(1).str("f").u8(3).u8(0).u8(0).u32(0);
  CHECK(!decodes(session_tail(max_qos).bytes()));
  Bytes inflight = session_head().u32(0).u32(1).u16(1).u8(3).u8(0).u32(0).bare_message();
  CHECK(!decodes(inflight.u32(0).u16(1).u32(0).u8(0).u64(0).bytes()));
  Bytes queued = session_head().u32(0).u32(0).u32(1).u8(3).u8(0).u32(0).bare_message();
  CHECK(!decodes(queued.u16(1).u32(0).u8(0).u64(0).bytes()));
}

TEST_CASE("flag bits the format does not define are refused") {
  CHECK(!decodes(Bytes().u8(3).u8(4).u64(0).u8(0).bare_message().u32(0).bytes()));  // publish flags
  CHECK(!decodes(Bytes().u8(3).u8(0).u64(0).u8(0).bare_message(0, 32).u32(0).bytes()));  // msg bits
  const auto deliver_to = [](uint8_t bits) {
    return Bytes().u8(9).u32(0).u64(0).u8(bits).u32(0).bare_message().bytes();
  };
  CHECK(decodes(deliver_to(1)));
  CHECK(!decodes(deliver_to(2)));
  Bytes options = session_head().u32(1).str("f").u8(0).u8(4).u8(0).u32(0);
  CHECK(!decodes(session_tail(options).bytes()));
  const auto inflight = [](uint8_t bits) {
    Bytes b = session_head().u32(0).u32(1).u16(1).u8(1).u8(bits).u32(0).bare_message();
    return b.u32(0).u16(1).u32(0).u8(0).u64(0).bytes();
  };
  CHECK(decodes(inflight(3)));
  CHECK(!decodes(inflight(4)));
  const auto queued = [](uint8_t bits) {
    Bytes b = session_head().u32(0).u32(0).u32(1).u8(0).u8(bits).u32(0).bare_message();
    return b.u16(1).u32(0).u8(0).u64(0).bytes();
  };
  CHECK(decodes(queued(1)));
  CHECK(!decodes(queued(2)));
  const auto will = [](uint8_t has) {
    Bytes b = session_head().u32(0).u32(0).u32(0).u16(1).u32(0).u8(has);
    if (has) b.bare_message();
    return b.u64(0).bytes();
  };
  CHECK(decodes(will(0)));
  CHECK(decodes(will(1)));
  CHECK(!decodes(will(2)));
}

TEST_CASE("a session flag other than clean_started is refused") {
  const auto session = [](uint8_t bits) {
    Bytes b = Bytes().u8(5).str("c").u8(5).u8(bits).u32(0).u64(0).u32(0);
    return session_tail(b).bytes();
  };
  CHECK(decodes(session(1)));
  CHECK(!decodes(session(2)));
  CHECK(!decodes(session(0x80)));
}

TEST_CASE("a protocol version other than 3, 4, 5 is refused") {
  for (uint8_t v : {3, 4, 5}) {
    Bytes ok = session_head(v).u32(0);
    CHECK(decodes(session_tail(ok).bytes()));
  }
  for (uint8_t v : {0, 1, 2, 6, 0xFF}) {
    Bytes bad = session_head(v).u32(0);
    CHECK(!decodes(session_tail(bad).bytes()));
  }
}

TEST_CASE("a Retain Handling above 2 is refused") {
  Bytes ok = session_head().u32(1).str("f").u8(0).u8(0).u8(2).u32(0);
  CHECK(decodes(session_tail(ok).bytes()));
  Bytes bad = session_head().u32(1).str("f").u8(0).u8(0).u8(3).u32(0);
  CHECK(!decodes(session_tail(bad).bytes()));
}

TEST_CASE("a repeated filter or inbound packet id, or packet id 0, is refused") {
  Bytes twice = session_head().u32(2);
  for (int i = 0; i < 2; ++i) twice.str("f").u8(0).u8(0).u8(0).u32(0);
  CHECK(!decodes(session_tail(twice).bytes()));
  const auto inbound = [](uint16_t a, uint16_t b) {
    return session_head().u32(0).u32(0).u32(0).u16(1).u32(2).u16(a).u16(b).u8(0).u64(0).bytes();
  };
  CHECK(decodes(inbound(1, 2)));
  CHECK(!decodes(inbound(2, 2)));
  CHECK(!decodes(inbound(0, 2)));
  const auto inflight = [](uint16_t id) {
    Bytes b = session_head().u32(0).u32(1).u16(id).u8(1).u8(0).u32(0).bare_message();
    return b.u32(0).u16(1).u32(0).u8(0).u64(0).bytes();
  };
  CHECK(decodes(inflight(1)));
  CHECK(!decodes(inflight(0)));
}

TEST_CASE("a publish's slot bitmap must be there whole and in its shortest form") {
  CHECK(decodes(Bytes().u8(3).u8(1).u64(7).u8(1).u8(0x80).bare_message().u32(0).bytes()));
  CHECK(!decodes(Bytes().u8(3).u8(1).u64(7).u8(1).u8(0).bare_message().u32(0).bytes()));
  CHECK(!decodes(Bytes().u8(3).u8(1).u64(7).u8(200).u8(1).bytes()));  // past the end
}

TEST_CASE("a huge length or count with few bytes behind it is refused without allocating") {
  const uint32_t huge = 0xFFFFFFFF;
  const std::vector<std::vector<uint8_t>> inputs = {
      Bytes().u8(1).u32(huge).u8('a').bytes(),                     // route filter
      Bytes().u8(3).u8(0).u64(0).u8(0).u32(huge).u8('a').bytes(),  // topic
      Bytes().u8(3).u8(0).u64(0).u8(0).bare_message().u32(huge).bytes(),
      Bytes().u8(9).u32(0).u64(0).u8(0).u32(huge).str("c").bytes(),  // deliver_to client ids //
                                                                     // shared targets
      session_head().u32(huge).u8(0).bytes(),                        // subscriptions
      session_head().u32(0).u32(0x08000000).u16(1).bytes(),          // inflight
      session_head().u32(0).u32(1).u16(1).u8(1).u8(0).u32(huge).u32(0).bytes(),  // ids
  };
  for (const std::vector<uint8_t>& input : inputs) {
    const Allocations a = allocations_during([&] { CHECK(!decodes(input)); });
    // A Session and its deques' first blocks, nothing sized by the bogus field.
    CHECK(a.largest < 1024);
    CHECK(a.bytes < 4096);
  }
}

TEST_CASE("no 4-byte field of a valid session, patched huge, makes decode allocate much") {
  std::vector<uint8_t> valid;
  for (const Sample& sample : samples(kNow)) {
    if (sample.name == "session_full") valid = sample.bytes;
  }
  REQUIRE(decodes(valid));
  for (uint32_t patch : {0xFFFFFFFFu, 0x7FFFFFFFu, 0x00FFFFFFu}) {
    for (size_t at = 0; at + 4 <= valid.size(); ++at) {
      std::vector<uint8_t> input = valid;
      std::memcpy(input.data() + at, &patch, 4);
      const Allocations a = allocations_during([&] { (void)decodes(input); });
      INFO("patched at ", at);
      CHECK(a.largest <= 4 * valid.size());
      CHECK(a.bytes <= 64 * valid.size());
    }
  }
}

}  // namespace mm::broker::test
