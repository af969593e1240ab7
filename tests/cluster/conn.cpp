#include "tests/cluster/conn.h"

#include <fcntl.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>

namespace mm::test::cluster {
namespace {

using wire::Type;

// A whole packet at the front of `in`: its first byte and body; false if more is needed.
bool take_packet(wire::Bytes& in, uint8_t& first, wire::Bytes& body) {
  if (in.size() < 2) return false;
  uint32_t length = 0;
  size_t at = 1;
  for (unsigned shift = 0;; shift += 7) {
    if (at >= in.size()) return false;
    uint8_t b = in[at++];
    length |= uint32_t(b & 0x7F) << shift;
    if ((b & 0x80) == 0) break;
    if (shift >= 21) throw wire::WireError("bad Remaining Length from the server");
  }
  if (in.size() < at + length) return false;
  first = in[0];
  body.assign(in.begin() + long(at), in.begin() + long(at + length));
  in.erase(in.begin(), in.begin() + long(at + length));
  return true;
}

}  // namespace

std::optional<uint64_t> key_of(const std::string& payload) {
  if (payload.size() < 2 || payload[0] != 'k') return std::nullopt;
  return std::stoull(payload.substr(1));
}

int Conn::open(uint16_t port) {
  tcp_.close();
  in_.clear();
  pending_.clear();
  server_disconnect_.reset();
  int err = tcp_.connect("127.0.0.1", port);
  if (err != 0) return err;
  local_port_ = tcp_.local_port();
  fcntl(tcp_.fd(), F_SETFL, fcntl(tcp_.fd(), F_GETFL) | O_NONBLOCK);
  wire::ConnectOptions o{.client_id = spec_.id, .clean = !spec_.persistent, .keep_alive = 600};
  if (spec_.persistent && spec_.version == wire::v5) o.props = {wire::session_expiry(600)};
  send(wire::connect(spec_.version, o));
  state_ = ConnState::connecting;
  return 0;
}

void Conn::disconnect() {
  if (state_ == ConnState::down) return;
  send(wire::disconnect(spec_.version));
  std::vector<ConnEvent> ignored;
  on_writable(ignored);
  drop();
}

void Conn::drop() {
  tcp_.close();
  state_ = ConnState::down;
}

void Conn::publish(const std::string& topic, uint8_t qos, uint64_t key) {
  wire::Message m{.topic = topic, .payload = "k" + std::to_string(key), .qos = qos};
  if (qos > 0) {
    m.packet_id = next_id();
    out_.push_back({m.packet_id, key, topic, qos});
  }
  send(wire::publish(spec_.version, m));
}

void Conn::send(const wire::Bytes& b) {
  pending_.insert(pending_.end(), b.begin(), b.end());
}

void Conn::on_writable(std::vector<ConnEvent>& events) {
  while (!pending_.empty() && state_ != ConnState::down) {
    ssize_t n = ::send(tcp_.fd(), pending_.data(), pending_.size(), MSG_NOSIGNAL);
    if (n > 0) {
      pending_.erase(pending_.begin(), pending_.begin() + n);
    } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      return;
    } else if (n < 0 && errno != EINTR) {
      lose("send failed", events);
    }
  }
}

void Conn::on_readable(std::vector<ConnEvent>& events) {
  uint8_t buf[65536];
  for (;;) {
    ssize_t n = ::recv(tcp_.fd(), buf, sizeof buf, 0);
    if (n > 0) {
      in_.insert(in_.end(), buf, buf + n);
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    bool closed = n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK);
    uint8_t first = 0;
    wire::Bytes body;
    while (state_ != ConnState::down && take_packet(in_, first, body)) {
      handle(wire::parse(spec_.version, first, std::move(body)), events);
    }
    if (closed && state_ != ConnState::down)
      lose(n == 0 ? "closed by the server" : "reset", events);
    return;
  }
}

