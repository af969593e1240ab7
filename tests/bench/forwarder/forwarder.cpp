// mqtt-forwarder: the floor scripts/bench measures mqtt-master against. The benchmark issue
// asks for broker CPU per delivered message "within 2x of a do-nothing forwarder", one "that
// does nothing but frame and copy". This is that forwarder on our own framework: the same
// master, worker loop, framing and once-per-iteration writes as mqtt-master, so the difference
// between the two is the broker's logic.
//
// What it does: CONNECT -> CONNACK (accepts everyone; 5.0 for a 5.0 CONNECT), SUBSCRIBE ->
// SUBACK granting the requested QoS, PUBLISH -> the packet's bytes unchanged to every
// subscriber of its topic (QoS 1: PUBACK; QoS 2: PUBREC, and PUBREL -> PUBCOMP), a
// subscriber's PUBREC -> PUBREL, PINGREQ -> PINGRESP, DISCONNECT -> close.
//
// What it is not: a broker. No sessions, retained messages, will or keep-alive; the
// publisher's packet id goes to every subscriber; subscribers must speak the publisher's MQTT
// version (the bytes are not re-encoded). A filter is an exact topic, or ends in one "+" level
// (mqtt-bench's fan-in subscribes "bench/in/+"); other wildcards are taken literally.
// Single-worker: each worker has its own subscriptions, none are shared over the bus, so run it
// with worker_num 1. Packets are parsed here by hand, with bounds checks, never by common/mqtt.

#include <algorithm>
#include <array>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "common/log.h"
#include "master/run_main.h"
#include "tests/bench/mqtt_bench/packets.h"  // PacketType only: the numbers of the spec
#include "worker/handler.h"

namespace mm::bench {
namespace {

using worker::Connection;
using Packet = std::span<const uint8_t>;

// Reads one whole packet after its fixed header. A read past the end yields zeros and clears
// ok(), so a caller checks once after its reads.
class Reader {
 public:
  explicit Reader(Packet packet) : p_(packet) {
    while (at_ < p_.size() && (p_[at_] & 0x80)) ++at_;  // Remaining Length: the framer checked it
    ++at_;
  }
  bool ok() const { return ok_; }
  bool done() const { return at_ >= p_.size(); }
  uint8_t byte() { return take(1) ? p_[at_ - 1] : 0; }
  uint16_t u16() { return take(2) ? static_cast<uint16_t>(p_[at_ - 2] << 8 | p_[at_ - 1]) : 0; }
  std::string_view str() {
    uint16_t n = u16();
    return take(n) ? std::string_view(reinterpret_cast<const char*>(p_.data() + at_ - n), n) : "";
  }
  uint32_t varint() {
    uint32_t v = 0;
    for (unsigned shift = 0; shift < 28; shift += 7) {
      uint8_t b = byte();
      v |= uint32_t{b & 0x7Fu} << shift;
      if (!(b & 0x80)) return v;
    }
    ok_ = false;
    return 0;
  }
  void skip(size_t n) { take(n); }

 private:
  bool take(size_t n) {
    if (!ok_ || p_.size() - std::min(at_, p_.size()) < n) return ok_ = false;
    at_ += n;
    return true;
  }
  Packet p_;
  size_t at_ = 1;
  bool ok_ = true;
};

struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
// Topic (or, for "a/b/+", "a/b/") -> the connections subscribed to it, in subscription order.
using Table =
    std::unordered_map<std::string, std::vector<Connection*>, StringHash, std::equal_to<>>;

struct Client {
  bool v5 = false;
  std::vector<std::pair<Table*, std::string>> subscriptions;  // to undo in on_close
};

Client& client(Connection& conn) {
  return *static_cast<Client*>(conn.user_data);
}

void ack(Connection& conn, uint8_t first, uint16_t id) {
  std::array<uint8_t, 4> p{first, 0x02, static_cast<uint8_t>(id >> 8), static_cast<uint8_t>(id)};
  conn.send(p);
}

class Forwarder final : public worker::Handler {
 public:
  void on_connect(Connection& conn) override { conn.user_data = new Client; }

  void on_close(Connection& conn) override {
    Client* c = &client(conn);
    for (auto& [table, key] : c->subscriptions) {
      auto it = table->find(key);
      if (it == table->end()) continue;
      std::erase(it->second, &conn);
      if (it->second.empty()) table->erase(it);
    }
    delete c;
    conn.user_data = nullptr;
  }

