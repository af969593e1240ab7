// The randomized cross-worker test (and, with --kill-worker, the same run with one worker
// killed a third of the way in). See README.md for what it asserts.
#include <csignal>
#include <cstdio>
#include <memory>
#include <random>
#include <set>

#include "tests/cluster/fleet.h"
#include "tests/cluster/ledger.h"
#include "tests/cluster/plan.h"
#include "tests/cluster/respawn_probe.h"
#include "tests/cluster/run_options.h"
#include "tests/cluster/socket_holders.h"
#include "tests/cluster/summary.h"
#include "tests/support/server_process.h"

namespace mm::test::cluster {
namespace {

constexpr size_t kClients = 200;
constexpr size_t kWindow = 10;  // QoS 1/2 publishes one client keeps in flight at most
constexpr long long kRespawnLimitMs = 1000;

class RandomRun {
 public:
  explicit RandomRun(const RunOptions& o)
      : o_(o), rng_(o.seed), server_(o.binary, run_config(o, o.workers)), fleet_(0) {}

  int run();

 private:
  bool start();
  void publish_due(double elapsed);
  void handle(std::vector<FleetEvent>& events);
  void on_lost(size_t c, const std::string& why);
  void kill_one();
  bool settled() const;
  void pump(int ms) {
    std::vector<FleetEvent> ev;
    fleet_.step(ms, ev);
    handle(ev);
  }
  int report();