void Conn::handle(const wire::Incoming& p, std::vector<ConnEvent>& events) {
  switch (p.type()) {
    case Type::connack:
      return on_connack(p, events);
    case Type::suback:
      for (uint8_t r : p.reasons) {
        if (r >= 0x80) return events.push_back({ConnEvent::Kind::refused, p, 0, "SUBACK refused"});
      }
      return become_ready(events);
    case Type::publish:
      return on_publish(p, events);
    case Type::pubrel:
      awaiting_pubrel_.erase(p.packet_id);
      return send(wire::ack(spec_.version, Type::pubcomp, p.packet_id));
    case Type::puback:
    case Type::pubrec:
    case Type::pubcomp:
      return on_ack(p, events);
    case Type::disconnect:
      server_disconnect_ = p.reason;
      return;
    default:
      return;
  }
}

void Conn::on_connack(const wire::Incoming& p, std::vector<ConnEvent>& events) {
  if (p.reason != 0) {
    events.push_back({ConnEvent::Kind::refused, p, 0, "CONNACK " + std::to_string(p.reason)});
    return drop();
  }
  events.push_back({ConnEvent::Kind::connack, p, 0, {}});
  if (!p.session_present) {
    // Whatever the client had in flight is gone with the old session.
    for (const OutFlight& f : out_) events.push_back({ConnEvent::Kind::abandoned, {}, f.key, {}});
    out_.clear();
    awaiting_pubrel_.clear();
  }
  bool subscribe = !spec_.subs.empty() && (!spec_.persistent || !subscribed_once_);
  if (!subscribe) return become_ready(events);
  sub_id_ = next_id();
  send(wire::subscribe(spec_.version, sub_id_, spec_.subs));
  state_ = ConnState::subscribing;
}

void Conn::become_ready(std::vector<ConnEvent>& events) {
  subscribed_once_ = true;
  state_ = ConnState::ready;
  resend_in_flight();
  events.push_back({ConnEvent::Kind::ready, {}, 0, {}});
}

void Conn::resend_in_flight() {
  for (const OutFlight& f : out_) {
    if (f.got_pubrec) {
      send(wire::ack(spec_.version, Type::pubrel, f.id));
    } else {
      wire::Message m{.topic = f.topic,
                      .payload = "k" + std::to_string(f.key),
                      .qos = f.qos,
                      .dup = true,
                      .packet_id = f.id};
      send(wire::publish(spec_.version, m));
    }
  }
}

void Conn::on_publish(const wire::Incoming& p, std::vector<ConnEvent>& events) {
  if (p.qos == 1) send(wire::ack(spec_.version, Type::puback, p.packet_id));
  if (p.qos == 2) {
    send(wire::ack(spec_.version, Type::pubrec, p.packet_id));
    if (!awaiting_pubrel_.insert(p.packet_id).second) return;  // a re-send, already delivered
  }
  events.push_back({ConnEvent::Kind::message, p, 0, {}});
}

void Conn::on_ack(const wire::Incoming& p, std::vector<ConnEvent>& events) {
  auto it = std::find_if(out_.begin(), out_.end(),
                         [&](const OutFlight& f) { return f.id == p.packet_id; });
  if (it == out_.end()) return;
  if (p.is(Type::pubrec) && p.reason < 0x80) {
    it->got_pubrec = true;
    return send(wire::ack(spec_.version, Type::pubrel, p.packet_id));
  }
  if (p.reason >= 0x80) events.push_back({ConnEvent::Kind::refused, p, it->key, "publish refused"});
  events.push_back({ConnEvent::Kind::acked, {}, it->key, {}});
  out_.erase(it);
}

void Conn::lose(const std::string& why, std::vector<ConnEvent>& events) {
  bool attempt = state_ == ConnState::connecting;  // no CONNACK yet: a failed connection attempt
  drop();
  events.push_back({ConnEvent::Kind::lost, {}, 0, attempt ? kBeforeConnack + why : why});
}

uint16_t Conn::next_id() {
  for (;;) {
    if (++last_id_ == 0) last_id_ = 1;
    bool used =
        std::any_of(out_.begin(), out_.end(), [&](const OutFlight& f) { return f.id == last_id_; });
    if (!used) return last_id_;
  }
}

}  // namespace mm::test::cluster
