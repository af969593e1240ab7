#pragma once
// A worker process: one libuv loop that accepts on its slot's listening sockets, runs every
// connection through the framer into the handler, obeys the master's control channel, and
// stops cleanly.

#include <uv.h>

#include <cstdint>
#include <map>
#include <memory>
#include <vector>

#include "common/control.h"
#include "common/intrusive_list.h"
#include "common/shared_counters.h"
#include "common/signal_watch.h"
#include "config/config.h"
#include "worker/bus.h"
#include "worker/connection.h"
#include "worker/handler.h"

namespace mm::worker {

// Everything a worker starts with; filled in by the master before fork.
struct WorkerStart {
  unsigned slot = 0;
  pid_t master_pid = 0;
  config::Config config;
  int control_fd = -1;
  std::vector<std::pair<uint32_t, int>> listeners;  // (listener id, listening fd)
  common::SharedCounters* counters = nullptr;       // shared with every worker
  HandlerFactory factory = nullptr;
};

// Exit codes a worker returns to the master.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFatal = 78;  // EX_CONFIG: do not respawn

class Worker {
 public:
  Worker(uv_loop_t* loop, WorkerStart& start);
  Worker(const Worker&) = delete;
  Worker& operator=(const Worker&) = delete;
  ~Worker();

  // Runs the loop until the worker has stopped; returns the process exit code.
  int run();

  // For connections.
  uv_loop_t* loop() { return loop_; }
  Handler& handler() { return *handler_; }
  Bus& bus() { return *bus_; }
  // A connection handed over by another worker: its socket is pending on `pipe`.
  void adopt_handed(uv_stream_t* pipe, unsigned hops, std::span<const uint8_t> bytes);
  const config::Config& config() const { return config_; }
  uv_buf_t read_buffer() { return uv_buf_init(read_buffer_.get(), kReadBufferSize); }
  void mark_dirty(TcpConnection& c);
  void touched(TcpConnection& c);       // input arrived
  void framed_first(TcpConnection& c);  // the first whole packet arrived
  void closing(TcpConnection& c);       // close() began: flushing, bounded by the linger time
  void lingering(TcpConnection& c);     // flushed and FIN sent: waiting for the peer's EOF
  void watch_input(TcpConnection& c);   // (re)files c in the timing wheel by its input timeout
  void unlink(TcpConnection& c);        // leaves every list; closing
  void closed(TcpConnection& c);        // from the close callback
  // Output buffers are lent to connections while they have output queued: an idle connection
  // holds none, and a busy one takes back a warm buffer instead of allocating.
  std::unique_ptr<std::vector<uint8_t>> take_output_buffer();
  void give_output_buffer(std::unique_ptr<std::vector<uint8_t>>& b);  // leaves b null

  static constexpr size_t kReadBufferSize = 64 * 1024;

 private:
  struct Listener {
    Worker* worker;
    uint32_t id;
    uv_tcp_t tcp;  // data points to this Listener
  };
  static void close_listener_handle(std::unique_ptr<Listener> l);

  int start();
  int adopt_listener(uint32_t id, int fd);
  int listen_on(Listener& l);
  void on_members(const std::string& payload);
  void close_listener(uint32_t id);
  void on_control(common::ControlMessage& msg);
  void apply_config(const std::string& json);
  void accept_one(uv_stream_t* server);
  void tick();
  void expire(uint64_t now);
  void expire_wheel(uint64_t now);
  void stop(double deadline_seconds);
  void maybe_finish();
  void flush_dirty();
  size_t connection_limit() const;
  TcpConnection* new_connection();
  bool over_limit() const;

  uv_loop_t* loop_;
  unsigned slot_;
  config::Config config_;
  common::SharedCounters* counters_;
  std::unique_ptr<Bus> bus_;
  std::unique_ptr<Handler> handler_;
  std::unique_ptr<char[]> read_buffer_;
  std::unique_ptr<common::ControlChannel> control_;
  common::SignalWatch signals_;
  std::map<uint32_t, std::unique_ptr<Listener>> listeners_;
  std::vector<std::pair<uint32_t, int>> initial_listeners_;
  uv_timer_t tick_timer_;
  uv_timer_t deadline_timer_;
  uv_prepare_t flush_prepare_;
  uv_check_t flush_check_;
  common::IntrusiveList<TcpConnection, PhaseTag> active_;   // open
  common::IntrusiveList<TcpConnection, PhaseTag> closing_;  // flushing or lingering
  common::IntrusiveList<TcpConnection, TimerTag> connecting_;
  common::IntrusiveList<TcpConnection, DirtyTag> dirty_;
  // Input timeouts of any length: a hashed timing wheel of kWheelSlots buckets of one tick.
  // A connection sits in the bucket of its deadline as computed when it was filed; input
  // does not move it (no cost per packet): when its bucket comes round it is checked and
  // re-filed if input arrived meanwhile. Only after the first packet: until then the
  // connect timeout applies (connecting_ shares the hook).
  static constexpr size_t kWheelSlots = 1024;
  std::unique_ptr<common::IntrusiveList<TcpConnection, TimerTag>[]> wheel_;
  uint64_t wheel_tick_ = 0;  // ticks since the loop started, of the bucket handled last
  size_t connections_ = 0;   // accepted and not yet freed
  // At most kSpareOutput, each cleared, holding at most kSpareOutputBytes in all: enough for
  // a fan-out to a thousand subscribers to write without allocating, bounded in memory.
  std::vector<std::unique_ptr<std::vector<uint8_t>>> spare_output_;
  size_t spare_output_bytes_ = 0;  // the capacity of the spare buffers
  static constexpr size_t kSpareOutput = 1024;
  static constexpr size_t kSpareOutputBytes = 1024 * 1024;
  static constexpr size_t kSpareOutputCapacity = 64 * 1024;  // larger ones are freed
  uint64_t next_id_ = 1;
  bool stopping_ = false;
  bool serving_ = false;  // the master has announced this slot: listeners accept
  bool finished_ = false;
  int exit_code_ = kExitOk;
};

// The first function of a freshly forked worker: the post-fork checklist (signals, descriptors,
// parent-death signal, fresh loop), then the worker's loop. Returns the exit code for _exit().
int worker_main(WorkerStart& start) noexcept;

}  // namespace mm::worker
