// SIGHUP worker_num 4 -> 2 -> 3 while persistent sessions (some online, some offline) receive
// QoS 1 and 2 traffic. See README.md for what it asserts.
#include <csignal>
#include <cstdio>
#include <functional>
#include <random>
#include <vector>

#include "tests/cluster/fleet.h"
#include "tests/cluster/ledger.h"
#include "tests/cluster/run_options.h"
#include "tests/cluster/summary.h"
#include "tests/support/server_process.h"

namespace mm::test::cluster {
namespace {

constexpr size_t kSubscribers = 40;
constexpr size_t kPublishers = 4;
constexpr size_t kWindow = 10;
// worker_num at the start and after each reload: 4 -> 2 -> 3 (the sequence); with
// --workers 1, two reloads that change nothing (a check of the test itself at worker_num 1).
std::vector<unsigned> steps_for(unsigned workers) {
  return workers == 4 ? std::vector<unsigned>{4, 2, 3}
                      : std::vector<unsigned>{workers, workers, workers};
}

class ReloadRun {
 public:
  explicit ReloadRun(const RunOptions& o)
      : o_(o),
        steps_(steps_for(o.workers)),
        rng_(o.seed),
        server_(o.binary, run_config(o, steps_[0])),
        fleet_(0) {}
  int run();

 private:
  bool start();
  static bool offline(size_t c) { return c < kSubscribers && c % 4 < 2; }
  void publish_due(double elapsed);
  void handle(std::vector<FleetEvent>& events);
  void on_lost(size_t c, const std::string& why);
  void reload_to(unsigned workers);
  bool reload_done();
  bool wait(const std::function<bool()>& pred, Ms timeout) {
    Deadline d(timeout);
    while (!pred()) {
      if (d.passed()) return false;
      std::vector<FleetEvent> ev;
      fleet_.step(20, ev);
      handle(ev);
    }
    return true;
  }

