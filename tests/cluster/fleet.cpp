#include "tests/cluster/fleet.h"

#include <poll.h>

#include <cstring>

namespace mm::test::cluster {

size_t Fleet::add(ConnSpec spec) {
  conns_.emplace_back(std::move(spec));
  return conns_.size() - 1;
}

std::vector<uint16_t> Fleet::local_ports() const {
  std::vector<uint16_t> out;
  for (const Conn& c : conns_) {
    if (c.state() != ConnState::down) out.push_back(c.local_port());
  }
  return out;
}

void Fleet::open(size_t i, std::vector<FleetEvent>& out) {
  int err = conns_[i].open(port_);
  if (err != 0) {
    // A connect refused or reset outright is an attempt that failed before CONNACK, like a
    // reset after it (the accept queue of a retiring worker's socket: ARCHITECTURE.md).
    out.push_back(
        {i, {ConnEvent::Kind::lost, {}, 0, kBeforeConnack + "connect: " + std::strerror(err)}});
  }
}

void Fleet::step(int timeout_ms, std::vector<FleetEvent>& out) {
  std::vector<pollfd> fds;
  std::vector<size_t> index;
  for (size_t i = 0; i < conns_.size(); ++i) {
    Conn& c = conns_[i];
    if (c.state() == ConnState::down) continue;
    short events = POLLIN;
    if (c.wants_write()) events |= POLLOUT;
    fds.push_back({c.fd(), events, 0});
    index.push_back(i);
  }
  if (poll(fds.data(), fds.size(), timeout_ms) <= 0) return;
  std::vector<ConnEvent> events;
  for (size_t k = 0; k < fds.size(); ++k) {
    Conn& c = conns_[index[k]];
    events.clear();
    if (fds[k].revents & (POLLIN | POLLERR | POLLHUP)) c.on_readable(events);
    if (c.state() != ConnState::down) c.on_writable(events);
    for (ConnEvent& e : events) out.push_back({index[k], std::move(e)});
  }
}

}  // namespace mm::test::cluster
