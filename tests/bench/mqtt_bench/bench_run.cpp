#include "tests/bench/mqtt_bench/bench_run.h"

#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <deque>
#include <functional>
#include <memory>
#include <thread>
#include <vector>

#include "tests/bench/mqtt_bench/client_thread.h"
#include "tests/bench/mqtt_bench/scenario.h"

namespace mm::bench {
namespace {

using Threads = std::vector<std::unique_ptr<ClientThread>>;

constexpr double kSetupTimeout = 60;      // seconds for every client to connect
constexpr double kDisconnectTimeout = 5;  // seconds for the broker to close every connection

// Polls (1 ms) until done() or the timeout; the main thread carries no load.
bool wait_until(const std::function<bool()>& done, double seconds) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  while (!done()) {
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return true;
}

void set_phase(RunState& run, const Threads& threads, Phase phase) {
  run.phase.store(phase, std::memory_order_release);
  for (auto& t : threads) t->notify();
}

double cpu_seconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  auto s = [](const timeval& tv) { return static_cast<double>(tv.tv_sec) + tv.tv_usec / 1e6; };
  return s(u.ru_utime) + s(u.ru_stime);
}

uint64_t sum(const Threads& threads, std::atomic<uint64_t> ClientContext::*counter) {
  uint64_t n = 0;
  for (auto& t : threads) n += (t->context().*counter).load(std::memory_order_relaxed);
  return n;
}

// The load itself: from the start of publishing to the end of the drain.
void run_load(const Options& o, RunState& run, const Threads& threads,
              const std::deque<Stream>& streams, Results& r) {
  double cpu_before = cpu_seconds();
  uint64_t t0 = uv_hrtime();
  run.load_start_ns = t0;
  set_phase(run, threads, Phase::load);
  std::this_thread::sleep_for(std::chrono::duration<double>(o.duration));
  uint64_t t1 = uv_hrtime();
  r.delivered_in_load = sum(threads, &ClientContext::delivered);
  r.cycles = sum(threads, &ClientContext::cycles);
  set_phase(run, threads, Phase::drain);
  r.client_cpu_seconds = cpu_seconds() - cpu_before;
  r.load_seconds = static_cast<double>(t1 - t0) / 1e9;
  wait_until(
      [&] {
        for (const Stream& s : streams) {
          if (!s.drained()) return false;
        }
        return true;
      },
      o.drain_timeout);
}

// Adds up, after the threads have ended, what every subscriber saw of every stream.
void collect(const Threads& threads, const std::deque<Stream>& streams, Results& r) {
  uint64_t unique = 0;
  for (auto& t : threads) {
    r.latency.merge(t->context().latency);
    for (auto& c : t->clients()) {
      r.stalls += c->stalls();
      for (const Received& got : c->received()) {
        unique += got.messages - got.duplicates;
        r.duplicates += got.duplicates;
      }
    }
  }
  for (const Stream& s : streams) {
    r.sent += s.sent.load();
    r.expected += s.sent.load() * s.receivers;
  }
  r.delivered = sum(threads, &ClientContext::delivered);
  r.dropped = sum(threads, &ClientContext::dropped);
  r.lost = r.expected > unique ? r.expected - unique : 0;
}

}  // namespace

Results run_bench(const Options& o, const sockaddr_in& addr) {
  RunState run;
  std::deque<Stream> streams;
  Plan plan = make_plan(o, "mb-" + std::to_string(getpid()) + "-", streams);
  double rate_per_publisher = plan.publishers > 0 ? o.rate / plan.publishers : 0;
  Threads threads;
  for (uint32_t i = 0; i < o.threads; ++i) {
    threads.push_back(std::make_unique<ClientThread>(o, run, streams, addr, rate_per_publisher));
  }
  for (size_t i = 0; i < plan.clients.size(); ++i) {
    bool publisher = plan.clients[i].role == Role::publisher;
    uint32_t stream = plan.clients[i].stream;
    uv_async_t* wake = threads[i % threads.size()]->add(std::move(plan.clients[i]));
    if (publisher) streams[stream].wake = wake;
  }
  for (auto& t : threads) t->start();

  Results r;
  bool set_up =
      wait_until([&] { return run.ready + run.failed >= plan.setup_clients; }, kSetupTimeout);
  r.connections = run.ready;
  r.connect_failures = run.failed;
  if (!set_up || run.failed > 0) {
    r.ok = false;
    r.error = std::to_string(run.ready.load()) + " of " + std::to_string(plan.setup_clients) +
              " clients connected" + (set_up ? "" : " (timed out)");
  } else {
    run_load(o, run, threads, streams, r);
  }
  set_phase(run, threads, Phase::disconnect);
  wait_until([&] { return run.closed >= plan.clients.size(); }, kDisconnectTimeout);
  set_phase(run, threads, Phase::quit);
  for (auto& t : threads) t->join();
  collect(threads, streams, r);
  return r;
}

}  // namespace mm::bench