  RunOptions o_;
  std::vector<unsigned> steps_;
  std::mt19937_64 rng_;
  ServerProcess server_;
  Fleet fleet_;
  Ledger ledger_;
  Summary summary_;
  std::vector<bool> connected_once_;
  uint64_t published_ = 0;
  bool publishing_ = false;
  unsigned want_workers_ = 0;
  size_t reload_mark_ = 0;
  Clock::time_point reload_at_;
  long long reload_ms_ = -1;  // from the last SIGHUP until its workers ran
};

bool ReloadRun::start() {
  if (!server_.start(Ms(20000)) || !server_.wait_workers(steps_[0], Ms(20000))) {
    summary_.fail("broker did not start: " + server_.error());
    return false;
  }
  fleet_ = Fleet(server_.port());
  for (size_t i = 0; i < kSubscribers + kPublishers; ++i) {
    bool sub = i < kSubscribers;
    std::string id = (sub ? "rs-" : "rp-") + std::to_string(o_.seed) + "-" + std::to_string(i);
    std::vector<wire::Subscription> subs;
    uint8_t qos = uint8_t(1 + i % 2);
    if (sub) subs.push_back({"r/" + std::to_string(i) + "/+", {.qos = qos}});
    fleet_.add({id, i % 3 == 0 ? wire::v311 : wire::v5, true, subs});
    ledger_.add_client(i, sub ? std::vector<Filter>{{subs[0].filter, qos}} : std::vector<Filter>{});
  }
  connected_once_.assign(fleet_.size(), false);
  std::vector<FleetEvent> ev;
  for (size_t i = 0; i < fleet_.size(); ++i) fleet_.open(i, ev);
  handle(ev);
  bool ok = wait(
      [&] {
        for (size_t i = 0; i < fleet_.size(); ++i) {
          if (!fleet_.at(i).ready()) return false;
        }
        return true;
      },
      Ms(30000));
  if (!ok) summary_.fail("not every client got CONNACK and SUBACK within 30 s");
  for (size_t i = 0; i < kSubscribers; ++i) {
    if (offline(i)) fleet_.at(i).disconnect();
  }
  return ok;
}

void ReloadRun::publish_due(double elapsed) {
  uint64_t due = static_cast<uint64_t>(elapsed * o_.rate);
  for (int tries = 0; published_ < due && tries < 100; ++tries) {
    size_t p = kSubscribers + rng_() % kPublishers;
    Conn& conn = fleet_.at(p);
    if (!conn.ready() || conn.in_flight() >= kWindow) continue;
    std::string topic = "r/" + std::to_string(rng_() % kSubscribers) + "/" + std::to_string(p);
    uint8_t qos = uint8_t(1 + rng_() % 2);
    conn.publish(topic, qos, ledger_.record_publish(p, topic, qos));
    ++published_;
  }
}

void ReloadRun::handle(std::vector<FleetEvent>& events) {
  for (FleetEvent& fe : events) {
    size_t c = fe.client;
    ConnEvent& e = fe.event;
    std::string who = "client " + std::to_string(c) + " (" + fleet_.at(c).spec().id + ")";
    switch (e.kind) {
      case ConnEvent::Kind::connack:
        if (connected_once_[c] && !e.packet.session_present)
          summary_.fail(who + ": session lost (session present 0)");
        if (connected_once_[c]) summary_.count("reconnects into the same session");
        connected_once_[c] = true;
        break;
      case ConnEvent::Kind::ready:
        ledger_.set_active(c, true);
        break;
      case ConnEvent::Kind::message:
        ledger_.on_delivery(c, e.packet);
        break;
      case ConnEvent::Kind::acked:
        ledger_.acked(e.key);
        break;
      case ConnEvent::Kind::abandoned:
        summary_.fail(who + ": an unacknowledged publish was lost with the session");
        break;
      case ConnEvent::Kind::refused:
        summary_.fail(who + ": " + e.why);
        break;
      case ConnEvent::Kind::lost:
        on_lost(c, e.why);
        break;
    }
  }
}

// Only a reload may disconnect a client: 5.0 with DISCONNECT 0x8B, 3.1.1 by closing.
void ReloadRun::on_lost(size_t c, const std::string& why) {
  Conn& conn = fleet_.at(c);
  std::string who = "client " + std::to_string(c) + " (" + conn.spec().id + ")";
  // A connection attempt the kernel reset in the accept queue of a retiring worker's socket
  // (see ARCHITECTURE.md: tcp_migrate_req) is not a disconnect: the client tries again.
  bool attempt = why.starts_with(kBeforeConnack);
  if (attempt) summary_.count("connection attempts reset before CONNACK");
  if (!attempt && conn.spec().version == wire::v5 &&
      conn.server_disconnect() != std::optional<uint8_t>(0x8B)) {
    summary_.fail(who + ": disconnected (" + why + ") without DISCONNECT 0x8B");
  }
  summary_.count(conn.spec().version == wire::v5 ? "5.0 clients disconnected"
                                                 : "3.1.1 clients disconnected");
  std::vector<FleetEvent> ev;
  fleet_.open(c, ev);
  handle(ev);
}

void ReloadRun::reload_to(unsigned workers) {
  want_workers_ = workers;
  reload_at_ = Clock::now();
  reload_ms_ = -1;
  reload_mark_ = server_.reload(run_config(o_, workers));
  std::printf("reload: worker_num %u\n", workers);
  std::fflush(stdout);
}

bool ReloadRun::reload_done() {
  if (reload_ms_ >= 0) return true;
  const char* logged =
      steps_[0] == steps_[1] ? "reload: configuration unchanged" : "reload: worker_num changed";
  bool done = server_.log().find(logged, reload_mark_) &&
              server_.workers().size() == want_workers_ &&
              children_of(server_.pid()).size() == want_workers_;
  if (done) reload_ms_ = elapsed_ms(reload_at_);
  return done;
}

int ReloadRun::run() {
  std::printf(
      "cluster reload: seed %llu, %zu persistent subscribers (%zu offline), %zu publishers, "
      "worker_num %u -> %u -> %u, %.0f s at %.0f publishes/s\n",
      (unsigned long long)o_.seed, kSubscribers, kSubscribers / 2, kPublishers, steps_[0],
      steps_[1], steps_[2], o_.seconds, o_.rate);
  std::fflush(stdout);
  if (start()) {
    Clock::time_point t0 = Clock::now();
    size_t step = 0;
    for (double elapsed = 0; elapsed < o_.seconds; elapsed = double(elapsed_ms(t0)) / 1000.0) {
      if (step < 2 && elapsed >= o_.seconds * double(step + 1) / 3) {
        if (step > 0 && !reload_done()) summary_.fail("the previous reload had not completed");
        reload_to(steps_[++step]);
      }
      if (step > 0) reload_done();  // notes when the reload completed
      publish_due(elapsed);
      std::vector<FleetEvent> ev;
      fleet_.step(std::max(1, int(1000.0 / o_.rate)), ev);
      handle(ev);
    }
    if (!wait([&] { return reload_done(); }, Ms(20000)))
      summary_.fail("the last reload did not complete");
    summary_.line("last reload: its workers ran %lld ms after SIGHUP", reload_ms_);
    bool flushed = wait(
        [&] {
          for (size_t i = kSubscribers; i < fleet_.size(); ++i) {
            if (fleet_.at(i).in_flight() != 0) return false;
          }
          return true;
        },
        Ms(30000));
    if (!flushed) summary_.fail("publishers' QoS 1/2 flows did not complete");
    std::vector<FleetEvent> ev;
    for (size_t i = 0; i < kSubscribers; ++i) {
      if (offline(i)) fleet_.open(i, ev);
    }
    handle(ev);
    if (!wait([&] { return ledger_.pending() == 0; }, Ms(30000)))
      summary_.fail("deliveries missing after 30 s");
    wait([] { return false; }, Ms(500));  // late duplicates, if any, are checked too
  }
  return summary_.conclude(ledger_, server_.sanitizer_reports(), "cluster reload", o_.seed);
}

}  // namespace

int run_reload(const RunOptions& o) {
  ReloadRun r(o);
  return r.run();
}

}  // namespace mm::test::cluster
