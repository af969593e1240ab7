// The framer against streams built by hand here (not by common/mqtt).
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <vector>

#include "worker/assembler.h"
#include "worker/framer.h"

using mm::worker::frame;
using mm::worker::FrameStatus;

namespace {

using Bytes = std::vector<uint8_t>;

// Remaining Length encoding written out from the spec's algorithm (1.5.5), for the tests only.
Bytes encode_length(uint32_t n) {
  Bytes out;
  do {
    uint8_t b = n % 128;
    n /= 128;
    if (n > 0) b |= 0x80;
    out.push_back(b);
  } while (n > 0);
  return out;
}

Bytes packet(uint8_t first, uint32_t body_len, uint8_t fill = 0xAB) {
  Bytes p{first};
  Bytes len = encode_length(body_len);
  p.insert(p.end(), len.begin(), len.end());
  p.insert(p.end(), body_len, fill);
  return p;
}

// Feeds a stream to the worker's PacketAssembler in the given chunks. Returns the packets
// handed out, as sizes, and checks each is a whole packet of the stream in order.
std::vector<size_t> frame_stream(const Bytes& stream, const std::vector<size_t>& cuts) {
  mm::worker::PacketAssembler assembler(1 << 20);
  std::vector<size_t> seen;
  size_t pos = 0;
  size_t delivered = 0;
  for (size_t cut : cuts) {
    std::span<const uint8_t> chunk(stream.data() + pos, cut - pos);
    pos = cut;
    auto status = assembler.feed(chunk, [&](std::span<const uint8_t> p) {
      REQUIRE(delivered + p.size() <= stream.size());
      CHECK(std::equal(p.begin(), p.end(), stream.begin() + static_cast<long>(delivered)));
      delivered += p.size();
      seen.push_back(p.size());
      return true;
    });
    REQUIRE(status == FrameStatus::need_more);
  }
  CHECK(assembler.buffered() == 0);
  return seen;
}

}  // namespace

TEST_CASE("remaining length boundaries frame exactly") {
  // 127/128, 16383/16384, 2097151/2097152 and the largest length: header size changes at each.
  struct Row {
    uint32_t length;
    size_t header;
  } rows[] = {{0, 2},     {127, 2},     {128, 3},     {16383, 3},
              {16384, 4}, {2097151, 4}, {2097152, 5}, {268435455, 5}};
  for (const Row& r : rows) {
    CAPTURE(r.length);
    Bytes head{0x30};
    Bytes len = encode_length(r.length);
    head.insert(head.end(), len.begin(), len.end());
    auto f = frame(head, SIZE_MAX);
    CHECK(f.header == r.header);
    CHECK(f.total == r.header + r.length);
    CHECK(f.status == (r.length == 0 ? FrameStatus::packet : FrameStatus::need_more));
  }
}

TEST_CASE("a whole packet at a boundary length is one packet") {
  for (uint32_t n : {127u, 128u, 16383u, 16384u}) {
    Bytes p = packet(0x30, n);
    auto f = frame(p, SIZE_MAX);
    CHECK(f.status == FrameStatus::packet);
    CHECK(f.total == p.size());
  }
}

TEST_CASE("a fifth length byte is malformed [MQTT-1.5.5]") {
  Bytes p{0x30, 0xFF, 0xFF, 0xFF, 0xFF, 0x01};
  CHECK(frame(p, SIZE_MAX).status == FrameStatus::malformed);
  // Decided as soon as the fourth length byte says that a fifth follows.
  Bytes q{0x30, 0x80, 0x80, 0x80, 0x80};
  CHECK(frame(q, SIZE_MAX).status == FrameStatus::malformed);
  // Four continuation bytes without the fifth: still waiting.
  Bytes r{0x30, 0x80, 0x80, 0x80};
  CHECK(frame(r, SIZE_MAX).status == FrameStatus::need_more);
}

TEST_CASE("a length over the limit is refused from the header alone") {
  Bytes head{0x30};
  Bytes len = encode_length(1000);
  head.insert(head.end(), len.begin(), len.end());
  auto f = frame(head, 1002);  // 3-byte header + 1000 > 1002
  CHECK(f.status == FrameStatus::too_large);
  CHECK(f.total == 1003);
  CHECK(frame(head, 1003).status == FrameStatus::need_more);
  Bytes big{0x30, 0xFF, 0xFF, 0xFF, 0x7F};
  CHECK(frame(big, 2 * 1024 * 1024).status == FrameStatus::too_large);
}

