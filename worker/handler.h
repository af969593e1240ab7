#pragma once
// The handler seam: what a worker calls for every connection. The worker owns sockets,
// framing, timeouts and output buffering; a Handler sees connections and whole packets.
// Swoole's onConnect / onReceive / onClose, in C++.
//
// Contract:
// - Every call happens on the worker's loop thread, and no exception may escape a call.
// - on_receive() gets exactly one whole MQTT control packet (fixed header included); the
//   bytes are valid only during the call.
// - A Connection& stays valid from on_connect() until on_close() returns; after close() or
//   abort() no further on_receive() arrives for it, and on_close() follows.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>

namespace mm::config {
struct Config;
}
namespace mm::common {
class SharedCounters;
}

struct uv_loop_s;

namespace mm::worker {

class Connection {
 public:
  virtual ~Connection() = default;
  virtual uint64_t id() const = 0;  // unique within the worker's lifetime
  // "127.0.0.1:53412", asked of the socket (not kept: it would cost every connection 32
  // bytes for a string read only by log lines); "?:0" once the socket is closed.
  virtual std::string peer() const = 0;
  // Queues bytes for the peer; written once per loop iteration. Returns false (and starts
  // closing the connection) when the peer's output bound (socket_buffer_size) is exceeded.
  virtual bool send(std::span<const uint8_t> bytes) = 0;
  // Writes what is queued, then closes. No further input is delivered.
  virtual void close() = 0;
  // Closes at once, discarding queued output (peer misbehaved badly or must be cut off).
  virtual void abort() = 0;
  // Expects input at least every `ms` milliseconds (0 = no expectation); when none arrives in
  // time, the handler's on_timeout() is called. MQTT keep alive: 1.5 x Keep Alive.
  virtual void set_input_timeout(uint32_t ms) = 0;
  // Bytes queued for the peer and not yet written to the socket.
  virtual size_t queued_bytes() const = 0;
  // Moves this connection to the worker of `slot`; allowed only inside on_receive() of its
  // first packet. The socket and every byte read so far (this packet and any after it) go to
  // that worker, whose handler starts afresh: on_connect(), then on_receive() of this packet.
  // Here on_receive() should return at once; no further input arrives and on_close() follows.
  // False (and nothing changes) when there is no link to `slot` or it is not allowed now.
  virtual bool hand_over(unsigned slot) = 0;
  // How many times the connection was handed over before it reached this worker.
  virtual unsigned hops() const = 0;
  // The handler's own per-connection state.
  void* user_data = nullptr;
};

// The other workers of this server as a handler sees them: messages between the handlers of
// different slots. Today it is Unix-domain socketpairs between the workers of one machine
// (worker/bus.*); the interface is what a transport between machines would implement.
class PeerBus {
 public:
  virtual ~PeerBus() = default;
  virtual unsigned self() const = 0;
  // The slots serving now, ascending: those the master announced whose link is up, and this
  // slot while it serves (a retiring worker is not a member).
  virtual std::span<const unsigned> members() const = 0;
  virtual bool linked(unsigned slot) const = 0;
  // Queues one message for the handler of `slot` (its on_peer_message()); messages to a slot
  // arrive in the order sent, written in batches once per loop iteration. False when there is
  // no link to `slot`.
  virtual bool send(unsigned slot, std::span<const uint8_t> msg) = 0;
};

struct WorkerInfo {
  unsigned slot = 0;        // stable worker identity 0..worker_num-1
  unsigned worker_num = 1;  // slots in the current configuration
  uv_loop_s* loop = nullptr;
  PeerBus* bus = nullptr;                      // the other workers; lives as long as the handler
  common::SharedCounters* counters = nullptr;  // server-wide figures (common/shared_counters.h)
};

class Handler {
 public:
  virtual ~Handler() = default;
  virtual void on_connect(Connection& conn) = 0;
  virtual void on_receive(Connection& conn, std::span<const uint8_t> packet) = 0;
  virtual void on_close(Connection& conn) = 0;
  // The stream cannot be framed (a fifth Remaining Length byte, or a packet over the limit):
  // a chance to answer (MQTT 5: DISCONNECT 0x81 or 0x95) before the worker closes it.
  virtual void on_frame_error(Connection& conn, bool too_large) {
    (void)conn;
    (void)too_large;
  }
  // No input within the connection's input timeout. The default closes at once.
  virtual void on_timeout(Connection& conn) { conn.abort(); }
  // The worker is stopping (shutdown, retirement): last chance to send, e.g. MQTT 5
  // DISCONNECT 0x8B. The connection is closed after this returns false; true keeps it open
  // (its goodbye waits on something, e.g. another worker) until the handler closes it or the
  // stop deadline (shutdown_timeout) does.
  virtual bool on_shutdown(Connection& conn) {
    (void)conn;
    return false;
  }
  // Every connection is gone and the worker's loop is about to end: close the handler's own
  // libuv handles here. The handler is destroyed after the loop has run dry.
  virtual void on_stop() {}
  // A reload changed settings that workers take live.
  virtual void on_config(const config::Config& cfg) { (void)cfg; }
  // The bus (WorkerInfo::bus): a link to `slot` came up (a worker started, or this one did)
  // or went down (that worker is gone); a message from the handler of `slot`; the members
  // changed (a worker joined or left, or worker_num changed).
  virtual void on_peer_up(unsigned slot) { (void)slot; }
  virtual void on_peer_down(unsigned slot) { (void)slot; }
  virtual void on_peer_message(unsigned slot, std::span<const uint8_t> msg) {
    (void)slot;
    (void)msg;
  }
  virtual void on_members() {}
};

// Builds the handler a worker runs; the default is set by the binary (main).
using HandlerFactory = std::unique_ptr<Handler> (*)(const config::Config&, const WorkerInfo&);

}  // namespace mm::worker
