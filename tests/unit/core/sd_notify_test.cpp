#include <doctest/doctest.h>

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <string>

#include "master/sd_notify.h"

namespace {

// A datagram socket standing in for systemd's notification socket.
struct FakeSystemd {
  int fd = -1;
  explicit FakeSystemd(const std::string& name, bool abstract) {
    fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    REQUIRE(fd >= 0);
    sockaddr_un a{};
    a.sun_family = AF_UNIX;
    std::memcpy(a.sun_path, name.data(), name.size());
    if (abstract) a.sun_path[0] = '\0';
    socklen_t len = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + name.size());
    REQUIRE(bind(fd, reinterpret_cast<sockaddr*>(&a), len) == 0);
    timeval tv{2, 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  }
  ~FakeSystemd() { close(fd); }
  std::string receive() {
    char buf[512];
    ssize_t n = recv(fd, buf, sizeof buf, 0);
    return n > 0 ? std::string(buf, static_cast<size_t>(n)) : std::string();
  }
};

}  // namespace

TEST_CASE("sd_notify reaches a path socket and an abstract one") {
  std::string path = "/tmp/mm-notify-" + std::to_string(getpid());
  unlink(path.c_str());
  {
    FakeSystemd sd(path, false);
    setenv("NOTIFY_SOCKET", path.c_str(), 1);
    CHECK(mm::master::sd_notify("READY=1\nSTATUS=ok"));
    CHECK(sd.receive() == "READY=1\nSTATUS=ok");
  }
  unlink(path.c_str());
  std::string abstract = "@mm-notify-" + std::to_string(getpid());
  FakeSystemd sd(abstract, true);
  setenv("NOTIFY_SOCKET", abstract.c_str(), 1);
  CHECK(mm::master::sd_notify("STOPPING=1"));
  CHECK(sd.receive() == "STOPPING=1");
  unsetenv("NOTIFY_SOCKET");
}

TEST_CASE("without NOTIFY_SOCKET it does nothing, with a bad one it fails") {
  unsetenv("NOTIFY_SOCKET");
  CHECK(mm::master::sd_notify("READY=1"));
  setenv("NOTIFY_SOCKET", "relative/path", 1);
  CHECK_FALSE(mm::master::sd_notify("READY=1"));
  unsetenv("NOTIFY_SOCKET");
}