  void on_receive(Connection& conn, Packet packet) override {
    Reader r(packet);
    switch (packet[0] >> 4) {
      case kConnect:
        return on_connect_packet(conn, r);
      case kPublish:
        return on_publish(conn, r, packet);
      case kSubscribe:
        return on_subscribe(conn, r);
      case kPubrec:  // a subscriber received our QoS 2 PUBLISH
        return ack(conn, 0x62, r.u16());
      case kPubrel:  // a publisher's QoS 2 PUBLISH: the last step
        return ack(conn, 0x70, r.u16());
      case kPuback:  // the flow is over
      case kPubcomp:
        return;
      case kPingreq:
        conn.send(std::array<uint8_t, 2>{0xD0, 0x00});
        return;
      case kDisconnect:
        return conn.abort();  // as mqtt-master: nothing of ours is left to deliver
      default:
        return;
    }
  }

 private:
  static void on_connect_packet(Connection& conn, Reader& r) {
    r.str();  // "MQTT" or "MQIsdp"
    uint8_t level = r.byte();
    if (!r.ok()) return conn.close();
    client(conn).v5 = level == 5;
    if (level == 5) {
      conn.send(std::array<uint8_t, 5>{0x20, 0x03, 0x00, 0x00, 0x00});
    } else {
      conn.send(std::array<uint8_t, 4>{0x20, 0x02, 0x00, 0x00});
    }
  }

  void on_publish(Connection& conn, Reader& r, Packet packet) {
    std::string_view topic = r.str();
    unsigned qos = (packet[0] >> 1) & 3;
    uint16_t id = qos > 0 ? r.u16() : 0;
    if (!r.ok()) return conn.close();
    forward(exact_, topic, packet);
    if (!by_parent_.empty()) forward(by_parent_, topic.substr(0, topic.rfind('/') + 1), packet);
    if (qos == 1) ack(conn, 0x40, id);
    if (qos == 2) ack(conn, 0x50, id);
  }

  static void forward(const Table& table, std::string_view key, Packet packet) {
    auto it = table.find(key);
    if (it == table.end()) return;
    for (Connection* sub : it->second) sub->send(packet);  // a failed send closes it, later
  }

  void on_subscribe(Connection& conn, Reader& r) {
    Client& c = client(conn);
    uint16_t id = r.u16();
    if (c.v5) r.skip(r.varint());  // properties
    suback_.assign({0x90, 0x00, static_cast<uint8_t>(id >> 8), static_cast<uint8_t>(id)});
    if (c.v5) suback_.push_back(0x00);
    while (r.ok() && !r.done()) {
      std::string_view filter = r.str();
      uint8_t options = r.byte();
      if (r.ok()) subscribe(conn, filter);
      suback_.push_back(options & 3);
    }
    if (!r.ok() || suback_.size() - 2 > 127) return conn.close();  // one Remaining Length byte
    suback_[1] = static_cast<uint8_t>(suback_.size() - 2);
    conn.send(suback_);
  }

  void subscribe(Connection& conn, std::string_view filter) {
    bool parent = filter.ends_with('+') && (filter.size() == 1 || filter.ends_with("/+"));
    Table* table = parent ? &by_parent_ : &exact_;
    std::string key(parent ? filter.substr(0, filter.size() - 1) : filter);
    auto& subs = client(conn).subscriptions;
    if (std::find(subs.begin(), subs.end(), std::pair{table, key}) != subs.end()) return;
    (*table)[key].push_back(&conn);
    subs.emplace_back(table, std::move(key));
  }

  Table exact_;
  Table by_parent_;
  std::vector<uint8_t> suback_;
};

std::unique_ptr<worker::Handler> make_forwarder(const config::Config&,
                                                const worker::WorkerInfo& info) {
  if (info.worker_num > 1 && info.slot == 0) {
    LOG_WARN("mqtt-forwarder: worker_num %u, but subscriptions are per worker: use 1",
             info.worker_num);
  }
  return std::make_unique<Forwarder>();
}

}  // namespace
}  // namespace mm::bench

int main(int argc, char** argv) {
  return mm::master::run_main(argc, argv, &mm::bench::make_forwarder);
}
