// Sessions across workers (issue 5): a takeover whose old and new connections were accepted
// by different workers, a persistent session resumed through a worker other than its home, and
// a will published to a subscriber served by another worker. Which worker accepted a
// connection is read from /proc before CONNECT is sent (socket_holders.h); which one serves it
// afterwards too. At worker_num 1 the same tests check the plain behaviour.
#include <signal.h>

#include <algorithm>
#include <set>

#include "tests/broker/harness.h"
#include "tests/cluster/socket_holders.h"
#include "worker/broker/home.h"

namespace mm::test::broker {
namespace {

using cluster::holder_of;

std::vector<pid_t> worker_pids(Broker& b) {
  std::vector<pid_t> out;
  for (auto [slot, pid] : b.server().workers()) out.push_back(pid);
  return out;
}

// The one worker holding `c`'s connection (accepted, or handed over); fails after kWait.
pid_t holder(Broker& b, Client& c) {
  pid_t found = 0;
  wait_until(
      [&] { return (found = holder_of(b.port(), c.tcp().local_port(), worker_pids(b))) != 0; },
      kWait);
  REQUIRE_MESSAGE(found != 0, c.name() << ": no single worker holds the connection");
  return found;
}

// A new connection (nothing sent yet) that a worker for which `wanted(pid)` holds. The kernel
// spreads connections over the workers' SO_REUSEPORT sockets, so a few tries find one; the
// others stay open in `spare` until the test ends, so their ports are not reused.
template <typename Pred>
Client accepted_where(Broker& b, const std::string& name, Pred wanted, std::vector<Client>& spare) {
  for (int i = 0; i < 64; ++i) {
    Client c = b.client(name);
    if (wanted(holder(b, c))) return c;
    spare.push_back(std::move(c));
  }
  FAIL("no connection accepted by the wanted worker in 64 tries");
  throw std::logic_error("unreachable");
}

// The accepting worker logs at debug level a line with "handed to slot N" and the peer's
// address when it hands a connection to the home slot.
bool handed_over_logged(Broker& b, Client& c) {
  std::string peer = "127.0.0.1:" + std::to_string(c.tcp().local_port());
  for (const LogLine& l : b.log().matching("handed to slot \\d+")) {
    size_t at = l.text.find(peer);
    if (at != std::string::npos &&
        (at + peer.size() == l.text.size() || !isdigit(l.text[at + peer.size()])))
      return true;
  }
  return false;
}

const nlohmann::json kDebug = {{"log_level", "debug"}};

// A client id "PREFIX<k>" whose home is `before` among `slots_before` and `after` among
// `slots_after` (the broker's rendezvous hashing, worker/broker/home.h: the test checks where
// each client actually lands).
std::string id_homed(const std::string& prefix, std::vector<unsigned> slots_before, unsigned before,
                     std::vector<unsigned> slots_after, unsigned after) {
  for (int k = 0; k < 10000; ++k) {
    std::string id = prefix + std::to_string(k);
    if (mm::broker::home_slot(id, slots_before, 0) == before &&
        mm::broker::home_slot(id, slots_after, 0) == after)
      return id;
  }
  FAIL("no client id " << prefix << "* with homes " << before << " and " << after);
  throw std::logic_error("unreachable");
}

}  // namespace

MM_BROKER_TEST_BOTH(
    "Cluster: session takeover when old and new connection came in through different workers",
    cluster_takeover) {
  Broker b(s, kDebug);
  std::vector<Client> spare;
  const std::string id = "takeover";
  Client old = b.client("old");
  pid_t old_accepted = holder(b, old);
  old.connect_ok(persistent(s, id));
  old.subscribe({{"to/t", {.qos = 1}}});
  pid_t home = holder(b, old);
  Client neu = accepted_where(
      b, "new", [&](pid_t p) { return s.workers == 1 || p != old_accepted; }, spare);
  pid_t new_accepted = holder(b, neu);
  CHECK(neu.connect_ok(persistent(s, id)).session_present);
  std::vector<Incoming> last = old.expect_closed();
  if (s.v5()) {
    REQUIRE(!last.empty());
    CHECK(last.back().is(Type::disconnect));
    CHECK(last.back().reason == 0x8E);  // Session taken over
  }
  CHECK(holder(b, neu) == home);  // one home per client id
  if (s.workers > 1) {
    CHECK(old_accepted != new_accepted);
    // They differ, so at least one of them was handed over to the home.
    if (old_accepted != home) CHECK(handed_over_logged(b, old));
    if (new_accepted != home) CHECK(handed_over_logged(b, neu));
  }
  Client pub = b.connected("takeover-pub");
  pub.publish({.topic = "to/t", .payload = "after", .qos = 1});
  expect_message(neu, "to/t", "after");
}

MM_BROKER_TEST_BOTH("Cluster: a persistent session resumed through a worker other than its home",
                    cluster_resume_elsewhere) {
  Broker b(s, kDebug);
  std::vector<Client> spare;
  const std::string id = "resume-elsewhere";
  pid_t home = 0;
  {
    Client first = b.client("first");
    first.connect_ok(persistent(s, id));
    first.subscribe({{"re/t", {.qos = 1}}});
    home = holder(b, first);
    first.disconnect();
  }
  Client pub = b.connected("resume-pub");
  for (int i = 0; i < 5; ++i)
    pub.publish({.topic = "re/t", .payload = "m" + std::to_string(i), .qos = 1});
  Client again = accepted_where(
      b, "again", [&](pid_t p) { return s.workers == 1 || p != home; }, spare);
  CHECK(again.connect_ok(persistent(s, id)).session_present);
  for (int i = 0; i < 5; ++i) expect_message(again, "re/t", "m" + std::to_string(i));
  CHECK(holder(b, again) == home);
  if (s.workers > 1) CHECK(handed_over_logged(b, again));
  // The subscription came along: live messages arrive too.
  pub.publish({.topic = "re/t", .payload = "live", .qos = 1});
  expect_message(again, "re/t", "live");
}

MM_BROKER_TEST_BOTH("Cluster: a will reaches a subscriber served by another worker", cluster_will) {
  Broker b(s);
  Client sub = b.connected("will-sub");
  sub.subscribe({{"wl/t", {.qos = 1}}});
  pid_t sub_home = holder(b, sub);
  // A client id whose home is not the subscriber's worker.
  std::string id;
  for (int k = 0; k < 64 && id.empty(); ++k) {
    Client probe = b.connected("will-" + std::to_string(k));
    pid_t h = holder(b, probe);
    probe.disconnect();
    if (s.workers == 1 || h != sub_home) id = "will-" + std::to_string(k);
  }
  REQUIRE(!id.empty());
  Client w = b.client("will");
  w.connect_ok({.client_id = id, .will = Will{.topic = "wl/t", .payload = "gone", .qos = 1}});
  if (s.workers > 1) CHECK(holder(b, w) != sub_home);
  w.drop();
  expect_message(sub, "wl/t", "gone");
}

// A lone worker keeps no route table (nothing would read it) and builds its routes from its
// sessions when its first peer comes up. Subscriptions made while one worker served must then
// be reached, exactly once, from publishers at every worker, also by the sessions that moved
// to the new worker (the old home must not send after them what their new home delivered).
// It grows the broker from 1 worker to 2; cluster_move_third below has the third worker.
static void cluster_grow(const Setup& s);
TEST_CASE("Cluster: subscriptions made by a lone worker are routed once a second joins - 3.1.1" *
          doctest::test_suite("multiworker")) {
  cluster_grow({1, wire::v311});
}
TEST_CASE("Cluster: subscriptions made by a lone worker are routed once a second joins - 5.0" *
          doctest::test_suite("multiworker")) {
  cluster_grow({1, wire::v5});
}
static void cluster_grow(const Setup& s) {
  const nlohmann::json debug = {{"log_level", "debug"}};
  Broker b(s, debug);
  const unsigned grown = 2;
  constexpr int kClients = 8;
  auto id = [](const char* role, int i) { return std::string("grow-") + role + std::to_string(i); };
  for (int i = 0; i < kClients; ++i) {  // offline persistent sessions of slot 0
    Client sub = b.connected(id("sub", i), persistent(s, id("sub", i)));
    sub.subscribe({{"grow/#", {.qos = 1}}});
    sub.disconnect();
  }
  size_t mark = b.server().reload(broker_config(grown, debug));
  // Slot 0 has applied the new members (and moved the sessions homed elsewhere now).
  REQUIRE(b.log().wait_for(
      "worker 0\\[\\d+\\] members: " + std::to_string(grown) + " slots serving", kWait, mark));
  std::vector<Client> subs;
  for (int i = 0; i < kClients; ++i) {
    subs.push_back(b.client(id("sub", i)));
    CHECK(subs.back().connect_ok(persistent(s, id("sub", i))).session_present);
  }
  std::set<pid_t> publisher_homes;
  std::vector<std::string> sent;
  for (int i = 0; i < kClients; ++i) {
    Client pub = b.connected(id("pub", i));
    publisher_homes.insert(holder(b, pub));
    sent.push_back("m" + std::to_string(i));
    pub.publish({.topic = "grow/" + std::to_string(i), .payload = sent.back(), .qos = 1});
  }
  CHECK(publisher_homes.size() > 1);  // the publishers' homes span the workers
  for (Client& sub : subs) {
    std::vector<std::string> got;
    for (int i = 0; i < kClients; ++i) got.push_back(sub.receive(kWait).payload);
    std::sort(got.begin(), got.end());
    std::string list;
    for (const std::string& g : got) list += " " + g;
    CHECK_MESSAGE(got == sent, sub.name() << " received:" << list);
  }
}

// A session moves to a new worker (slot 2 joins) while a session with an overlapping filter
// stays at its old home, and a publisher on the third worker publishes within the 5 s in which
// the old home still sends after the moved session what is routed to it. The third worker
// routes each message to both homes (the old one for the staying session, the new one for the
// moved session): each QoS 1 and QoS 2 message must reach the moved session once, not once
// from each home.
static void cluster_move_third(const Setup& s);
TEST_CASE("Cluster: a publish from a third worker reaches a session that just moved once - 3.1.1" *
          doctest::test_suite("multiworker")) {
  cluster_move_third({2, wire::v311});
}
TEST_CASE("Cluster: a publish from a third worker reaches a session that just moved once - 5.0" *
          doctest::test_suite("multiworker")) {
  cluster_move_third({2, wire::v5});
}
static void cluster_move_third(const Setup& s) {
  Broker b(s, kDebug);
  const std::vector<unsigned> two = {0, 1}, three = {0, 1, 2};
  const unsigned old_home = 0, third = 1, new_home = 2;
  const std::string moved = id_homed("move3-moved-", two, old_home, three, new_home);
  const std::string stays = id_homed("move3-stays-", two, old_home, three, old_home);
  const std::string publisher = id_homed("move3-pub-", two, third, three, third);
  std::map<unsigned, pid_t> slots = b.server().workers();
  Client st = b.connected(stays, persistent(s, stays));
  st.subscribe({{"mv/+", {.qos = 2}}});
  CHECK(holder(b, st) == slots.at(old_home));
  {
    Client m = b.connected(moved, persistent(s, moved));
    m.subscribe({{"mv/#", {.qos = 2}}});
    CHECK(holder(b, m) == slots.at(old_home));
    m.disconnect();  // its session waits at the old home, then moves
  }
  Client pub = b.connected(publisher);
  CHECK(holder(b, pub) == slots.at(third));

  size_t mark = b.server().reload(broker_config(3, kDebug));
  // The old home has moved the session (members are logged after the move), and every worker
  // knows the new members.
  for (unsigned slot : {old_home, third, new_home}) {
    REQUIRE(b.log().wait_for(
        "worker " + std::to_string(slot) + "\\[\\d+\\] members: 3 slots serving", kWait, mark));
  }
  const auto moved_at = Clock::now();
  // A SUBACK that announced a route waits for every peer's sync_ack: the old home's route_moved,
  // sent before, has then reached the third worker, which routes "mv/#" to the new home.
  pub.subscribe({{"mv-sync/" + publisher, {.qos = 0}}});
  std::set<std::string> sent;
  for (int i = 0; i < 6; ++i) {
    const uint8_t qos = i % 2 == 0 ? 1 : 2;
    sent.insert("m" + std::to_string(i));
    pub.publish(
        {.topic = "mv/" + std::to_string(i), .payload = "m" + std::to_string(i), .qos = qos});
  }
  // Else the old home may have stopped sending after the session, and nothing is shown.
  CHECK_MESSAGE(Clock::now() - moved_at < Ms(4000), "published too late to show anything");

  Client m = b.client("moved");
  CHECK(m.connect_ok(persistent(s, moved)).session_present);
  CHECK(holder(b, m) == b.server().workers().at(new_home));
  for (Client* c : {&m, &st}) {
    std::multiset<std::string> got;
    while (got.size() < sent.size()) got.insert(c->receive(kWait).payload);
    for (const std::string& p : payloads(drain(*c))) got.insert(p);
    std::string list;
    for (const std::string& g : got) list += " " + g;
    CHECK_MESSAGE(got == std::multiset<std::string>(sent.begin(), sent.end()),
                  c->name() << " received:" << list);
  }
}

// A reload retires the home of online persistent sessions (worker_num 3 -> 2). Each session
// moves to its new home, and its client is disconnected (5.0: DISCONNECT 0x8B) only once the
// new home has it: the new home is held stopped (SIGSTOP) across the reload, and meanwhile the
// clients stay connected (closing them at once let a quick reconnect reach the new home ahead
// of the session and get session present 0). Resumed, every client is disconnected,
// reconnects at once and finds its session there, subscription included.
static void cluster_retire_reconnect(const Setup& s);
TEST_CASE(
    "Cluster: a client whose home retires is closed once its session is at the new home "
    "- 3.1.1" *
    doctest::test_suite("multiworker")) {
  cluster_retire_reconnect({3, wire::v311});
}
TEST_CASE(
    "Cluster: a client whose home retires is closed once its session is at the new home "
    "- 5.0" *
    doctest::test_suite("multiworker")) {
  cluster_retire_reconnect({3, wire::v5});
}
static void cluster_retire_reconnect(const Setup& s) {
  Broker b(s, kDebug);
  const std::vector<unsigned> three = {0, 1, 2}, two = {0, 1};
  const unsigned retiring = 2, new_home = 1;
  constexpr int kClients = 4;
  std::map<unsigned, pid_t> slots = b.server().workers();
  std::vector<std::string> ids;
  std::vector<Client> clients;
  for (int i = 0; i < kClients; ++i) {
    ids.push_back(id_homed("retire" + std::to_string(i) + "-", three, retiring, two, new_home));
    clients.push_back(b.connected(ids.back(), persistent(s, ids.back())));
    clients.back().subscribe({{"rt/" + std::to_string(i), {.qos = 1}}});
    CHECK(holder(b, clients.back()) == slots.at(retiring));
  }
  // A publisher that stays where it is (slot 0), connected before the retiring worker's
  // accept queue can take it.
  Client pub = b.connected(id_homed("retire-pub-", three, 0, two, 0));
  CHECK(holder(b, pub) == slots.at(0));
  const pid_t held = slots.at(new_home);
  struct Resume {  // whatever happens, the new home runs again
    pid_t pid;
    ~Resume() { kill(pid, SIGCONT); }
  } resume{held};
  REQUIRE(kill(held, SIGSTOP) == 0);
  size_t mark = b.server().reload(broker_config(2, kDebug));
  // The retiring worker has sent the sessions away (members are logged after the move).
  REQUIRE(b.log().wait_for("worker 2\\[\\d+\\] members: 2 slots serving", kWait, mark));
  // The new home cannot have answered: nobody is disconnected yet.
  CHECK_MESSAGE(clients.front().quiet(Ms(300)), "closed before the new home had the session");
  REQUIRE(kill(held, SIGCONT) == 0);
  std::vector<Client> again;
  for (int i = 0; i < kClients; ++i) {
    std::vector<Incoming> before = clients[i].expect_closed(kWait);
    if (s.v5()) {
      REQUIRE(before.size() == 1);
      CHECK(before[0].reason == 0x8B);  // Server shutting down
    }
    // At once; an attempt that landed in the retiring worker's accept queue is reset before
    // CONNACK (ARCHITECTURE.md, "Retiring a slot"), and is made again, as a client would.
    for (int attempt = 0;; ++attempt) {
      Client c = b.client(ids[i] + "-again");
      bool present = false;
      try {
        present = c.connect_ok(persistent(s, ids[i])).session_present;
      } catch (const std::exception& e) {
        if (attempt == 4 || std::string(e.what()).find("connection closed") == std::string::npos)
          throw;
        continue;
      }
      CHECK(present);
      again.push_back(std::move(c));
      break;
    }
  }
  for (int i = 0; i < kClients; ++i) {
    CHECK(holder(b, again[i]) == b.server().workers().at(new_home));
    pub.publish({.topic = "rt/" + std::to_string(i), .payload = "m" + std::to_string(i), .qos = 1});
    CHECK(again[i].receive(kWait).payload == "m" + std::to_string(i));
  }
}

}  // namespace mm::test::broker
