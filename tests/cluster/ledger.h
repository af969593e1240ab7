#pragma once
// The reference model of the cluster tests: who holds which subscription, what was published,
// what each subscriber must get (and at which QoS), and what it got. Deliveries are checked as
// they arrive (matching, QoS, duplicates, order per publisher and topic); missing ones are
// counted at the end.
//
// A target is a client's ordinary subscriptions taken together (one copy, highest QoS: MQTT
// 5.0 section 3.3.4) or a shared group (one copy for the whole group). Tests keep the two
// apart: a group member holds no ordinary subscription matching its group's topics.

#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "tests/wire/incoming.h"

namespace mm::test::cluster {

struct Filter {
  std::string filter;
  uint8_t qos = 0;
};

struct Counts {
  uint64_t published[3] = {};
  uint64_t delivered[3] = {};  // first deliveries, by delivered QoS
  uint64_t required[3] = {};   // required deliveries, by delivered QoS
  uint64_t missing[3] = {};
  uint64_t optional_got = 0;  // deliveries that were allowed but not required
  uint64_t qos1_repeats = 0;  // QoS 1 delivered more than once (allowed)
};

class Ledger {
 public:
  void add_client(size_t client, std::vector<Filter> plain);
  void add_group(size_t group, std::string filter, std::vector<std::pair<size_t, uint8_t>> members);
  // Whether a client's subscriptions (plain and group) are in force: messages published while
  // they are become required for it.
  void set_active(size_t client, bool active) { clients_[client].active = active; }
  // A group whose messages may be lost (a member's worker was killed): at most once each.
  void set_group_degraded(size_t group, bool degraded) { groups_[group].degraded = degraded; }

  uint64_t record_publish(size_t publisher, const std::string& topic, uint8_t qos);
  void acked(uint64_t key) { sent_[key].acked = true; }
  void on_delivery(size_t client, const wire::Incoming& p);

  // Pending required deliveries to a client's plain target / a group become optional.
  void excuse_client(size_t client);
  void excuse_group(size_t group);
  // What a publisher had sent and not had acknowledged (QoS 0: everything it sent on the
  // connection that was lost since `from_key`) becomes optional for every target.
  void excuse_publisher(size_t publisher, uint64_t from_key);
  void excuse_message(uint64_t key);

  uint64_t pending() const { return pending_; }
  uint64_t next_key() const { return sent_.size(); }
  // Counts missing deliveries; call once at the end.
  void finish();
  const Counts& counts() const { return counts_; }
  const std::vector<std::string>& failures() const { return failures_; }
  uint64_t failure_count() const { return failure_count_; }
  // Groups of the model, for callers that need their members.
  std::vector<size_t> groups_of_member(size_t client) const;

 private:
  struct ClientModel {
    std::vector<Filter> plain;
    int group = -1;
    uint8_t group_qos = 0;
    bool active = false;
  };
  struct GroupModel {
    std::string filter;
    std::vector<size_t> members;
    bool degraded = false;
  };
  struct Expect {
    long target;  // >= 0: a client's plain subscriptions; < 0: group -(target + 1)
    uint8_t qos;  // delivered QoS (groups: the publish QoS, capped per member)
    bool optional = false;
    int got = 0;
  };
  struct Sent {
    size_t publisher;
    std::string topic;
    uint8_t qos;
    bool acked = false;
    std::vector<Expect> expects;
  };
  int plain_qos(size_t client, const std::string& topic) const;  // -1: no match
  void fail(const std::string& what);
  void excuse(Expect& e);
  Expect* find(Sent& s, long target);
  void check_order(size_t client, const Sent& s, uint64_t key);

  std::map<size_t, ClientModel> clients_;
  std::map<size_t, GroupModel> groups_;
  std::vector<Sent> sent_;
  std::unordered_map<std::string, uint64_t> last_key_;  // client|publisher|topic -> key
  uint64_t pending_ = 0;
  Counts counts_;
  std::vector<std::string> failures_;
  uint64_t failure_count_ = 0;
};

}  // namespace mm::test::cluster
