#include "worker/worker.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "common/log.h"
#include "config/loader.h"

namespace mm::worker {
namespace {

constexpr uint64_t kTickMs = 100;
constexpr uint64_t kLingerMs = 2000;
constexpr int kBacklog = 4096;
// When the master is gone, workers finish within this (the master's SIGKILL cannot help).
constexpr double kOrphanDeadline = 0.5;

uint64_t to_ms(double seconds) {
  return static_cast<uint64_t>(seconds * 1000.0);
}

}  // namespace

Worker::Worker(uv_loop_t* loop, WorkerStart& start)
    : loop_(loop),
      slot_(start.slot),
      config_(start.config),
      counters_(start.counters),
      read_buffer_(new char[kReadBufferSize]),
      initial_listeners_(start.listeners),
      wheel_(new common::IntrusiveList<TcpConnection, TimerTag>[kWheelSlots]) {
  loop_->data = this;  // how a connection finds its worker (TcpConnection::worker)
  bus_ = std::make_unique<Bus>(*this, slot_);
  WorkerInfo info{slot_, config_.worker_num, loop_, bus_.get(), counters_};
  handler_ = start.factory(config_, info);
  control_ = std::make_unique<common::ControlChannel>(
      loop_, start.control_fd, [this](common::ControlMessage& m) { on_control(m); },
      [this](int error) {
        if (stopping_ && error == 0) return;
        LOG_WARN("control channel to the master lost (%s): stopping",
                 error ? strerror(-error) : "EOF");
        stop(kOrphanDeadline);
      });
  uv_timer_init(loop_, &tick_timer_);
  uv_timer_init(loop_, &deadline_timer_);
  uv_prepare_init(loop_, &flush_prepare_);
  uv_check_init(loop_, &flush_check_);
  tick_timer_.data = deadline_timer_.data = flush_prepare_.data = flush_check_.data = this;
}

Worker::~Worker() = default;

int Worker::run() {
  if (int rc = start(); rc != 0) {
    LOG_ERROR("worker cannot start: %s", uv_strerror(rc));
    exit_code_ = kExitFatal;
    stop(0);
  }
  uv_run(loop_, UV_RUN_DEFAULT);
  handler_.reset();  // its handles were closed in on_stop()
  return exit_code_;
}

int Worker::start() {
  if (int rc = control_->start(); rc != 0) return rc;
  int rc = signals_.start(loop_, {SIGTERM}, [this](int) {
    LOG_INFO("SIGTERM: stopping");
    stop(config_.shutdown_timeout);
  });
  if (rc != 0) return rc;
  for (auto [id, fd] : initial_listeners_) {
    if (int err = adopt_listener(id, fd); err != 0) return err;
  }
  initial_listeners_.clear();
  wheel_tick_ = uv_now(loop_) / kTickMs;
  uv_timer_start(
      &tick_timer_, [](uv_timer_t* t) noexcept { static_cast<Worker*>(t->data)->tick(); }, kTickMs,
      kTickMs);
  uv_prepare_start(&flush_prepare_,
                   [](uv_prepare_t* h) noexcept { static_cast<Worker*>(h->data)->flush_dirty(); });
  uv_check_start(&flush_check_,
                 [](uv_check_t* h) noexcept { static_cast<Worker*>(h->data)->flush_dirty(); });
  // Flushing handles must not keep the loop alive on their own.
  uv_unref(reinterpret_cast<uv_handle_t*>(&flush_prepare_));
  uv_unref(reinterpret_cast<uv_handle_t*>(&flush_check_));
  control_->send({common::ControlType::ready, slot_, {}, -1});
  LOG_INFO("worker ready: %zu listeners, up to %zu connections", listeners_.size(),
           connection_limit());
  return 0;
}

int Worker::adopt_listener(uint32_t id, int fd) {
  auto l = std::make_unique<Listener>();
  l->worker = this;
  l->id = id;
  uv_tcp_init(loop_, &l->tcp);
  l->tcp.data = l.get();
  int rc = uv_tcp_open(&l->tcp, fd);
  if (rc != 0) {
    ::close(fd);
  } else if (serving_) {
    rc = listen_on(*l);
  }
  if (rc != 0) {
    close_listener_handle(std::move(l));
    return rc;
  }
  listeners_[id] = std::move(l);
  return 0;
}

// Accepting starts once the master has announced this slot (members): until then the kernel
// queues connections, and a client id's home is not known yet.
int Worker::listen_on(Listener& l) {
  return uv_listen(reinterpret_cast<uv_stream_t*>(&l.tcp), kBacklog,
                   [](uv_stream_t* server, int status) noexcept {
                     auto* self = static_cast<Listener*>(server->data)->worker;
                     if (status < 0) {
                       common::log_peer(common::LogLevel::warn, "accept: %s", uv_strerror(status));
                       return;
                     }
                     self->accept_one(server);
                   });
}

void Worker::on_members(const std::string& payload) {
  std::vector<unsigned> slots;
  for (size_t i = 0; i + 4 <= payload.size(); i += 4) {
    uint32_t v = 0;
    std::memcpy(&v, payload.data() + i, 4);
    slots.push_back(v);
  }
  size_t serving = slots.size();
  bus_->set_members(std::move(slots));
  LOG_DEBUG("members: %zu slots serving", serving);
  if (serving_ || stopping_ || !bus_->announced_self()) return;
  serving_ = true;
  for (auto& [id, l] : listeners_) {
    if (int rc = listen_on(*l); rc != 0) {
      LOG_ERROR("cannot accept on listener %u: %s", id, uv_strerror(rc));
    }
  }
}

TcpConnection* Worker::new_connection() {
  ++connections_;
  if (counters_ != nullptr) counters_->slot(slot_).add(common::Stat::connections, 1);
  return new TcpConnection(*this, next_id_++);
}

// max_connection is for the whole server: the sum over the workers' shared counters (without
// them, each worker takes an equal share).
bool Worker::over_limit() const {
  if (counters_ == nullptr) return connections_ > connection_limit();
  return counters_->total(common::Stat::connections) > static_cast<int64_t>(config_.max_connection);
}

// A connection that another worker accepted is taken whatever the count: it was counted there.
void Worker::adopt_handed(uv_stream_t* pipe, unsigned hops, std::span<const uint8_t> bytes) {
  auto* c = new_connection();
  if (uv_accept(pipe, reinterpret_cast<uv_stream_t*>(c->handle())) != 0 || stopping_) {
    c->close_now();
    return;
  }
  active_.push_back(*c);
  connecting_.push_back(*c);
  c->start_handed(hops, bytes);
}

void Worker::close_listener_handle(std::unique_ptr<Listener> l) {
  uv_close(reinterpret_cast<uv_handle_t*>(&l.release()->tcp),
           [](uv_handle_t* h) noexcept { delete static_cast<Listener*>(h->data); });
}

void Worker::close_listener(uint32_t id) {
  auto it = listeners_.find(id);
  if (it == listeners_.end()) return;
  close_listener_handle(std::move(it->second));
  listeners_.erase(it);
}

size_t Worker::connection_limit() const {
  // max_connection is for the whole server: each slot takes an equal share.
  unsigned n = config_.worker_num == 0 ? 1 : config_.worker_num;
  return (config_.max_connection + n - 1) / n;
}

void Worker::accept_one(uv_stream_t* server) {
  auto* c = new_connection();
  if (uv_accept(server, reinterpret_cast<uv_stream_t*>(c->handle())) != 0) {
    c->close_now();
    return;
  }
  if (stopping_ || over_limit()) {
    common::log_peer(common::LogLevel::warn, "%s: refused, %zu connections is the limit",
                     c->peer().c_str(), counters_ ? config_.max_connection : connection_limit());
    c->close_now();
    return;
  }
  active_.push_back(*c);
  connecting_.push_back(*c);
  c->start();
}

void Worker::mark_dirty(TcpConnection& c) {
  if (!static_cast<common::ListHook<DirtyTag>&>(c).linked()) dirty_.push_back(c);
}

void Worker::touched(TcpConnection& c) {
  // Open and on the phase hook means active (closing ones are not open).
  if (c.state() == TcpConnection::State::open &&
      static_cast<common::ListHook<PhaseTag>&>(c).linked()) {
    active_.move_to_back(c);
  }
}

void Worker::framed_first(TcpConnection& c) {
  connecting_.remove(c);
  watch_input(c);  // an input timeout set before the first packet starts now
}

void Worker::closing(TcpConnection& c) {
  active_.remove(c);
  common::IntrusiveList<TcpConnection, TimerTag>::unlink(c);  // connecting, or in the wheel
  closing_.push_back(c);
}

void Worker::lingering(TcpConnection& c) {
  closing_.move_to_back(c);  // its linger time starts now, the latest of them all
}

void Worker::watch_input(TcpConnection& c) {
  if (!c.framed_one()) return;  // still on connecting_ (the same hook): framed_first files it
  common::IntrusiveList<TcpConnection, TimerTag>::unlink(c);
  if (c.input_timeout() == 0 || c.state() != TcpConnection::State::open) return;
  uint64_t due = (c.last_input() + c.input_timeout() + kTickMs - 1) / kTickMs;
  if (due <= wheel_tick_) due = wheel_tick_ + 1;
  wheel_[due % kWheelSlots].push_back(c);
}

void Worker::unlink(TcpConnection& c) {
  common::IntrusiveList<TcpConnection, PhaseTag>::unlink(c);  // active or closing
  common::IntrusiveList<TcpConnection, TimerTag>::unlink(c);  // connecting or in the wheel
  dirty_.remove(c);
}

void Worker::closed(TcpConnection&) {
  --connections_;
  if (counters_ != nullptr) counters_->slot(slot_).add(common::Stat::connections, -1);
  maybe_finish();
}

std::unique_ptr<std::vector<uint8_t>> Worker::take_output_buffer() {
  if (spare_output_.empty()) return std::make_unique<std::vector<uint8_t>>();
  std::unique_ptr<std::vector<uint8_t>> b = std::move(spare_output_.back());
  spare_output_.pop_back();
  spare_output_bytes_ -= b->capacity();
  return b;
}

void Worker::give_output_buffer(std::unique_ptr<std::vector<uint8_t>>& b) {
  if (!b) return;
  b->clear();
  const size_t capacity = b->capacity();
  if (capacity <= kSpareOutputCapacity && spare_output_.size() < kSpareOutput &&
      spare_output_bytes_ + capacity <= kSpareOutputBytes) {
    spare_output_bytes_ += capacity;
    spare_output_.push_back(std::move(b));
  }
  b.reset();
}

void Worker::flush_dirty() {
  while (TcpConnection* c = dirty_.front()) {
    dirty_.remove(*c);
    c->flush();
  }
  bus_->flush();
}

void Worker::tick() {
  uint64_t now = uv_now(loop_);
  expire(now);
  expire_wheel(now);
}

// Visits the buckets of every tick up to now; a connection whose deadline really passed gets
// on_timeout(), one that had input since is filed again by its new deadline.
void Worker::expire_wheel(uint64_t now) {
  uint64_t upto = now / kTickMs;
  std::vector<TcpConnection*> due;
  for (; wheel_tick_ < upto; ++wheel_tick_) {
    auto& bucket = wheel_[(wheel_tick_ + 1) % kWheelSlots];
    due.clear();
    for (TcpConnection* c = bucket.front(); c != nullptr; c = bucket.next(*c)) due.push_back(c);
    for (TcpConnection* c : due) {
      bucket.remove(*c);
      if (c->state() != TcpConnection::State::open) continue;
      if (now - c->last_input() >= c->input_timeout()) {
        handler_->on_timeout(*c);
      } else {
        watch_input(*c);
      }
    }
  }
}

// Each list is ordered by its deadline, so only expired entries at the front are visited.
void Worker::expire(uint64_t now) {
  uint64_t connect_ms = to_ms(config_.connect_timeout);
  while (TcpConnection* c = connecting_.front()) {
    if (now - c->since() < connect_ms) break;
    common::log_peer(common::LogLevel::info, "%s: no CONNECT within %.1f s, closing",
                     c->peer().c_str(), config_.connect_timeout);
    c->abort();
  }
  if (config_.heartbeat_idle_time > 0) {
    uint64_t idle_ms = to_ms(config_.heartbeat_idle_time);
    while (TcpConnection* c = active_.front()) {
      if (now - c->last_input() < idle_ms) break;
      common::log_peer(common::LogLevel::info, "%s: idle for %.1f s, closing", c->peer().c_str(),
                       config_.heartbeat_idle_time);
      active_.remove(*c);
      c->close();
    }
  }
  // Flushing at close and lingering after it are bounded alike: a peer that reads nothing
  // cannot keep a closing connection.
  while (TcpConnection* c = closing_.front()) {
    if (now - c->since() < kLingerMs) break;
    c->close_now();
  }
}

void Worker::on_control(common::ControlMessage& msg) {
  switch (msg.type) {
    case common::ControlType::config:
      apply_config(msg.payload);
      break;
    case common::ControlType::stop:
      LOG_INFO("stop requested by the master");
      stop(config_.shutdown_timeout);
      break;
    case common::ControlType::add_listener:
      if (msg.fd < 0) break;
      if (stopping_) {
        ::close(msg.fd);
      } else if (int rc = adopt_listener(msg.arg, msg.fd); rc != 0) {
        LOG_ERROR("cannot listen on new listener %u: %s", msg.arg, uv_strerror(rc));
      }
      msg.fd = -1;
      break;
    case common::ControlType::remove_listener:
      close_listener(msg.arg);
      break;
    case common::ControlType::reopen_logs:
      common::log_reopen();
      break;
    case common::ControlType::bus_peer:
      if (msg.fd < 0 || stopping_) break;
      bus_->add_peer(msg.arg, msg.fd);
      msg.fd = -1;
      break;
    case common::ControlType::members:
      on_members(msg.payload);
      break;
    case common::ControlType::ready:
      break;
  }
  if (msg.fd >= 0) ::close(msg.fd);  // a descriptor nobody asked for
}

void Worker::apply_config(const std::string& json) {
  config::LoadResult r = config::load_config_text(json);
  if (!r.config) {
    LOG_ERROR("configuration from the master rejected (%zu errors): keeping the old one",
              r.errors.size());
    return;
  }
  const config::Config& next = *r.config;
  if (next.log_file != config_.log_file) common::log_open(next.log_file);
  common::log_set_level(next.log_level);
  config_ = next;
  handler_->on_config(config_);
  LOG_INFO("configuration updated");
}

// Stops accepting, lets the handler say goodbye to each client, closes them cleanly, and ends
// the loop when the last one is gone or at the deadline.
void Worker::stop(double deadline_seconds) {
  if (!stopping_) {
    stopping_ = true;
    while (!listeners_.empty()) close_listener(listeners_.begin()->first);
    std::vector<TcpConnection*> kept;  // by the handler, until it closes them or the deadline
    while (TcpConnection* c = active_.front()) {
      active_.remove(*c);
      connecting_.remove(*c);
      if (handler_->on_shutdown(*c)) {
        kept.push_back(c);
      } else {
        c->close();
      }
    }
    for (TcpConnection* c : kept) active_.push_back(*c);
  }
  uint64_t ms = to_ms(deadline_seconds);
  if (!uv_is_active(reinterpret_cast<uv_handle_t*>(&deadline_timer_)) ||
      uv_timer_get_due_in(&deadline_timer_) > ms) {
    uv_timer_start(
        &deadline_timer_,
        [](uv_timer_t* t) noexcept {
          auto* self = static_cast<Worker*>(t->data);
          LOG_WARN("stop deadline reached: closing %zu connections at once", self->connections_);
          while (TcpConnection* c = self->active_.front()) c->close_now();
          while (TcpConnection* c = self->closing_.front()) c->close_now();
          self->maybe_finish();
        },
        ms, 0);
  }
  maybe_finish();
}

void Worker::maybe_finish() {
  if (!stopping_ || finished_ || connections_ > 0) return;
  finished_ = true;
  handler_->on_stop();
  bus_->close();  // after what on_stop() sent; the loop runs until it is written
  signals_.close();
  control_->close();
  for (uv_handle_t* h : {reinterpret_cast<uv_handle_t*>(&tick_timer_),
                         reinterpret_cast<uv_handle_t*>(&deadline_timer_),
                         reinterpret_cast<uv_handle_t*>(&flush_prepare_),
                         reinterpret_cast<uv_handle_t*>(&flush_check_)}) {
    uv_close(h, nullptr);
  }
}

}  // namespace mm::worker
