#pragma once
// One client thread: a libuv loop and the clients it drives. The main thread adds the
// clients, starts the thread and then only moves RunState::phase forward and calls notify();
// the loop does the rest:
//   prepare (before each wait)  start connects (at most kMaxConnecting at once), pump the
//                               publishers, write every dirty connection once
//   wake (async)                a stream's window reopened: the next prepare pumps
//   tick (timer)                fixed-rate pacing every 1 ms, stall checks, PINGREQ

#include <uv.h>

#include <deque>
#include <memory>
#include <thread>
#include <vector>

#include "tests/bench/mqtt_bench/client.h"
#include "tests/bench/mqtt_bench/client_context.h"

namespace mm::bench {

class ClientThread {
 public:
  ClientThread(const Options& options, RunState& run, std::deque<Stream>& streams,
               const sockaddr_in& addr, double rate_per_publisher);
  ~ClientThread();
  ClientThread(const ClientThread&) = delete;
  ClientThread& operator=(const ClientThread&) = delete;

  // Before start(). Returns the thread's wake handle, for a publisher's stream.
  uv_async_t* add(ClientPlan plan);
  void start();
  void notify();  // the phase has changed
  void join();

  const ClientContext& context() const { return ctx_; }
  const std::vector<std::unique_ptr<Client>>& clients() const { return clients_; }

 private:
  static void on_prepare(uv_prepare_t* h) noexcept;
  static void on_command(uv_async_t* h) noexcept;
  static void on_tick(uv_timer_t* h) noexcept;
  void start_connects();
  bool pump(uint64_t now_ns);
  void flush_dirty();
  void enter(Phase phase);
  void close_all();

  uv_loop_t loop_{};
  uv_prepare_t prepare_{};
  uv_idle_t idle_{};  // active while a publisher stopped at its budget: poll must not wait
  uv_async_t wake_{};
  uv_async_t command_{};
  uv_timer_t tick_{};
  ClientContext ctx_;
  std::vector<std::unique_ptr<Client>> clients_;
  std::vector<Client*> publishers_;
  std::vector<Connection*> flushing_;
  size_t next_start_ = 0;
  Phase seen_ = Phase::setup;
  uint64_t last_ping_ns_ = 0;
  std::thread thread_;
};

}  // namespace mm::bench
