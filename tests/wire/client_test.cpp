// The client's reads against a fake server on 127.0.0.1: whole packets however TCP splits
// them, "nothing arrived" apart from "closed", packets set aside by await(), topic aliases.
#include <arpa/inet.h>
#include <doctest/doctest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "tests/wire/client.h"

namespace mm::test::wire {
namespace {

// A listening socket on an ephemeral port and the one connection it accepts.
class FakeServer {
 public:
  FakeServer() {
    listen_fd_ = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(bind(listen_fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
    REQUIRE(listen(listen_fd_, 4) == 0);
    socklen_t len = sizeof a;
    getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&a), &len);
    port_ = ntohs(a.sin_port);
  }
  ~FakeServer() {
    close_peer();
    ::close(listen_fd_);
  }
  uint16_t port() const { return port_; }
  void accept_one() { peer_ = ::accept(listen_fd_, nullptr, nullptr); }
  void write(const Bytes& b) { REQUIRE(::send(peer_, b.data(), b.size(), 0) == long(b.size())); }
  Bytes read(size_t n) {
    Bytes b(n);
    size_t got = 0;
    while (got < n) {
      long k = ::recv(peer_, b.data() + got, n - got, 0);
      REQUIRE(k > 0);
      got += size_t(k);
    }
    return b;
  }
  void close_peer() {
    if (peer_ >= 0) ::close(peer_);
    peer_ = -1;
  }

 private:
  int listen_fd_ = -1;
  int peer_ = -1;
  uint16_t port_ = 0;
};

const Ms kShort{50};

}  // namespace

TEST_CASE("next: a packet, then a timeout, then the close") {
  FakeServer s;
  Client c(s.port(), v311, "t");
  s.accept_one();
  s.write({0x20, 0x02, 0x00, 0x00});
  Next n = c.next();
  REQUIRE(n.is_packet());
  CHECK(n.packet.is(Type::connack));
  CHECK(c.next(kShort).timed_out());
  CHECK(c.quiet(kShort));
  s.close_peer();
  CHECK(c.next().closed());
}

TEST_CASE("a packet split across writes is read whole; a long Remaining Length too") {
  FakeServer s;
  Client c(s.port(), v311, "t");
  s.accept_one();
  Bytes big = publish(v311, {.topic = "t", .payload = std::string(300, 'x')});
  s.write(Bytes(big.begin(), big.begin() + 2));
  s.write(Bytes(big.begin() + 2, big.end()));
  Incoming p = c.expect(Type::publish);
  CHECK(p.payload.size() == 300);
}

TEST_CASE("expect throws on another type; await keeps the others for next") {
  FakeServer s;
  Client c(s.port(), v311, "t");
  s.accept_one();
  s.write(publish(v311, {.topic = "a", .payload = "1"}));
  s.write({0xD0, 0x00});
  CHECK(c.await(Type::pingresp).is(Type::pingresp));
  CHECK_FALSE(c.quiet(kShort));  // the kept PUBLISH is waiting
  CHECK(c.next().packet.topic == "a");
  s.write({0xD0, 0x00});
  CHECK_THROWS_AS(c.expect(Type::connack), WireError);
  CHECK_THROWS_AS(c.expect(Type::connack, kShort), WireError);  // timeout
}

TEST_CASE("expect_closed returns what came before the close; throws while open") {
  FakeServer s;
  Client c(s.port(), v5, "t");
  s.accept_one();
  CHECK_THROWS_AS(c.expect_closed(kShort), WireError);
  s.write({0xE0, 0x01, 0x8E});
  s.close_peer();
  auto before = c.expect_closed();
  REQUIRE(before.size() == 1);
  CHECK(before[0].reason == 0x8E);
}

TEST_CASE("topic aliases set by the server are resolved; an unset one throws") {
  FakeServer s;
  Client c(s.port(), v5, "t");
  s.accept_one();
  s.write(publish(v5, {.topic = "long/topic", .payload = "1", .props = {topic_alias(2)}}));
  s.write(publish(v5, {.topic = "", .payload = "2", .props = {topic_alias(2)}}));
  s.write(publish(v5, {.topic = "", .payload = "3", .props = {topic_alias(3)}}));
  Incoming first = c.expect(Type::publish);
  CHECK(first.topic == "long/topic");
  CHECK_FALSE(first.topic_from_alias);
  Incoming second = c.expect(Type::publish);
  CHECK(second.topic == "long/topic");
  CHECK(second.topic_from_alias);
  CHECK_THROWS_AS(c.next(), WireError);
}

TEST_CASE("publish at QoS 2 completes the flow; receive acknowledges a QoS 2 PUBLISH") {
  FakeServer s;
  Client c(s.port(), v311, "t");
  s.accept_one();
  s.write({0x50, 0x02, 0x00, 0x01});  // PUBREC for the first id the client picks
  s.write({0x70, 0x02, 0x00, 0x01});  // PUBCOMP
  Incoming rec = c.publish({.topic = "t", .payload = "x", .qos = 2});
  CHECK(rec.is(Type::pubrec));
  Bytes sent = s.read(8 + 4);
  CHECK(sent == Bytes{0x34, 0x06, 0x00, 0x01, 't', 0x00, 0x01, 'x', 0x62, 0x02, 0x00, 0x01});

  s.write({0x34, 0x06, 0x00, 0x01, 't', 0x00, 0x09, 'y'});
  s.write({0x62, 0x02, 0x00, 0x09});  // PUBREL, sent ahead of the client's PUBREC: fine here
  Incoming m = c.receive();
  CHECK(m.payload == "y");
  CHECK(s.read(8) == Bytes{0x50, 0x02, 0x00, 0x09, 0x70, 0x02, 0x00, 0x09});
}

TEST_CASE("a Remaining Length of five bytes from the server throws") {
  FakeServer s;
  Client c(s.port(), v311, "t");
  s.accept_one();
  s.write({0x30, 0x80, 0x80, 0x80, 0x80, 0x01});
  CHECK_THROWS_AS(c.next(), WireError);
}

TEST_CASE("connecting to a closed port throws") {
  uint16_t port;
  {
    FakeServer s;
    port = s.port();
  }
  CHECK_THROWS_AS(Client(port, v311), WireError);
}

}  // namespace mm::test::wire
