#include "tests/wire/client.h"

namespace mm::test::wire {

std::string Next::describe() const {
  if (closed()) return "the connection closed";
  if (timed_out()) return "nothing (timeout)";
  return packet.describe();
}

Client::Client(uint16_t port, uint8_t version, std::string name)
    : version_(version), name_(std::move(name)) {
  if (int err = tcp_.connect("127.0.0.1", port, kPacketWait); err != 0) {
    fail("cannot connect to port " + std::to_string(port) + ": errno " + std::to_string(err));
  }
}

void Client::fail(const std::string& what) const {
  throw WireError("client '" + name_ + "': " + what);
}

void Client::send(const Bytes& bytes) {
  if (!tcp_.send(bytes, kPacketWait)) {
    fail("send failed (errno " + std::to_string(tcp_.last_error()) + "): " + hex(bytes));
  }
}

// Fixed header byte by byte (the Remaining Length is 1 to 4 bytes), then the body.
Next Client::read_packet(Ms timeout, bool parsed) {
  Deadline d(timeout);
  Next n;
  ReadResult head = tcp_.read(1, timeout);
  if (!head.complete()) {
    n.outcome =
        head.end == ReadResult::End::closed ? Next::Outcome::closed : Next::Outcome::timeout;
    return n;
  }
  uint32_t length = 0;
  for (int i = 0;; ++i) {
    if (i == 4) fail("malformed Remaining Length (over 4 bytes)");
    ReadResult b = tcp_.read(1, Ms(d.remaining_ms()));
    if (!b.complete()) fail("the server stopped in the middle of a fixed header");
    length |= uint32_t(b.bytes[0] & 0x7F) << (7 * i);
    if ((b.bytes[0] & 0x80) == 0) break;
  }
  ReadResult body = tcp_.read(length, Ms(d.remaining_ms()));
  if (!body.complete()) fail("the server stopped in the middle of a packet body");
  n.outcome = Next::Outcome::packet;
  if (!parsed) {
    n.packet.first = head.bytes[0];
    n.packet.body = std::move(body.bytes);
    return n;
  }
  try {
    n.packet = parse(version_, head.bytes[0], body.bytes);
  } catch (const WireError& e) {
    fail(std::string(e.what()) + " [" + hex({head.bytes[0]}) + " | " + hex(body.bytes) + "]");
  }
  resolve_alias(n.packet);
  return n;
}

// MQTT 5.0 section 3.3.2.3.4: a topic with an alias sets it; an empty topic uses it.
void Client::resolve_alias(Incoming& p) {
  if (!p.is(Type::publish) || version_ < v5) return;
  auto alias = p.props.number(prop::topic_alias);
  if (!alias) return;
  if (!p.topic.empty()) {
    aliases_[uint16_t(*alias)] = p.topic;
    return;
  }
  auto it = aliases_.find(uint16_t(*alias));
  if (it == aliases_.end()) fail("server used topic alias " + std::to_string(*alias) + " unset");
  p.topic = it->second;
  p.topic_from_alias = true;
}

Next Client::next(Ms timeout) {
  if (!kept_.empty()) {
    Next n;
    n.outcome = Next::Outcome::packet;
    n.packet = std::move(kept_.front());
    kept_.pop_front();
    return n;
  }
  return read_packet(timeout);
}

Next Client::next_unparsed(Ms timeout) {
  if (!kept_.empty()) fail("next_unparsed with parsed packets kept");
  return read_packet(timeout, false);
}

Incoming Client::expect(Type t, Ms timeout) {
  Next n = next(timeout);
  if (!n.is_packet() || !n.packet.is(t)) {
    fail(std::string("expected ") + type_name(t) + ", got " + n.describe());
  }
  return std::move(n.packet);
}

Incoming Client::await(Type t, Ms timeout) {
  for (auto it = kept_.begin(); it != kept_.end(); ++it) {
    if (it->is(t)) {
      Incoming p = std::move(*it);
      kept_.erase(it);
      return p;
    }
  }
  Deadline d(timeout);
  for (;;) {
    Next n = read_packet(Ms(d.remaining_ms()));
    if (!n.is_packet()) fail(std::string("waiting for ") + type_name(t) + ", got " + n.describe());
    if (n.packet.is(t)) return std::move(n.packet);
    kept_.push_back(std::move(n.packet));
  }
}

bool Client::quiet(Ms window) {
  if (!kept_.empty()) return false;
  Next n = read_packet(window);
  if (n.is_packet()) kept_.push_back(std::move(n.packet));
  return n.timed_out();
}

std::vector<Incoming> Client::expect_closed(Ms timeout) {
  std::vector<Incoming> before(kept_.begin(), kept_.end());
  kept_.clear();
  Deadline d(timeout);
  for (;;) {
    Next n = read_packet(Ms(d.remaining_ms()));
    if (n.closed()) return before;
    if (n.timed_out()) fail("expected the server to close the connection; it is still open");
    before.push_back(std::move(n.packet));
  }
}

uint16_t Client::next_packet_id() {
  last_id_ = uint16_t(last_id_ == 0xFFFF ? 1 : last_id_ + 1);
  return last_id_;
}

}  // namespace mm::test::wire
