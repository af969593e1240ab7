#include "tests/badinput/observed.h"

#include <algorithm>
#include <cstdio>

namespace mm::test::badinput {
namespace {

std::string code_list(const std::vector<uint8_t>& codes) {
  std::string s;
  for (uint8_t c : codes) {
    char buf[8];
    snprintf(buf, sizeof buf, "%s0x%02X", s.empty() ? "" : "|", c);
    s += buf;
  }
  return s;
}

// The code a packet carries: SUBACK's first reason, else the reason field.
uint8_t code_of(const wire::Incoming& p) {
  if (p.is(Type::suback) || p.is(Type::unsuback)) return p.reasons.empty() ? 0xFF : p.reasons[0];
  return p.reason;
}

std::string packet_words(const wire::Incoming& p) {
  bool coded = p.is(Type::connack) || p.is(Type::disconnect) || p.is(Type::suback) ||
               p.is(Type::puback) || p.is(Type::pubrec) || p.is(Type::pubcomp) ||
               p.is(Type::unsuback) || p.is(Type::auth);
  std::string s = wire::type_name(p.type());
  if (coded) s += " " + code_list({code_of(p)});
  return s;
}

bool has_code(const std::vector<uint8_t>& codes, uint8_t c) {
  return codes.empty() || std::find(codes.begin(), codes.end(), c) != codes.end();
}

}  // namespace

std::string describe(const Expected& e) {
  std::string s;
  if (e.first_count > 0) {
    s = std::to_string(e.first_count) + " x " + wire::type_name(e.first_type) + ", then ";
  }
  switch (e.answer) {
    case Answer::connack:
      return s + "CONNACK " + code_list(e.codes) + ", closed";
    case Answer::connack_or_close:
      return s + "closed, or CONNACK " + code_list(e.codes) + " then closed";
    case Answer::disconnect:
      return s + "DISCONNECT " + code_list(e.codes) + ", closed";
    case Answer::close:
      return s + "closed without an answer";
    case Answer::ack:
      return s + wire::type_name(e.type) + " " + code_list(e.codes) + ", still connected";
  }
  return s;
}

std::string Observed::describe() const {
  std::string s;
  for (const wire::Incoming& p : packets) s += packet_words(p) + ", ";
  switch (end) {
    case End::closed:
      return s + "closed (" + std::to_string(close_ms) + " ms)";
    case End::open:
      return s + "still connected";
    case End::error:
      return s + "error: " + error;
  }
  return s;
}

Observed observe(wire::Client& c, const Expected& e, Ms wait) {
  Observed o;
  Clock::time_point start = Clock::now();
  Deadline d(wait);
  try {
    for (;;) {
      wire::Next n = c.next(Ms(d.remaining_ms()));
      if (n.closed()) {
        o.end = Observed::End::closed;
        o.close_ms = elapsed_ms(start);
        return o;
      }
      if (n.timed_out()) return o;
      o.packets.push_back(n.packet);
      bool is_answer = n.packet.is(e.type) && o.packets.size() > e.first_count;
      if (e.answer == Answer::ack && is_answer) break;
    }
    c.send(wire::Packet(Type::pingreq));
    wire::Next n = c.next(wait);
    if (n.closed()) {
      o.end = Observed::End::closed;
      o.close_ms = elapsed_ms(start);
    } else if (!n.is_packet() || !n.packet.is(Type::pingresp)) {
      o.end = Observed::End::error;
      o.error = "PINGREQ answered with " + n.describe();
    }
  } catch (const std::exception& ex) {
    o.end = Observed::End::error;
    o.error = ex.what();
  }
  return o;
}

bool matches(const Expected& e, const Observed& o) {
  if (o.end == Observed::End::error) return false;
  if (o.packets.size() < e.first_count) return false;
  for (size_t i = 0; i < e.first_count; ++i) {
    if (!o.packets[i].is(e.first_type)) return false;
  }
  std::vector<wire::Incoming> rest(o.packets.begin() + e.first_count, o.packets.end());
  bool closed = o.end == Observed::End::closed;
  auto one = [&](Type t) {
    return rest.size() == 1 && rest[0].is(t) && has_code(e.codes, code_of(rest[0]));
  };
  switch (e.answer) {
    case Answer::connack:
      return closed && one(Type::connack);
    case Answer::connack_or_close:
      return closed && (rest.empty() || one(Type::connack));
    case Answer::disconnect:
      return closed && one(Type::disconnect);
    case Answer::close:
      return closed && rest.empty();
    case Answer::ack:
      return o.end == Observed::End::open && one(e.type);
  }
  return false;
}

}  // namespace mm::test::badinput
