#include "master/listeners.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "common/log.h"

namespace mm::master {
namespace {

constexpr int kBacklog = 4096;

int set_flag(int fd, int level, int name) {
  int one = 1;
  return setsockopt(fd, level, name, &one, sizeof one);
}

}  // namespace

int bind_listener(const std::string& host, uint16_t port, uint16_t* bound_port) {
  sockaddr_storage ss{};
  socklen_t len;
  auto* v4 = reinterpret_cast<sockaddr_in*>(&ss);
  auto* v6 = reinterpret_cast<sockaddr_in6*>(&ss);
  if (inet_pton(AF_INET, host.c_str(), &v4->sin_addr) == 1) {
    v4->sin_family = AF_INET;
    v4->sin_port = htons(port);
    len = sizeof *v4;
  } else if (inet_pton(AF_INET6, host.c_str(), &v6->sin6_addr) == 1) {
    v6->sin6_family = AF_INET6;
    v6->sin6_port = htons(port);
    len = sizeof *v6;
  } else {
    return -EINVAL;
  }
  int fd = socket(ss.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) return -errno;
  bool ok = set_flag(fd, SOL_SOCKET, SO_REUSEADDR) == 0 &&
            set_flag(fd, SOL_SOCKET, SO_REUSEPORT) == 0 &&
            (ss.ss_family != AF_INET6 || set_flag(fd, IPPROTO_IPV6, IPV6_V6ONLY) == 0) &&
            bind(fd, reinterpret_cast<sockaddr*>(&ss), len) == 0 && listen(fd, kBacklog) == 0 &&
            getsockname(fd, reinterpret_cast<sockaddr*>(&ss), &len) == 0;
  if (!ok) {
    int err = errno;
    close(fd);
    return -err;
  }
  *bound_port = ntohs(ss.ss_family == AF_INET6 ? v6->sin6_port : v4->sin_port);
  return fd;
}

ListenerSet::~ListenerSet() {
  for (auto& l : listeners_) {
    for (int fd : l.fds) {
      if (fd >= 0) close(fd);
    }
  }
}

std::string ListenerSet::bind_slot(BoundListener& l, unsigned slot) {
  if (l.fds.size() <= slot) l.fds.resize(slot + 1, -1);
  if (l.fds[slot] >= 0) return "";
  // Port 0: the first socket picks the port, the others join it.
  uint16_t want = l.port != 0 ? l.port : l.spec.port;
  uint16_t got = 0;
  int fd = bind_listener(l.spec.host, want, &got);
  if (fd < 0) {
    return "cannot listen on " + l.spec.host + ":" + std::to_string(want) + ": " + strerror(-fd);
  }
  l.fds[slot] = fd;
  if (l.port == 0) {
    l.port = got;
    LOG_INFO("listening on %s port %u%s", l.spec.host.c_str(), got,
             l.spec.port == 0 ? " (ephemeral)" : "");
  }
  return "";
}

std::string ListenerSet::add(const config::Listener& spec, unsigned slots) {
  BoundListener l;
  l.id = next_id_++;
  l.spec = spec;
  for (unsigned s = 0; s < slots; ++s) {
    if (std::string err = bind_slot(l, s); !err.empty()) {
      for (int fd : l.fds) {
        if (fd >= 0) close(fd);
      }
      return err;
    }
  }
  listeners_.push_back(std::move(l));
  return "";
}

std::string ListenerSet::add_slot(unsigned slot) {
  for (auto& l : listeners_) {
    if (std::string err = bind_slot(l, slot); !err.empty()) return err;
  }
  return "";
}

void ListenerSet::close_slot(unsigned slot) {
  for (auto& l : listeners_) {
    if (slot < l.fds.size() && l.fds[slot] >= 0) {
      close(l.fds[slot]);
      l.fds[slot] = -1;
    }
  }
}

void ListenerSet::remove(uint32_t id) {
  for (auto it = listeners_.begin(); it != listeners_.end(); ++it) {
    if (it->id != id) continue;
    for (int fd : it->fds) {
      if (fd >= 0) close(fd);
    }
    listeners_.erase(it);
    return;
  }
}

const BoundListener* ListenerSet::find(const config::Listener& spec) const {
  for (const auto& l : listeners_) {
    if (l.spec == spec) return &l;
  }
  return nullptr;
}

std::vector<std::pair<uint32_t, int>> ListenerSet::fds_for_slot(unsigned slot) const {
  std::vector<std::pair<uint32_t, int>> out;
  for (const auto& l : listeners_) {
    if (slot < l.fds.size() && l.fds[slot] >= 0) out.emplace_back(l.id, l.fds[slot]);
  }
  return out;
}

}  // namespace mm::master
