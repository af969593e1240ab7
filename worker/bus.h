#pragma once
// The inter-worker bus of one machine: a SOCK_STREAM socketpair between every two workers,
// made by the master and handed to both ends over their control channels (bus_peer), opened
// here as libuv IPC pipes. On each link travel frames:
//
//   u32 length (little-endian, of what follows) | u8 type | body
//   type 0  message:   body = the bytes a handler gave to send()
//   type 1  hand-over: body = u8 hops | the bytes read from the connection so far;
//                      the connection's socket travels with the frame's first byte (SCM_RIGHTS)
//
// Messages are appended to the link's output and written in one uv_write per loop iteration
// (flush()); a hand-over flushes what is queued first and goes out with its own uv_write2, so
// that frames keep their order. A link that fails or reaches EOF is closed: the worker at the
// other end is gone.

#include <uv.h>

#include <cstdint>
#include <map>
#include <memory>
#include <span>
#include <vector>

#include "worker/handler.h"

namespace mm::worker {

class Worker;
class TcpConnection;

class Bus final : public PeerBus {
 public:
  Bus(Worker& worker, unsigned self);
  Bus(const Bus&) = delete;
  Bus& operator=(const Bus&) = delete;
  ~Bus() override;

  // PeerBus
  unsigned self() const override { return self_; }
  std::span<const unsigned> members() const override { return members_; }
  bool linked(unsigned slot) const override;
  bool send(unsigned slot, std::span<const uint8_t> msg) override;

  // The master's side of things: a new link (replacing any old one to that slot), and the
  // slots it says serve.
  void add_peer(unsigned slot, int fd);
  void set_members(std::vector<unsigned> announced);
  bool announced_self() const;

  // Sends the socket of `conn` (which stops reading) and `bytes` to `slot`; when the kernel
  // has them, `conn` is closed here.
  bool hand_over(unsigned slot, TcpConnection& conn, unsigned hops, std::span<const uint8_t> bytes);
  void flush();
  // Closes every link once its queued output is written (the loop runs until then).
  void close();
  size_t open_links() const { return peers_.size(); }

 private:
  struct Peer;
  struct Write;

  static void on_alloc(uv_handle_t* h, size_t suggested, uv_buf_t* buf) noexcept;
  static void on_read(uv_stream_t* s, ssize_t nread, const uv_buf_t* buf) noexcept;
  static void on_write(uv_write_t* req, int status) noexcept;
  static void on_closed(uv_handle_t* h) noexcept;

  void parse(Peer& p);
  void frame(Peer& p, uint8_t type, std::span<const uint8_t> body);
  bool write_out(Peer& p);
  void drop(Peer& p, const char* why);
  void close_link(Peer& p);
  void recompute_members();

  Worker& worker_;
  unsigned self_;
  std::map<unsigned, std::unique_ptr<Peer>> peers_;  // open links by slot
  std::vector<Peer*> dirty_;
  size_t closing_ = 0;  // links closed and not yet freed
  std::vector<unsigned> announced_;
  std::vector<unsigned> members_;
  bool closing_all_ = false;
};

}  // namespace mm::worker
