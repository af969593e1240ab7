#include "worker/example_handler.h"

#include <string>

#include "common/log.h"

namespace mm::worker {
namespace {

uint16_t read_u16(std::span<const uint8_t> p, size_t at) {
  return static_cast<uint16_t>(p[at] << 8 | p[at + 1]);
}

size_t header_length(std::span<const uint8_t> packet) {
  size_t i = 1;
  while (i < packet.size() && (packet[i] & 0x80)) ++i;
  return i + 1;
}

class ExampleHandler final : public Handler {
 public:
  void on_connect(Connection& conn) override {
    LOG_INFO("client connected: %s (connection %llu)", conn.peer().c_str(),
             static_cast<unsigned long long>(conn.id()));
  }

  void on_receive(Connection& conn, std::span<const uint8_t> packet) override {
    switch (packet[0] >> 4) {
      case 1:  // CONNECT
        conn.send(std::initializer_list<uint8_t>{0x20, 0x02, 0x00, 0x00});
        break;
      case 3:  // PUBLISH
        on_publish(conn, packet);
        break;
      case 12:  // PINGREQ
        conn.send(std::initializer_list<uint8_t>{0xD0, 0x00});
        break;
      case 14:  // DISCONNECT
        conn.close();
        break;
      default:
        break;
    }
  }

  // By id: the socket is closed by now, so its address is no longer known.
  void on_close(Connection& conn) override {
    LOG_INFO("client closed: connection %llu", static_cast<unsigned long long>(conn.id()));
  }

 private:
  static void on_publish(Connection& conn, std::span<const uint8_t> packet) {
    size_t at = header_length(packet);
    unsigned qos = (packet[0] >> 1) & 3;
    if (at + 2 > packet.size()) return conn.close();
    size_t topic_len = read_u16(packet, at);
    if (at + 2 + topic_len > packet.size()) return conn.close();
    std::string topic(reinterpret_cast<const char*>(&packet[at + 2]), topic_len);
    at += 2 + topic_len;
    if (qos > 0) {
      if (at + 2 > packet.size()) return conn.close();
      uint8_t puback[4] = {0x40, 0x02, packet[at], packet[at + 1]};
      at += 2;
      if (qos == 1) conn.send(puback);
    }
    std::string payload(reinterpret_cast<const char*>(packet.data() + at), packet.size() - at);
    LOG_INFO("client msg: %s: %s", topic.c_str(), payload.c_str());
  }
};

}  // namespace

std::unique_ptr<Handler> make_example_handler(const config::Config&, const WorkerInfo&) {
  return std::make_unique<ExampleHandler>();
}

}  // namespace mm::worker
