#pragma once
// One client TCP connection inside a worker: reads into the worker's shared buffer, frames
// whole packets for the handler (copying only an incomplete packet's bytes), queues output and
// writes it once per loop iteration, and closes cleanly (flush, FIN, drain the peer's last
// bytes) so that a final CONNACK or DISCONNECT is not lost to a TCP reset.

#include <uv.h>

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "common/intrusive_list.h"
#include "worker/assembler.h"
#include "worker/handler.h"

namespace mm::worker {

class Worker;

// The worker's lists. A hook costs 16 bytes in every connection, so lists a connection is
// never on at the same time share one: it is active while open, then closing; it waits for
// its first packet (CONNECT) before its input timeout applies. Every connection accepted and
// not yet closed (but one being handed over) is on the phase hook: active or closing.
struct PhaseTag {};  // open: active, least recent input first; closing (flushing, then
                     // waiting for the peer's EOF): by the start of that stage, oldest first
struct TimerTag {};  // before the first whole packet: connecting, oldest first; after it,
                     // with an input timeout: in one bucket of the worker's timing wheel
struct DirtyTag {};  // has output to write at the end of this loop iteration

class TcpConnection final : public Connection,
                            public common::ListHook<PhaseTag>,
                            public common::ListHook<TimerTag>,
                            public common::ListHook<DirtyTag> {
 public:
  // handing: its socket is on the way to another worker (hand_over), then closed here.
  enum class State : uint8_t { open, draining, lingering, handing, closed };

  TcpConnection(Worker& worker, uint64_t id);
  TcpConnection(const TcpConnection&) = delete;
  TcpConnection& operator=(const TcpConnection&) = delete;

  uv_tcp_t* handle() { return &tcp_; }
  // Called once the socket is accepted: hands the connection to the handler and starts reading.
  void start();
  // The same for a socket handed over by another worker, with the bytes it had read.
  void start_handed(unsigned hops, std::span<const uint8_t> bytes);
  // The socket went out to another worker (or could not): closes this side.
  void finish_hand_over();

  // Connection
  uint64_t id() const override { return id_; }
  std::string peer() const override;
  bool send(std::span<const uint8_t> bytes) override;
  void close() override;
  void abort() override;
  void set_input_timeout(uint32_t ms) override;
  size_t queued_bytes() const override { return queued(); }
  bool hand_over(unsigned slot) override;
  unsigned hops() const override { return hops_; }
  uint32_t input_timeout() const { return input_timeout_; }
  bool framed_one() const { return framed_one_; }  // the first packet has arrived

  void flush();      // writes queued output (end of loop iteration)
  void close_now();  // uv_close; on_close and delete follow
  State state() const { return state_; }
  uint64_t last_input() const { return last_input_; }
  // Accept time; when closing, the start of flushing, then of lingering.
  uint64_t since() const { return since_; }
  size_t queued() const;
  bool has_output() const { return out_ && !out_->empty(); }

 private:
  struct PendingWrite {
    uv_write_t req;
    std::vector<uint8_t> bytes;
  };

  static void on_alloc(uv_handle_t* h, size_t suggested, uv_buf_t* buf) noexcept;
  static void on_read(uv_stream_t* s, ssize_t nread, const uv_buf_t* buf) noexcept;
  static void on_write(uv_write_t* req, int status) noexcept;
  static void on_shutdown(uv_shutdown_t* req, int status) noexcept;
  static void on_closed(uv_handle_t* h) noexcept;

  void feed(std::span<const uint8_t> data);
  void frame_error(bool too_large);
  void send_over(std::span<const uint8_t> packet, std::span<const uint8_t> data, size_t held);
  void begin_shutdown();

  // Ordered by alignment: an idle connection is mostly this object (see ARCHITECTURE.md).
  // The worker, through the loop it owns (uv_loop_t::data): not a member, 8 bytes fewer.
  Worker& worker() const { return *static_cast<Worker*>(tcp_.loop->data); }

  uv_tcp_t tcp_;
  uint64_t id_;
  PacketAssembler assembler_;
  // Queued, not yet handed to the kernel: lent by the worker while there is output (a
  // pointer, so an idle connection pays 8 bytes for it, not a vector's 24).
  std::unique_ptr<std::vector<uint8_t>> out_;
  std::unique_ptr<PendingWrite> writing_;
  std::unique_ptr<uv_shutdown_t> shutdown_req_;  // made when closing, not for every connection
  uint64_t last_input_ = 0;
  uint64_t since_ = 0;
  uint32_t input_timeout_ = 0;
  State state_ = State::open;
  bool handler_knows_ = false;  // on_connect was called, so on_close is owed
  bool framed_one_ = false;     // the first packet (CONNECT) has arrived
  bool in_first_ = false;       // inside on_receive() of the first packet
  unsigned hops_ = 0;           // hand-overs before this worker
  unsigned hand_to_ = 0;        // the slot, when handing
};

}  // namespace mm::worker