  RunOptions o_;
  std::mt19937_64 rng_;
  ServerProcess server_;
  Fleet fleet_;
  Ledger ledger_;
  Plan plan_;
  std::vector<uint64_t> epoch_key_;  // per client: the first key of its current connection
  uint64_t published_ = 0;
  Summary summary_;
  // --kill-worker
  bool killed_ = false;
  pid_t victim_ = 0;
  std::set<size_t> disrupted_;
  std::set<size_t> rejoined_;
  std::unique_ptr<RespawnProbe> probe_;
};

bool RandomRun::start() {
  if (!server_.start(Ms(20000)) || !server_.wait_workers(o_.workers, Ms(20000))) {
    summary_.fail("broker did not start: " + server_.error());
    return false;
  }
  fleet_ = Fleet(server_.port());
  plan_ = make_plan(rng_, kClients);
  epoch_key_.assign(kClients, 0);
  std::vector<FleetEvent> ev;
  for (size_t i = 0; i < kClients; ++i) {
    const PlannedClient& p = plan_.clients[i];
    fleet_.add({"cl-" + std::to_string(o_.seed) + "-" + std::to_string(i), p.version, false,
                subscriptions_of(plan_, i)});
    ledger_.add_client(i, p.plain);
  }
  for (size_t g = 0; g < plan_.group_filters.size(); ++g) {
    std::vector<std::pair<size_t, uint8_t>> members;
    for (size_t i = 0; i < kClients; ++i) {
      if (plan_.clients[i].group == int(g)) members.push_back({i, plan_.clients[i].group_qos});
    }
    ledger_.add_group(g, plan_.group_filters[g], members);
  }
  for (size_t i = 0; i < kClients; ++i) fleet_.open(i, ev);
  handle(ev);
  Deadline d(Ms(30000));
  auto all_ready = [&] {
    for (size_t i = 0; i < kClients; ++i) {
      if (!fleet_.at(i).ready()) return false;
    }
    return true;
  };
  while (!all_ready() && !d.passed()) pump(20);
  if (!all_ready()) summary_.fail("not every client got CONNACK and SUBACK within 30 s");
  return all_ready();
}

void RandomRun::publish_due(double elapsed) {
  uint64_t due = static_cast<uint64_t>(elapsed * o_.rate);
  std::uniform_int_distribution<size_t> any_client(0, kClients - 1);
  for (int tries = 0; published_ < due && tries < 1000; ++tries) {
    size_t c = any_client(rng_);
    Conn& conn = fleet_.at(c);
    if (!conn.ready() || conn.in_flight() >= kWindow) continue;
    const std::string& topic = plan_.clients[c].topics[rng_() % 3];
    uint8_t qos = static_cast<uint8_t>(rng_() % 3);
    conn.publish(topic, qos, ledger_.record_publish(c, topic, qos));
    ++published_;
  }
}

void RandomRun::handle(std::vector<FleetEvent>& events) {
  for (FleetEvent& fe : events) {
    size_t c = fe.client;
    ConnEvent& e = fe.event;
    switch (e.kind) {
      case ConnEvent::Kind::ready:
        ledger_.set_active(c, true);
        epoch_key_[c] = ledger_.next_key();
        if (disrupted_.count(c)) rejoined_.insert(c);
        for (size_t g : ledger_.groups_of_member(c)) {
          bool all_back = true;
          for (size_t m = 0; m < kClients; ++m) {
            if (plan_.clients[m].group == int(g) && disrupted_.count(m) && !fleet_.at(m).ready())
              all_back = false;
          }
          if (all_back) ledger_.set_group_degraded(g, false);
        }
        break;
      case ConnEvent::Kind::message:
        ledger_.on_delivery(c, e.packet);
        break;
      case ConnEvent::Kind::acked:
        ledger_.acked(e.key);
        break;
      case ConnEvent::Kind::abandoned:
        ledger_.excuse_message(e.key);
        break;
      case ConnEvent::Kind::refused:
        summary_.fail("client " + std::to_string(c) + ": " + e.why);
        break;
      case ConnEvent::Kind::lost:
        on_lost(c, e.why);
        break;
      case ConnEvent::Kind::connack:
        break;
    }
  }
}

void RandomRun::on_lost(size_t c, const std::string& why) {
  ledger_.set_active(c, false);
  ledger_.excuse_client(c);
  ledger_.excuse_publisher(c, epoch_key_[c]);
  if (!disrupted_.count(c)) {
    summary_.fail("client " + std::to_string(c) + " disconnected (" + why + ")" +
                  (killed_ ? ", its connection was not in the killed worker" : ""));
  } else {
    summary_.count("reconnects of clients of the killed worker");
    for (size_t g : ledger_.groups_of_member(c)) {
      ledger_.set_group_degraded(g, true);
      ledger_.excuse_group(g);
    }
  }
  std::vector<FleetEvent> ev;
  fleet_.open(c, ev);
  handle(ev);
}

void RandomRun::kill_one() {
  killed_ = true;
  auto workers = server_.workers();
  std::vector<pid_t> pids;
  for (auto [slot, pid] : workers) pids.push_back(pid);
  unsigned slot = static_cast<unsigned>(rng_() % workers.size());
  victim_ = workers[slot];
  std::vector<uint16_t> ports;
  for (size_t i = 0; i < kClients; ++i) ports.push_back(fleet_.at(i).local_port());
  auto held = holders(fleet_.port(), ports, pids);
  size_t unknown = 0;
  for (size_t i = 0; i < kClients; ++i) {
    const auto& h = held[ports[i]];
    if (h.size() != 1) ++unknown;
    if (std::find(h.begin(), h.end(), victim_) != h.end()) disrupted_.insert(i);
  }
  Clock::time_point at = Clock::now();
  ::kill(victim_, SIGKILL);
  probe_ = std::make_unique<RespawnProbe>(fleet_.port(), server_.pid(), pids, at);
  std::printf(
      "killed worker slot %u pid %d: it held %zu of %zu clients (%zu not held by exactly one "
      "worker)\n",
      slot, victim_, disrupted_.size(), kClients, unknown);
  if (unknown != 0)
    summary_.fail(std::to_string(unknown) + " client connections not held by exactly one worker");
  for (size_t c : disrupted_) {
    for (size_t g : ledger_.groups_of_member(c)) {
      ledger_.set_group_degraded(g, true);
      ledger_.excuse_group(g);
    }
  }
}

bool RandomRun::settled() const {
  if (ledger_.pending() != 0) return false;
  for (size_t i = 0; i < kClients; ++i) {
    if (fleet_.at(i).in_flight() != 0 || !fleet_.at(i).ready()) return false;
  }
  return true;
}

int RandomRun::run() {
  std::printf(
      "cluster random: seed %llu (MM_CLUSTER_SEED), %u workers, %zu clients, %.0f s at %.0f "
      "publishes/s%s\n",
      (unsigned long long)o_.seed, o_.workers, kClients, o_.seconds, o_.rate,
      o_.kill_worker ? ", one worker SIGKILLed" : "");
  std::fflush(stdout);
  if (!start()) return report();
  Clock::time_point t0 = Clock::now();
  for (;;) {
    double elapsed = double(elapsed_ms(t0)) / 1000.0;
    if (elapsed >= o_.seconds) break;
    if (o_.kill_worker && !killed_ && elapsed >= o_.seconds / 3) kill_one();
    publish_due(elapsed);
    pump(std::max(1, int(1000.0 / o_.rate)));
  }
  Deadline d(Ms(30000));
  while (!settled() && !d.passed()) pump(20);
  // Whatever was on its way arrives now: late deliveries are checked like the others.
  Deadline quiet(Ms(500));
  while (!quiet.passed()) pump(20);
  return report();
}

int RandomRun::report() {
  summary_.line("mean matching targets per topic: %.1f", plan_.mean_fanout);
  if (o_.kill_worker) {
    if (probe_) {
      while (!probe_->done()) pump(20);
      summary_.line("slot served again %lld ms after the kill (%d probe connections)", probe_->ms(),
                    probe_->attempts());
      if (probe_->ms() < 0 || probe_->ms() > kRespawnLimitMs) {
        summary_.fail("the killed slot did not serve again within " +
                      std::to_string(kRespawnLimitMs) + " ms");
      }
    }
    summary_.line("clients of the killed worker: %zu, back in service: %zu", disrupted_.size(),
                  rejoined_.size());
    if (rejoined_.size() != disrupted_.size())
      summary_.fail("not every client of the killed worker got service again");
  }
  return summary_.conclude(ledger_, server_.sanitizer_reports(), "cluster random", o_.seed);
}

}  // namespace

int run_random(const RunOptions& o) {
  RandomRun r(o);
  return r.run();
}

}  // namespace mm::test::cluster
