#include "master/master.h"

#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>

#include "common/log.h"
#include "common/version.h"
#include "config/keys.h"
#include "config/loader.h"
#include "config/table.h"
#include "master/pid_file.h"
#include "master/sd_notify.h"
#include "worker/worker.h"

namespace mm::master {
namespace {

constexpr uint64_t kTickMs = 50;

}  // namespace

Master::Master(std::string config_path, config::Config cfg, worker::HandlerFactory factory)
    : config_path_(std::move(config_path)), config_(std::move(cfg)), factory_(factory) {
  uv_loop_init(&loop_);
  uv_timer_init(&loop_, &tick_timer_);
  uv_timer_init(&loop_, &kill_timer_);
  tick_timer_.data = kill_timer_.data = this;
}

Master::~Master() {
  uv_run(&loop_, UV_RUN_NOWAIT);
  if (uv_loop_close(&loop_) != 0) LOG_ERROR("master loop closed with handles still open");
}

double Master::now() const {
  return static_cast<double>(uv_hrtime()) / 1e9;
}

int Master::run() {
  if (int rc = start(); rc != 0) {
    close_handles();  // nothing was forked; the loop must still end with every handle closed
    uv_run(&loop_, UV_RUN_DEFAULT);
    return rc;
  }
  uv_run(&loop_, UV_RUN_DEFAULT);
  return exit_code_;
}

int Master::start() {
  LOG_INFO("mqtt-master %s starting: %u workers, %zu listeners", common::kVersion,
           config_.worker_num, config_.listeners.size());
  std::vector<int> signos;
  int rc = signals_.start(&loop_, {SIGHUP, SIGTERM, SIGINT, SIGUSR1, SIGCHLD},
                          [this](int signo) { on_signal(signo); });
  if (rc != 0) {
    LOG_ERROR("cannot watch signals: %s", strerror(-rc));
    return 1;
  }
  signal(SIGPIPE, SIG_IGN);
  if (std::string err = write_pid_file(config_.pid_file); !err.empty()) {
    LOG_ERROR("cannot write pid file %s", err.c_str());
    return 1;
  }
  for (const auto& l : config_.listeners) {
    if (std::string err = listeners_.add(l, config_.worker_num); !err.empty()) {
      LOG_ERROR("%s", err.c_str());
      remove_pid_file(config_.pid_file);
      return 1;
    }
  }
  counters_ = common::SharedCounters::create(config::kMaxWorkers);
  if (counters_ == nullptr) LOG_WARN("no shared counters: each worker limits its own share");
  slots_.resize(config_.worker_num);
  notify_when_ready_ = true;
  for (unsigned s = 0; s < config_.worker_num; ++s) {
    slots_[s].rec.slot = s;
    spawn(s);
  }
  uv_timer_start(
      &tick_timer_, [](uv_timer_t* t) noexcept { static_cast<Master*>(t->data)->tick(); }, kTickMs,
      kTickMs);
  return 0;
}

void Master::on_signal(int signo) {
  const SignalSpec* spec = find_signal(signo);
  if (spec == nullptr) return;
  if (spec->action != SignalAction::reap) LOG_INFO("%s: %s", spec->name, spec->doc);
  switch (spec->action) {
    case SignalAction::reload:
      if (!stopping_) reload();
      break;
    case SignalAction::stop:
      if (stopping_) {
        LOG_WARN("%s again while stopping: killing the workers now", spec->name);
        kill_all();
      }
      stop();
      break;
    case SignalAction::reopen_logs:
      common::log_reopen();
      broadcast(common::ControlType::reopen_logs);
      break;
    case SignalAction::reap:
      reap();
      break;
  }
}

void Master::spawn(unsigned slot) {
  Slot& s = slots_[slot];
  int fds[2];
  if (int rc = common::control_socketpair(fds); rc != 0) {
    LOG_ERROR("slot %u: no control channel: %s; retrying", slot, strerror(-rc));
    s.rec.state = SlotState::waiting;
    s.rec.next_start = now() + 1;
    return;
  }
  worker::WorkerStart ws;
  ws.slot = slot;
  ws.master_pid = getpid();
  ws.config = config_;
  ws.control_fd = fds[1];
  ws.listeners = listeners_.fds_for_slot(slot);
  ws.factory = factory_;
  ws.counters = counters_;
  if (counters_ != nullptr) counters_->use_slot(slot);
  pid_t pid = fork();
  if (pid == 0) _exit(worker::worker_main(ws));
  close(fds[1]);
  if (pid < 0) {
    LOG_ERROR("slot %u: fork failed: %s; retrying", slot, strerror(errno));
    close(fds[0]);
    s.rec.state = SlotState::waiting;
    s.rec.next_start = now() + 1;
    return;
  }
  s.rec.pid = pid;
  s.rec.generation++;
  s.rec.state = SlotState::starting;
  s.rec.started_at = now();
  uint64_t gen = s.rec.generation;
  s.channel = std::make_unique<common::ControlChannel>(
      &loop_, fds[0],
      [this, slot, gen](common::ControlMessage& m) { on_worker_message(slot, gen, m); },
      [slot](int error) {
        LOG_DEBUG("slot %u: control channel closed (%s)", slot, error ? strerror(-error) : "EOF");
      });
  s.channel->start();
  link_to_peers(slot);
  awaiting_ready_.insert(slot);
  LOG_INFO("slot %u: worker %d started (generation %llu)", slot, pid,
           static_cast<unsigned long long>(gen));
}

void Master::on_worker_message(unsigned slot, uint64_t generation, common::ControlMessage& msg) {
  if (slot >= slots_.size() || slots_[slot].rec.generation != generation) return;
  Slot& s = slots_[slot];
  if (msg.type != common::ControlType::ready) {
    LOG_WARN("slot %u: unexpected %s message", slot, common::control_type_name(msg.type));
    return;
  }
  if (s.rec.state == SlotState::starting) s.rec.state = SlotState::ready;
  awaiting_ready_.erase(slot);
  announce_members();
  notify_ready_if_done();
}

void Master::notify_ready_if_done() {
  if (!notify_when_ready_ || !awaiting_ready_.empty() || stopping_) return;
  notify_when_ready_ = false;
  std::string status = "STATUS=" + std::to_string(serving_workers()) + " workers serving";
  LOG_INFO("ready: %u workers serving", serving_workers());
  sd_notify("READY=1\n" + status);
}

unsigned Master::live_workers() const {
  unsigned n = 0;
  for (const Slot& s : slots_) n += s.rec.pid != 0 ? 1 : 0;
  return n;
}

// Live workers minus those retiring (worker_num went down): they no longer accept.
unsigned Master::serving_workers() const {
  unsigned n = 0;
  for (const Slot& s : slots_) n += s.rec.pid != 0 && s.rec.state != SlotState::retiring ? 1 : 0;
  return n;
}

void Master::drop_channel(Slot& s) {
  if (!s.channel) return;
  common::ControlChannel* ch = s.channel.release();
  ch->close([ch] { delete ch; });
}

void Master::broadcast(common::ControlType type, const std::string& payload) {
  for (Slot& s : slots_) {
    if (s.channel && s.rec.pid != 0) s.channel->send({type, 0, payload, -1});
  }
}

// The inter-worker bus (worker/bus.h): a stream socketpair between the new worker and every
// other running one, each end sent over its worker's control channel.
void Master::link_to_peers(unsigned slot) {
  for (Slot& other : slots_) {
    unsigned peer = other.rec.slot;
    if (peer == slot || other.rec.pid == 0 || !other.channel ||
        other.rec.state == SlotState::retiring || other.rec.state == SlotState::stopping) {
      continue;
    }
    int fds[2];
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, fds) != 0) {
      LOG_ERROR("slot %u: no bus link to slot %u: %s", slot, peer, strerror(errno));
      continue;
    }
    slots_[slot].channel->send({common::ControlType::bus_peer, peer, {}, fds[0]});
    other.channel->send({common::ControlType::bus_peer, slot, {}, fds[1]});
  }
}

