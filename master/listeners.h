#pragma once
// The master's listening sockets: one SO_REUSEPORT socket per (listener, worker slot), bound
// and listening before any worker is forked and kept open by the master for as long as the
// slot exists. A respawned worker inherits its slot's sockets, so the connections waiting in
// their accept queues survive a worker crash.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "config/config.h"

namespace mm::master {

struct BoundListener {
  uint32_t id = 0;        // stable across reloads; workers know listeners by it
  config::Listener spec;  // as configured (port may be 0)
  uint16_t port = 0;      // the port actually bound
  std::vector<int> fds;   // by slot; -1 where not bound
};

// Binds one listening socket. Returns the descriptor or -errno; *port gets the bound port.
int bind_listener(const std::string& host, uint16_t port, uint16_t* bound_port);

class ListenerSet {
 public:
  ListenerSet() = default;
  ListenerSet(const ListenerSet&) = delete;
  ListenerSet& operator=(const ListenerSet&) = delete;
  ~ListenerSet();

  // Binds a new listener for slots [0, slots). Returns an error text, "" on success.
  std::string add(const config::Listener& spec, unsigned slots);
  // Binds every listener for a new slot. Returns an error text, "" on success.
  std::string add_slot(unsigned slot);
  void close_slot(unsigned slot);
  void remove(uint32_t id);

  std::vector<BoundListener>& all() { return listeners_; }
  const BoundListener* find(const config::Listener& spec) const;
  std::vector<std::pair<uint32_t, int>> fds_for_slot(unsigned slot) const;

 private:
  std::string bind_slot(BoundListener& l, unsigned slot);

  std::vector<BoundListener> listeners_;
  uint32_t next_id_ = 1;
};

}  // namespace mm::master
