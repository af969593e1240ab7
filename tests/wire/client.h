#pragma once
// A blocking MQTT test client over TCP on 127.0.0.1. Every read has a deadline; "nothing
// arrived" (timeout) and "the server closed the connection" (EOF or reset) are outcomes of
// their own. What a test did not expect throws WireError, which doctest reports as a failure
// with the message.
//
//   Client sub(port, v5, "sub");
//   sub.connect({.client_id = "sub"});
//   sub.subscribe({{"a/#", {.qos = 1}}});
//   Client pub(port, v5, "pub");
//   pub.connect({.client_id = "pub"});
//   pub.publish({.topic = "a/b", .payload = "x", .qos = 1});  // waits for PUBACK
//   Incoming m = sub.receive();                               // PUBLISH, acknowledged

#include <cstdint>
#include <deque>
#include <map>
#include <string>
#include <vector>

#include "tests/support/clock.h"
#include "tests/support/tcp_client.h"
#include "tests/wire/incoming.h"
#include "tests/wire/packets.h"

namespace mm::test::wire {

// The default deadline for a packet that must come: generous, for a loaded machine under ASan.
inline constexpr Ms kPacketWait{10000};

struct Next {
  enum class Outcome { packet, timeout, closed };
  Outcome outcome = Outcome::timeout;
  Incoming packet;
  bool is_packet() const { return outcome == Outcome::packet; }
  bool timed_out() const { return outcome == Outcome::timeout; }
  bool closed() const { return outcome == Outcome::closed; }
  std::string describe() const;
};

class Client {
 public:
  // Opens a TCP connection to 127.0.0.1:port; throws WireError if that fails. `version` is
  // the protocol level the client speaks (3, 4 or 5); `name` labels its messages.
  Client(uint16_t port, uint8_t version, std::string name = "client");

  uint8_t version() const { return version_; }
  const std::string& name() const { return name_; }
  TcpClient& tcp() { return tcp_; }

  // Raw traffic.
  void send(const Bytes& bytes);
  // The next packet (packets set aside by await() first), or a timeout, or the close.
  Next next(Ms timeout = kPacketWait);
  // The next packet as it came, not parsed (for answers whose format a test cannot know in
  // advance, such as the CONNACK to an unknown protocol level); type 0 on timeout or close.
  Next next_unparsed(Ms timeout = kPacketWait);
  // The next packet, which must be of type `t`.
  Incoming expect(Type t, Ms timeout = kPacketWait);
  // The first packet of type `t`; packets of other types that come first are kept, in order,
  // for next(). For acks that may cross PUBLISHes sent to this client.
  Incoming await(Type t, Ms timeout = kPacketWait);
  // True when nothing arrives within `window` (and the connection is not closed). Use only
  // where no marker message can prove the absence.
  bool quiet(Ms window);
  // Reads until the server closes the connection; the packets that came first are returned.
  // Throws if the connection is still open at the deadline.
  std::vector<Incoming> expect_closed(Ms timeout = kPacketWait);
  // Closes the TCP connection at once, without DISCONNECT (an abnormal disconnect).
  void drop() { tcp_.close(); }

  // CONNECT, then CONNACK (returned whatever its code; a close instead throws).
  Incoming connect(const ConnectOptions& o, Ms timeout = kPacketWait);
  // CONNECT that must succeed: CONNACK with code 0; returns it.
  Incoming connect_ok(const ConnectOptions& o);
  // SUBSCRIBE with a fresh packet id; returns the SUBACK (its id checked).
  Incoming subscribe(const std::vector<Subscription>& subs, const Props& props = {});
  Incoming unsubscribe(const std::vector<std::string>& filters, const Props& props = {});
  // PUBLISH and its flow: QoS 1 waits for PUBACK (returned); QoS 2 waits for PUBREC, and
  // unless it carries an error code sends PUBREL and waits for PUBCOMP; returns the PUBREC.
  // A packet id of 0 at QoS > 0 is replaced by a fresh one.
  Incoming publish(Message m);
  // The next PUBLISH (other packets kept for later), acknowledged by its QoS: PUBACK, or
  // PUBREC, PUBREL from the server, PUBCOMP.
  Incoming receive(Ms timeout = kPacketWait);
  // Acknowledges a PUBLISH received with next()/expect(), completing its flow.
  void ack(const Incoming& publish);
  // PINGREQ, then PINGRESP.
  void ping(Ms timeout = kPacketWait);
  // DISCONNECT, then waits for the server to close.
  void disconnect(uint8_t reason = 0, const Props& props = {});

  uint16_t next_packet_id();

 private:
  Next read_packet(Ms timeout, bool parsed = true);
  void resolve_alias(Incoming& p);
  [[noreturn]] void fail(const std::string& what) const;

  TcpClient tcp_;
  uint8_t version_;
  std::string name_;
  std::deque<Incoming> kept_;
  std::map<uint16_t, std::string> aliases_;  // topic aliases the server set (5.0)
  uint16_t last_id_ = 0;
};

}  // namespace mm::test::wire
