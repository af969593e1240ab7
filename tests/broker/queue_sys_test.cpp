// The offline queue of persistent sessions (bounded by max_queued_messages and
// max_queued_bytes, drop-newest, counted in $SYS and logged) and the $SYS topics with
// mosquitto's names, published every sys_interval seconds.
#include <map>
#include <set>

#include "tests/broker/harness.h"

namespace mm::test::broker {
namespace {

// A persistent session subscribed to `filter` at QoS `qos`, then disconnected.
void offline_subscriber(Broker& b, const Setup& s, const std::string& filter, uint8_t qos) {
  Client sub = b.client("sub");
  sub.connect_ok(persistent(s, "sub"));
  sub.subscribe({{filter, {.qos = qos}}});
  sub.disconnect();
}

// Reads "$SYS/#" on `c` until every topic in `wanted` has a value; returns the latest values.
std::map<std::string, std::string> sys_values(Client& c, const std::set<std::string>& wanted) {
  std::map<std::string, std::string> seen;
  auto has_all = [&] {
    for (const std::string& t : wanted) {
      if (!seen.count(t)) return false;
    }
    return true;
  };
  while (!has_all()) {
    Incoming m = c.receive(kWait);
    seen[m.topic] = m.payload;
  }
  return seen;
}

}  // namespace

MM_BROKER_TEST_BOTH("Offline queue: bounded by max_queued_messages, newest dropped and counted",
                    queue_max_messages) {
  Broker b(s, {{"max_queued_messages", 3}, {"sys_interval", 1}});
  offline_subscriber(b, s, "q", 1);
  size_t mark = b.log().mark();
  Client pub = b.connected("pub");
  for (int i = 0; i < 6; ++i) pub.publish({.topic = "q", .payload = std::to_string(i), .qos = 1});
  Client sub = b.client("sub");
  sub.connect_ok(persistent(s, "sub"));
  CHECK(payloads(drain(sub)) == std::vector<std::string>{"0", "1", "2"});
  CHECK(b.log().wait_for("drop", kWait, mark).has_value());  // logged, never silent
  sub.subscribe({{"$SYS/broker/publish/messages/dropped", {}}});
  // The retained value may predate the drops by up to one sys_interval: wait for the update.
  long dropped = 0;
  for (int updates = 0; updates < 4 && dropped < 3; ++updates) {
    dropped = std::stol(sys_values(sub, {"$SYS/broker/publish/messages/dropped"}).begin()->second);
  }
  CHECK(dropped >= 3);
}

MM_BROKER_TEST_BOTH("Offline queue: bounded by max_queued_bytes", queue_max_bytes) {
  Broker b(s, {{"max_queued_bytes", 1000}});
  offline_subscriber(b, s, "q", 1);
  Client pub = b.connected("pub");
  for (int i = 0; i < 10; ++i) {
    pub.publish({.topic = "q", .payload = std::to_string(i) + std::string(299, 'x'), .qos = 1});
  }
  Client sub = b.client("sub");
  sub.connect_ok(persistent(s, "sub"));
  auto got = drain(sub);
  // 300-byte payloads in 1000 bytes: at most 3, however headers are counted; the first ones.
  CHECK(got.size() >= 1);
  CHECK(got.size() <= 3);
  for (size_t i = 0; i < got.size(); ++i) CHECK(got[i].payload[0] == char('0' + i));
}

MM_BROKER_TEST_BOTH("Offline queue: QoS 0 is queued only with queue_qos0_messages", queue_qos0) {
  for (bool queue : {false, true}) {
    CAPTURE(queue);
    Broker b(s, {{"queue_qos0_messages", queue}});
    offline_subscriber(b, s, "q/#", 1);
    Client pub = b.connected("pub");
    pub.publish({.topic = "q/0", .payload = "qos0", .qos = 0});
    pub.publish({.topic = "q/1", .payload = "qos1", .qos = 1});
    Client sub = b.client("sub");
    sub.connect_ok(persistent(s, "sub"));
    auto got = payloads(drain(sub));
    if (queue) CHECK(got == std::vector<std::string>{"qos0", "qos1"});
    if (!queue) CHECK(got == std::vector<std::string>{"qos1"});
  }
}

MM_BROKER_TEST("$SYS: mosquitto's topics every sys_interval seconds", sys_topics) {
  Broker b(s, {{"sys_interval", 1}});
  Client pub = b.connected("pub");
  pub.publish({.topic = "keep", .payload = "r", .qos = 1, .retain = true});
  Client sub = b.connected("sys");
  sub.subscribe({{"$SYS/#", {}}});
  std::set<std::string> names = {
      "$SYS/broker/version",
      "$SYS/broker/uptime",
      "$SYS/broker/clients/connected",
      "$SYS/broker/clients/disconnected",
      "$SYS/broker/clients/maximum",
      "$SYS/broker/clients/total",
      "$SYS/broker/messages/received",
      "$SYS/broker/messages/sent",
      "$SYS/broker/bytes/received",
      "$SYS/broker/bytes/sent",
      "$SYS/broker/publish/messages/dropped",
      "$SYS/broker/subscriptions/count",
      "$SYS/broker/retained messages/count",
      "$SYS/broker/load/messages/received/1min",
      "$SYS/broker/load/messages/sent/1min",
      "$SYS/broker/load/bytes/received/1min",
      "$SYS/broker/load/bytes/sent/1min",
      "$SYS/broker/load/connections/1min",
  };
  // Retained values may be one sys_interval old when subscribing: read rounds until they
  // show the two clients (a few intervals at most).
  auto v = sys_values(sub, names);
  for (int round = 0; round < 4 && std::stol(v["$SYS/broker/clients/connected"]) < 2; ++round) {
    v = sys_values(sub, names);
  }
  CHECK_FALSE(v["$SYS/broker/version"].empty());
  CHECK(std::stol(v["$SYS/broker/clients/connected"]) >= 2);
  CHECK(std::stol(v["$SYS/broker/clients/maximum"]) >= 2);
  CHECK(std::stol(v["$SYS/broker/clients/total"]) >= 2);
  CHECK(std::stol(v["$SYS/broker/messages/received"]) >= 1);
  CHECK(std::stol(v["$SYS/broker/retained messages/count"]) >= 1);
  CHECK(std::stol(v["$SYS/broker/subscriptions/count"]) >= 1);
  // The counts follow: a third client is seen in a later round.
  Client third = b.connected("third");
  std::string connected;
  while (connected.empty() || std::stol(connected) < 3) {
    Incoming m = sub.receive(kWait);
    if (m.topic == "$SYS/broker/clients/connected") connected = m.payload;
  }
}

MM_BROKER_TEST("$SYS: sys_interval 0 publishes nothing", sys_off) {
  Broker b(s, {{"sys_interval", 0}});
  Client sub = b.connected("sys");
  sub.subscribe({{"$SYS/#", {}}});
  CHECK(sub.quiet(Ms(2000)));
}

}  // namespace mm::test::broker
