#pragma once
// One MQTT client connection for the cluster tests, non-blocking so that a single poll loop
// drives hundreds of them (see fleet.h). Packets are built and parsed by tests/wire (never
// common/mqtt). The object keeps the client side of the session across reconnects: outgoing
// QoS 1/2 messages not yet acknowledged (re-sent with DUP, or PUBREL, when the session is
// resumed) and incoming QoS 2 packet ids awaiting PUBREL (a re-sent PUBLISH for one of them is
// not a new delivery).

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "tests/support/tcp_client.h"
#include "tests/wire/incoming.h"
#include "tests/wire/packets.h"

namespace mm::test::cluster {

struct ConnSpec {
  std::string id;
  uint8_t version = wire::v5;
  bool persistent = false;  // clean session 0 / 5.0 Session Expiry 600 s
  std::vector<wire::Subscription> subs;
};

enum class ConnState { down, connecting, subscribing, ready };

// How the reason of a `lost` event starts when the connection never got its CONNACK.
inline const std::string kBeforeConnack = "before CONNACK: ";

// What one read brought, for the fleet to act on.
struct ConnEvent {
  enum class Kind { connack, ready, message, acked, abandoned, refused, lost };
  Kind kind;
  wire::Incoming packet;  // connack, message
  uint64_t key = 0;       // acked, abandoned: the key given to publish()
  std::string why;        // refused, lost
};

class Conn {
 public:
  explicit Conn(ConnSpec spec) : spec_(std::move(spec)) {}

  const ConnSpec& spec() const { return spec_; }
  ConnState state() const { return state_; }
  bool ready() const { return state_ == ConnState::ready; }
  int fd() const { return tcp_.fd(); }
  uint16_t local_port() const { return local_port_; }
  size_t in_flight() const { return out_.size(); }
  bool wants_write() const { return !pending_.empty(); }
  // The reason code of the last DISCONNECT the server sent (5.0), if any since open().
  std::optional<uint8_t> server_disconnect() const { return server_disconnect_; }

  // Opens TCP to 127.0.0.1:port and sends CONNECT; false (with the errno) if TCP fails.
  int open(uint16_t port);
  // Sends DISCONNECT and closes (the session stays if persistent).
  void disconnect();
  // Closes at once (no DISCONNECT).
  void drop();

  // QoS 0 goes and is forgotten; QoS 1/2 is kept until acknowledged. Payload = the key.
  void publish(const std::string& topic, uint8_t qos, uint64_t key);
  // Reads what the socket holds and handles every whole packet; events are appended.
  void on_readable(std::vector<ConnEvent>& events);
  void on_writable(std::vector<ConnEvent>& events);

 private:
  struct OutFlight {
    uint16_t id;
    uint64_t key;
    std::string topic;
    uint8_t qos;
    bool got_pubrec = false;
  };
  void send(const wire::Bytes& b);
  void handle(const wire::Incoming& p, std::vector<ConnEvent>& events);
  void on_connack(const wire::Incoming& p, std::vector<ConnEvent>& events);
  void on_publish(const wire::Incoming& p, std::vector<ConnEvent>& events);
  void on_ack(const wire::Incoming& p, std::vector<ConnEvent>& events);
  void become_ready(std::vector<ConnEvent>& events);
  void resend_in_flight();
  void lose(const std::string& why, std::vector<ConnEvent>& events);
  uint16_t next_id();

  ConnSpec spec_;
  ConnState state_ = ConnState::down;
  TcpClient tcp_;
  uint16_t local_port_ = 0;
  wire::Bytes in_;
  wire::Bytes pending_;
  std::vector<OutFlight> out_;
  std::set<uint16_t> awaiting_pubrel_;
  std::optional<uint8_t> server_disconnect_;
  bool subscribed_once_ = false;
  uint16_t last_id_ = 0;
  uint16_t sub_id_ = 0;
};

// Reads the key a cluster test wrote as the payload; nullopt for another payload.
std::optional<uint64_t> key_of(const std::string& payload);

}  // namespace mm::test::cluster