// Tells every worker which slots serve (ready and not retiring): the set a client id's home
// is computed over. Not while stopping: nothing moves then.
void Master::announce_members() {
  if (stopping_) return;
  std::string payload;
  for (const Slot& s : slots_) {
    if (s.rec.pid == 0 || s.rec.state != SlotState::ready) continue;
    uint32_t v = s.rec.slot;
    payload.append(reinterpret_cast<const char*>(&v), sizeof v);
  }
  ++members_epoch_;
  for (Slot& s : slots_) {
    if (s.channel && s.rec.pid != 0) {
      s.channel->send({common::ControlType::members, members_epoch_, payload, -1});
    }
  }
}

void Master::reap() {
  int wstatus;
  pid_t pid;
  while ((pid = waitpid(-1, &wstatus, WNOHANG)) > 0) {
    bool found = false;
    for (Slot& s : slots_) {
      if (s.rec.pid == pid) {
        handle_exit(s, wstatus);
        found = true;
        break;
      }
    }
    if (!found) LOG_DEBUG("reaped unknown child %d", pid);
  }
  announce_members();
  maybe_finish();
}

void Master::handle_exit(Slot& s, int wstatus) {
  ExitStatus status = ExitStatus::from_wait(wstatus);
  pid_t pid = s.rec.pid;
  unsigned slot = s.rec.slot;
  drop_channel(s);
  if (counters_ != nullptr) counters_->reset_gauges(slot);
  bool revived = s.revive && s.rec.state == SlotState::retiring;
  if (!revived) awaiting_ready_.erase(slot);
  if (revived) s.rec.state = SlotState::ready;
  s.revive = false;
  ExitDecision d = on_exit(s.rec, status, now(), policy_);
  if (revived && d.action == ExitAction::respawn) {
    // Asked to retire, then wanted again by a later reload: a planned restart, not a fault.
    LOG_INFO("slot %u: worker %d retired (%s); starting its successor", slot, pid,
             status.describe().c_str());
    spawn(slot);
    return;
  }
  switch (d.action) {
    case ExitAction::stopped:
      LOG_INFO("slot %u: worker %d stopped (%s)", slot, pid, status.describe().c_str());
      break;
    case ExitAction::forget_slot:
      LOG_INFO("slot %u: worker %d retired (%s)", slot, pid, status.describe().c_str());
      listeners_.close_slot(slot);
      while (!slots_.empty() && slots_.back().rec.pid == 0 &&
             slots_.back().rec.slot >= config_.worker_num) {
        slots_.pop_back();
      }
      break;
    case ExitAction::give_up:
      LOG_ERROR("slot %u: worker %d exited with the fatal code %d: not respawning it", slot, pid,
                policy_.fatal_exit_code);
      if (live_workers() == 0) {
        LOG_ERROR("no worker left: stopping");
        exit_code_ = 1;
        stop();
      }
      break;
    case ExitAction::respawn: {
      double delay = d.at - now();
      if (d.loud) {
        LOG_ERROR("slot %u: worker %d died (%s): %u crashes in a row, next start in %.1f s", slot,
                  pid, status.describe().c_str(), s.rec.crash_streak, delay > 0 ? delay : 0);
      } else {
        LOG_WARN("slot %u: worker %d exited (%s): respawning", slot, pid,
                 status.describe().c_str());
      }
      if (delay <= 0) spawn(slot);
      break;
    }
  }
}