TEST_CASE("incomplete input asks for more") {
  CHECK(frame(Bytes{}, 100).status == FrameStatus::need_more);
  CHECK(frame(Bytes{0x10}, 100).status == FrameStatus::need_more);
  auto f = frame(Bytes{0x10, 0x05, 1, 2}, 100);
  CHECK(f.status == FrameStatus::need_more);
  CHECK(f.total == 7);
}

TEST_CASE("every byte-by-byte split of a multi-packet stream yields the same packets") {
  Bytes stream;
  std::vector<size_t> sizes;
  for (Bytes p : {packet(0x10, 12), packet(0x30, 0), packet(0x32, 130), packet(0xC0, 0),
                  packet(0x82, 200), packet(0xE0, 0)}) {
    sizes.push_back(p.size());
    stream.insert(stream.end(), p.begin(), p.end());
  }
  // One cut anywhere, and two cuts everywhere.
  for (size_t a = 0; a <= stream.size(); ++a) {
    CHECK(frame_stream(stream, {a, stream.size()}) == sizes);
  }
  for (size_t a = 0; a <= stream.size(); a += 7) {
    for (size_t b = a; b <= stream.size(); b += 3) {
      CHECK(frame_stream(stream, {a, b, stream.size()}) == sizes);
    }
  }
  // One byte at a time.
  std::vector<size_t> cuts;
  for (size_t i = 1; i <= stream.size(); ++i) cuts.push_back(i);
  CHECK(frame_stream(stream, cuts) == sizes);
  // Coalesced: everything in one read.
  CHECK(frame_stream(stream, {stream.size()}) == sizes);
}

TEST_CASE("the assembler keeps no more than the incomplete packet and refuses early") {
  mm::worker::PacketAssembler assembler(100);
  Bytes p = packet(0x30, 50);
  auto none = [](std::span<const uint8_t>) { return true; };
  CHECK(assembler.feed(std::span(p).first(10), none) == FrameStatus::need_more);
  CHECK(assembler.buffered() == 10);
  // A header announcing more than the limit is refused before its body arrives.
  mm::worker::PacketAssembler small(100);
  Bytes head{0x30, 0xE8, 0x07};  // 1000 bytes announced
  CHECK(small.feed(head, none) == FrameStatus::too_large);
  CHECK(small.refused_size() == 1003);
  CHECK(small.buffered() == 0);
  // The same when the header itself arrives in pieces.
  mm::worker::PacketAssembler split(100);
  CHECK(split.feed(std::span(head).first(2), none) == FrameStatus::need_more);
  CHECK(split.feed(std::span(head).subspan(2), none) == FrameStatus::too_large);
  // A fifth length byte, one byte at a time.
  mm::worker::PacketAssembler bad(SIZE_MAX);
  Bytes five{0x30, 0x80, 0x80, 0x80, 0x80, 0x01};
  FrameStatus last = FrameStatus::need_more;
  for (uint8_t b : five) {
    last = bad.feed(std::span(&b, 1), none);
    if (last != FrameStatus::need_more) break;
  }
  CHECK(last == FrameStatus::malformed);
}

TEST_CASE("the assembler keeps its limits in 32 bits: larger limits mean no limit") {
  mm::worker::PacketAssembler open(SIZE_MAX);
  CHECK(open.limit() == UINT32_MAX);
  // The largest Remaining Length (268,435,455) refused whole: its size fits 32 bits.
  mm::worker::PacketAssembler small(100);
  Bytes head{0x30, 0xFF, 0xFF, 0xFF, 0x7F};
  CHECK(small.feed(head, [](std::span<const uint8_t>) { return true; }) == FrameStatus::too_large);
  CHECK(small.refused_size() == 268435455u + 5);
}

TEST_CASE("a sink that stops is not called again and the limit can change in between") {
  Bytes stream = packet(0x10, 20);  // "CONNECT" within the first limit
  Bytes second = packet(0x30, 200);
  stream.insert(stream.end(), second.begin(), second.end());
  mm::worker::PacketAssembler assembler(64);
  int calls = 0;
  auto status = assembler.feed(stream, [&](std::span<const uint8_t>) {
    ++calls;
    assembler.set_limit(1024);  // raised once the first packet is in, as the worker does
    return true;
  });
  CHECK(status == FrameStatus::need_more);
  CHECK(calls == 2);
  calls = 0;
  mm::worker::PacketAssembler stopper(1024);
  status = stopper.feed(stream, [&](std::span<const uint8_t>) {
    ++calls;
    return false;
  });
  CHECK(status == FrameStatus::packet);
  CHECK(calls == 1);
}
