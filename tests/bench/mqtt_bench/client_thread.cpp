#include "tests/bench/mqtt_bench/client_thread.h"

#include <utility>

namespace mm::bench {
namespace {

constexpr uint32_t kMaxConnecting = 256;  // CONNECTs outstanding per thread during setup
constexpr uint32_t kBudget = 1024;        // messages per publisher per loop iteration

template <class H>
uv_handle_t* handle(H* h) {
  return reinterpret_cast<uv_handle_t*>(h);
}

ClientThread* owner(void* data) {
  return static_cast<ClientThread*>(data);
}

}  // namespace

ClientThread::ClientThread(const Options& options, RunState& run, std::deque<Stream>& streams,
                           const sockaddr_in& addr, double rate_per_publisher)
    : ctx_{.options = options, .run = run, .streams = streams, .addr = addr} {
  uv_loop_init(&loop_);
  ctx_.loop = &loop_;
  ctx_.rate_per_publisher = rate_per_publisher;
  uv_prepare_init(&loop_, &prepare_);
  uv_idle_init(&loop_, &idle_);
  uv_async_init(&loop_, &wake_, [](uv_async_t*) noexcept {});
  uv_async_init(&loop_, &command_, on_command);
  uv_timer_init(&loop_, &tick_);
  for (uv_handle_t* h :
       {handle(&prepare_), handle(&idle_), handle(&wake_), handle(&command_), handle(&tick_)}) {
    h->data = this;
  }
}

// The async handles stay open until every thread has ended (this destructor runs after every
// join): another thread's subscriber may still wake this thread's publishers, and the main
// thread may still notify, while this loop is winding down.
ClientThread::~ClientThread() {
  join();
  uv_close(handle(&wake_), nullptr);
  uv_close(handle(&command_), nullptr);
  uv_run(&loop_, UV_RUN_DEFAULT);
  uv_loop_close(&loop_);
}

uv_async_t* ClientThread::add(ClientPlan plan) {
  bool publisher = plan.role == Role::publisher;
  clients_.push_back(std::make_unique<Client>(ctx_, std::move(plan)));
  if (publisher) publishers_.push_back(clients_.back().get());
  return &wake_;
}

void ClientThread::start() {
  uv_prepare_start(&prepare_, on_prepare);
  uint64_t tick_ms = ctx_.options.rate > 0 ? 1 : 100;
  uv_timer_start(&tick_, on_tick, tick_ms, tick_ms);
  last_ping_ns_ = uv_hrtime();
  thread_ = std::thread([this] { uv_run(&loop_, UV_RUN_DEFAULT); });
}

void ClientThread::notify() {
  uv_async_send(&command_);
}

void ClientThread::join() {
  if (thread_.joinable()) thread_.join();
}

void ClientThread::on_prepare(uv_prepare_t* h) noexcept {
  ClientThread* t = owner(h->data);
  if (t->seen_ == Phase::setup) t->start_connects();
  bool more = t->seen_ == Phase::load && t->pump(uv_hrtime());
  t->flush_dirty();
  if (more) {
    uv_idle_start(&t->idle_, [](uv_idle_t*) noexcept {});
  } else {
    uv_idle_stop(&t->idle_);
  }
}

void ClientThread::on_command(uv_async_t* h) noexcept {
  ClientThread* t = owner(h->data);
  Phase phase = t->ctx_.phase();
  if (phase != t->seen_) t->enter(phase);
}

void ClientThread::on_tick(uv_timer_t* h) noexcept {
  ClientThread* t = owner(h->data);
  uint64_t now = uv_hrtime();
  if (t->seen_ == Phase::load) {
    for (Client* p : t->publishers_) p->check_stall(now);
  }
  uint64_t keep_alive_ns = uint64_t{t->ctx_.options.keep_alive} * 1'000'000'000;
  if (keep_alive_ns > 0 && now - t->last_ping_ns_ >= keep_alive_ns / 2) {
    t->last_ping_ns_ = now;
    for (auto& c : t->clients_) c->ping();
  }
  // Fixed-rate publishers are pumped by the prepare step that follows every timer run.
}

void ClientThread::start_connects() {
  while (ctx_.connecting < kMaxConnecting && next_start_ < clients_.size()) {
    Client& c = *clients_[next_start_++];
    if (c.plan().role != Role::connrate) c.start();
  }
}

bool ClientThread::pump(uint64_t now_ns) {
  bool more = false;
  for (Client* p : publishers_) more |= p->pump(now_ns, kBudget);
  return more;
}

void ClientThread::flush_dirty() {
  // A flush that fails can queue nothing new, but swap anyway: iterate a list nobody appends to.
  flushing_.swap(ctx_.dirty);
  for (Connection* c : flushing_) c->flush();
  flushing_.clear();
}

void ClientThread::enter(Phase phase) {
  seen_ = phase;
  switch (phase) {
    case Phase::load:
      for (auto& c : clients_) {
        if (c->plan().role == Role::connrate) c->start();
      }
      break;
    case Phase::disconnect:
      for (auto& c : clients_) c->disconnect();
      break;
    case Phase::quit:
      close_all();
      break;
    default:
      break;
  }
}

void ClientThread::close_all() {
  for (auto& c : clients_) c->finish();
  for (uv_handle_t* h : {handle(&prepare_), handle(&idle_), handle(&tick_)}) uv_close(h, nullptr);
  // The loop ends when the rest is closed; the destructor closes these two.
  uv_unref(handle(&wake_));
  uv_unref(handle(&command_));
}

}  // namespace mm::bench