void Master::tick() {
  if (stopping_) return;
  double t = now();
  for (Slot& s : slots_) {
    if (s.rec.state == SlotState::waiting && s.rec.pid == 0 && s.rec.next_start <= t &&
        s.rec.slot < config_.worker_num) {
      spawn(s.rec.slot);
    }
  }
}

// Reload: build the new configuration beside the running one; on any error keep the old one
// and keep serving. Otherwise apply each change by its reload class.
void Master::reload() {
  sd_notify("RELOADING=1");
  config::LoadResult r = config::load_config_file(config_path_);
  if (!r.config) {
    for (const auto& e : r.errors) {
      LOG_ERROR("reload: %s: %s", config_path_.c_str(), config::format_error(e).c_str());
    }
    LOG_ERROR("reload failed (%zu errors): still running the previous configuration",
              r.errors.size());
    sd_notify("READY=1\nSTATUS=reload failed; running the previous configuration");
    return;
  }
  config::Config next = std::move(*r.config);
  std::vector<config::Change> changes = config::diff(config_, next);
  std::vector<uint32_t> added;
  if (!bind_new_listeners(next, &added)) {
    LOG_ERROR("reload failed: still running the previous configuration");
    sd_notify("READY=1\nSTATUS=reload failed; running the previous configuration");
    return;
  }
  for (const auto& c : changes) {
    LOG_INFO("reload: %s changed (%s)", c.key.c_str(), config::reload_class_name(c.reload));
  }
  if (changes.empty()) LOG_INFO("reload: configuration unchanged");
  unsigned worker_num = next.worker_num;
  apply_listeners(next, added);
  apply_live(next);
  config_ = std::move(next);
  apply_worker_num(worker_num);
  notify_when_ready_ = true;
  notify_ready_if_done();
}

// Binds the listeners the new configuration adds, for every current slot, before anything is
// changed: a port that cannot be bound fails the whole reload.
bool Master::bind_new_listeners(const config::Config& next, std::vector<uint32_t>* added) {
  unsigned slots = static_cast<unsigned>(slots_.size());
  for (const auto& l : next.listeners) {
    if (listeners_.find(l) != nullptr) continue;
    if (std::string err = listeners_.add(l, slots); !err.empty()) {
      LOG_ERROR("reload: %s", err.c_str());
      for (uint32_t id : *added) listeners_.remove(id);
      added->clear();
      return false;
    }
    added->push_back(listeners_.all().back().id);
  }
  return true;
}

