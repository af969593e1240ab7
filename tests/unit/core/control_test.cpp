// The control channel's wire format: typed messages, payloads, descriptors, EOF, bad input.
#include <doctest/doctest.h>

#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "common/control.h"

using namespace mm::common;

namespace {

struct Pair {
  int fds[2];
  Pair() { REQUIRE(control_socketpair(fds) == 0); }
  ~Pair() {
    if (fds[0] >= 0) close(fds[0]);
    if (fds[1] >= 0) close(fds[1]);
  }
};

}  // namespace

TEST_CASE("a message with payload and descriptor crosses intact") {
  Pair p;
  int pipefd[2];
  REQUIRE(pipe(pipefd) == 0);
  ControlMessage out{ControlType::add_listener, 42, std::string(100000, 'x'), pipefd[1]};
  REQUIRE(control_send(p.fds[0], out) == 0);
  close(pipefd[1]);
  ControlMessage in;
  REQUIRE(control_recv(p.fds[1], &in) == 0);
  CHECK(in.type == ControlType::add_listener);
  CHECK(in.arg == 42);
  CHECK(in.payload == out.payload);
  REQUIRE(in.fd >= 0);
  CHECK((fcntl(in.fd, F_GETFD) & FD_CLOEXEC) != 0);
  // The received descriptor is the pipe's write end.
  REQUIRE(write(in.fd, "k", 1) == 1);
  char c = 0;
  REQUIRE(read(pipefd[0], &c, 1) == 1);
  CHECK(c == 'k');
  close(in.fd);
  close(pipefd[0]);
}

TEST_CASE("nothing to read, then EOF when the peer is gone") {
  Pair p;
  ControlMessage in;
  CHECK(control_recv(p.fds[1], &in) == -EAGAIN);
  close(p.fds[0]);
  p.fds[0] = -1;
  CHECK(control_recv(p.fds[1], &in) == -EPIPE);
}

TEST_CASE("short, unknown, mis-versioned and mis-sized messages are rejected") {
  Pair p;
  ControlMessage in;
  const char short_msg[4] = {1, 0, 1, 0};
  REQUIRE(send(p.fds[0], short_msg, sizeof short_msg, 0) == sizeof short_msg);
  CHECK(control_recv(p.fds[1], &in) == -EPROTO);

  uint8_t header[16] = {};
  header[0] = 1;    // version 1
  header[2] = 200;  // unknown type
  REQUIRE(send(p.fds[0], header, sizeof header, 0) == sizeof header);
  CHECK(control_recv(p.fds[1], &in) == -EPROTO);

  header[0] = 9;  // unknown version
  header[2] = 1;  // ready
  REQUIRE(send(p.fds[0], header, sizeof header, 0) == sizeof header);
  CHECK(control_recv(p.fds[1], &in) == -EPROTO);

  header[0] = 1;
  header[8] = 5;  // says 5 payload bytes, carries none
  REQUIRE(send(p.fds[0], header, sizeof header, 0) == sizeof header);
  CHECK(control_recv(p.fds[1], &in) == -EPROTO);

  // The channel still works after rejecting garbage.
  REQUIRE(control_send(p.fds[0], {ControlType::stop, 0, {}, -1}) == 0);
  REQUIRE(control_recv(p.fds[1], &in) == 0);
  CHECK(in.type == ControlType::stop);
}

TEST_CASE("an oversized payload is refused by the sender") {
  Pair p;
  ControlMessage big{ControlType::config, 0, std::string(kControlMaxPayload + 1, 'x'), -1};
  CHECK(control_send(p.fds[0], big) == -EMSGSIZE);
}
