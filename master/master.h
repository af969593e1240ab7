#pragma once
// The master process: owns the configuration, the listening sockets, the workers' lifecycle
// and their control channels; never speaks MQTT. Runs its own libuv loop; signals arrive
// through a signalfd and are acted on from the loop (master/signals.h is the table).

#include <uv.h>

#include <memory>
#include <set>
#include <string>
#include <vector>

#include "common/control.h"
#include "common/shared_counters.h"
#include "common/signal_watch.h"
#include "config/config.h"
#include "master/listeners.h"
#include "master/signals.h"
#include "master/supervisor.h"
#include "worker/handler.h"

namespace mm::master {

class Master {
 public:
  Master(std::string config_path, config::Config cfg, worker::HandlerFactory factory);
  Master(const Master&) = delete;
  Master& operator=(const Master&) = delete;
  ~Master();

  // Binds, forks the workers and runs until stopped. Returns the process exit code.
  int run();

 private:
  struct Slot {
    SlotRecord rec;
    std::unique_ptr<common::ControlChannel> channel;
    bool revive = false;  // retiring, but worker_num grew again: respawn when it exits
  };

  int start();
  void on_signal(int signo);
  void spawn(unsigned slot);
  void on_worker_message(unsigned slot, uint64_t generation, common::ControlMessage& msg);
  void drop_channel(Slot& s);
  void reap();
  void handle_exit(Slot& s, int wstatus);
  void tick();
  void broadcast(common::ControlType type, const std::string& payload = {});
  void link_to_peers(unsigned slot);
  void announce_members();

  void reload();
  bool bind_new_listeners(const config::Config& next, std::vector<uint32_t>* added);
  void apply_listeners(const config::Config& next, const std::vector<uint32_t>& added);
  void apply_live(const config::Config& next);
  void apply_worker_num(unsigned next);

  void stop();
  void kill_all();
  void maybe_finish();
  void close_handles();
  void notify_ready_if_done();
  unsigned live_workers() const;
  unsigned serving_workers() const;
  double now() const;

  uv_loop_t loop_;
  std::string config_path_;
  config::Config config_;
  worker::HandlerFactory factory_;
  SupervisorPolicy policy_;
  common::SignalWatch signals_;
  ListenerSet listeners_;
  std::vector<Slot> slots_;
  uv_timer_t tick_timer_;
  uv_timer_t kill_timer_;
  std::set<unsigned> awaiting_ready_;
  uint32_t members_epoch_ = 0;
  common::SharedCounters* counters_ = nullptr;  // mapped once, shared with every worker
  bool notify_when_ready_ = false;
  bool stopping_ = false;
  bool finished_ = false;
  int exit_code_ = 0;
};

}  // namespace mm::master