void Master::apply_listeners(const config::Config& next, const std::vector<uint32_t>& added) {
  for (uint32_t id : added) {
    for (const auto& l : listeners_.all()) {
      if (l.id != id) continue;
      for (Slot& s : slots_) {
        if (!s.channel || s.rec.pid == 0 || s.rec.slot >= l.fds.size()) continue;
        s.channel->send({common::ControlType::add_listener, id, {}, dup(l.fds[s.rec.slot])});
      }
    }
  }
  std::vector<uint32_t> removed;
  for (const auto& l : listeners_.all()) {
    bool kept = false;
    for (const auto& n : next.listeners) kept = kept || n == l.spec;
    if (!kept) removed.push_back(l.id);
  }
  for (uint32_t id : removed) {
    for (Slot& s : slots_) {
      if (s.channel && s.rec.pid != 0)
        s.channel->send({common::ControlType::remove_listener, id, {}, -1});
    }
    listeners_.remove(id);
  }
}

// Keys that running processes take as they are: the master's own, then the workers'.
void Master::apply_live(const config::Config& next) {
  if (next.log_file != config_.log_file) common::log_open(next.log_file);
  common::log_set_level(next.log_level);
  if (next.pid_file != config_.pid_file) {
    if (std::string err = write_pid_file(next.pid_file); !err.empty()) {
      LOG_ERROR("reload: cannot write pid file %s", err.c_str());
    } else {
      remove_pid_file(config_.pid_file);
    }
  }
  broadcast(common::ControlType::config, config::to_json(next));
}

void Master::apply_worker_num(unsigned next) {
  unsigned have = static_cast<unsigned>(slots_.size());
  if (next > have) slots_.resize(next);
  for (unsigned s = 0; s < next; ++s) {
    Slot& slot = slots_[s];
    slot.rec.slot = s;
    if (slot.rec.state == SlotState::retiring && slot.rec.pid != 0) {
      slot.revive = true;         // still exiting: respawned when it is gone
      awaiting_ready_.insert(s);  // READY=1 waits for its successor
      continue;
    }
    // A new slot, one that retired already (its sockets are closed), or one given up on as
    // fatal (the new configuration may have fixed it).
    bool restart = slot.rec.generation == 0 || slot.rec.state == SlotState::retiring ||
                   slot.rec.state == SlotState::fatal;
    if (slot.rec.pid != 0 || !restart) continue;
    if (std::string err = listeners_.add_slot(s); !err.empty()) {
      LOG_ERROR("slot %u: %s", s, err.c_str());
      continue;
    }
    spawn(s);
  }
  std::vector<unsigned> retiring;
  for (unsigned s = next; s < slots_.size(); ++s) {
    Slot& slot = slots_[s];
    slot.revive = false;
    if (slot.rec.pid != 0 && slot.rec.state != SlotState::retiring) retiring.push_back(s);
    if (slot.rec.pid == 0) listeners_.close_slot(s);
    slot.rec.state = SlotState::retiring;
  }
  // The members first: a retiring worker moves its sessions to their new homes, then stops.
  announce_members();
  for (unsigned s : retiring) {
    slots_[s].channel->send({common::ControlType::stop, 0, {}, -1});
    LOG_INFO("slot %u: retiring worker %d", s, slots_[s].rec.pid);
  }
  while (!slots_.empty() && slots_.back().rec.pid == 0 && slots_.back().rec.slot >= next) {
    slots_.pop_back();
  }
}

void Master::stop() {
  if (stopping_) return;
  stopping_ = true;
  sd_notify("STOPPING=1\nSTATUS=stopping");
  LOG_INFO("stopping: %u workers", live_workers());
  for (Slot& s : slots_) {
    s.rec.state = SlotState::stopping;
    if (s.channel && s.rec.pid != 0) s.channel->send({common::ControlType::stop, 0, {}, -1});
  }
  auto ms = static_cast<uint64_t>(config_.shutdown_timeout * 1000.0);
  uv_timer_start(
      &kill_timer_,
      [](uv_timer_t* t) noexcept {
        auto* self = static_cast<Master*>(t->data);
        LOG_WARN("shutdown_timeout reached: killing %u workers", self->live_workers());
        self->kill_all();
      },
      ms, 0);
  maybe_finish();
}

void Master::kill_all() {
  for (Slot& s : slots_) {
    if (s.rec.pid != 0) kill(s.rec.pid, SIGKILL);
  }
}

void Master::close_handles() {
  for (Slot& s : slots_) drop_channel(s);
  signals_.close();
  uv_close(reinterpret_cast<uv_handle_t*>(&tick_timer_), nullptr);
  uv_close(reinterpret_cast<uv_handle_t*>(&kill_timer_), nullptr);
}

void Master::maybe_finish() {
  if (!stopping_ || finished_ || live_workers() > 0) return;
  finished_ = true;
  close_handles();
  remove_pid_file(config_.pid_file);
  LOG_INFO("stopped");
}

}  // namespace mm::master
