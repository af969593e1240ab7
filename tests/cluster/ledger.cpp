#include "tests/cluster/ledger.h"

#include <algorithm>

#include "tests/cluster/conn.h"
#include "tests/cluster/topic_match.h"

namespace mm::test::cluster {

void Ledger::add_client(size_t client, std::vector<Filter> plain) {
  clients_[client].plain = std::move(plain);
}

void Ledger::add_group(size_t group, std::string filter,
                       std::vector<std::pair<size_t, uint8_t>> members) {
  GroupModel& g = groups_[group];
  g.filter = std::move(filter);
  for (auto [client, qos] : members) {
    g.members.push_back(client);
    clients_[client].group = static_cast<int>(group);
    clients_[client].group_qos = qos;
  }
}

int Ledger::plain_qos(size_t client, const std::string& topic) const {
  int best = -1;
  for (const Filter& f : clients_.at(client).plain) {
    if (topic_matches(f.filter, topic)) best = std::max(best, int(f.qos));
  }
  return best;
}

uint64_t Ledger::record_publish(size_t publisher, const std::string& topic, uint8_t qos) {
  Sent s{publisher, topic, qos, false, {}};
  for (const auto& [id, c] : clients_) {
    int q = c.active ? plain_qos(id, topic) : -1;
    if (q >= 0) s.expects.push_back({long(id), uint8_t(std::min<int>(q, qos))});
  }
  for (const auto& [id, g] : groups_) {
    if (!topic_matches(g.filter, topic)) continue;
    bool any_active = std::any_of(g.members.begin(), g.members.end(),
                                  [&](size_t m) { return clients_.at(m).active; });
    if (!any_active) continue;
    s.expects.push_back({-long(id) - 1, qos, g.degraded});
  }
  for (const Expect& e : s.expects) {
    if (e.optional) continue;
    ++pending_;
    ++counts_.required[e.target >= 0 ? e.qos : std::min<int>(e.qos, 2)];
  }
  ++counts_.published[qos];
  sent_.push_back(std::move(s));
  return sent_.size() - 1;
}

Ledger::Expect* Ledger::find(Sent& s, long target) {
  for (Expect& e : s.expects) {
    if (e.target == target) return &e;
  }
  return nullptr;
}

void Ledger::fail(const std::string& what) {
  ++failure_count_;
  if (failures_.size() < 40) failures_.push_back(what);
}

void Ledger::on_delivery(size_t client, const wire::Incoming& p) {
  auto key = key_of(p.payload);
  if (!key || *key >= sent_.size())
    return fail("client " + std::to_string(client) + ": foreign payload " + p.describe());
  Sent& s = sent_[*key];
  const ClientModel& c = clients_.at(client);
  std::string who =
      "client " + std::to_string(client) + " key " + std::to_string(*key) + " topic " + s.topic;
  if (p.topic != s.topic) return fail(who + ": arrived on topic " + p.topic);
  bool via_group = c.group >= 0 && topic_matches(groups_.at(size_t(c.group)).filter, s.topic);
  int sub_qos = via_group ? c.group_qos : plain_qos(client, s.topic);
  if (sub_qos < 0) return fail(who + ": does not match any subscription of the client");
  uint8_t want_qos = uint8_t(std::min<int>(sub_qos, s.qos));
  if (p.qos != want_qos)
    fail(who + ": delivered at QoS " + std::to_string(p.qos) + ", expected " +
         std::to_string(want_qos));
  long target = via_group ? -long(c.group) - 1 : long(client);
  Expect* e = find(s, target);
  if (e == nullptr) {
    // Published before the subscription was in force: allowed, once.
    s.expects.push_back({target, want_qos, true});
    e = &s.expects.back();
  }
  if (++e->got > 1) {
    if (via_group) return fail(who + ": shared group got it " + std::to_string(e->got) + " times");
    if (p.qos != 1) return fail(who + ": QoS " + std::to_string(p.qos) + " duplicate");
    ++counts_.qos1_repeats;
    return;
  }
  if (e->optional) {
    ++counts_.optional_got;
  } else {
    --pending_;
  }
  ++counts_.delivered[p.qos];
  check_order(client, s, *key);
}

void Ledger::check_order(size_t client, const Sent& s, uint64_t key) {
  uint64_t& last =
      last_key_[std::to_string(client) + "|" + std::to_string(s.publisher) + "|" + s.topic];
  if (last > key) {
    fail("client " + std::to_string(client) + ": key " + std::to_string(key) + " from publisher " +
         std::to_string(s.publisher) + " on " + s.topic + " after key " + std::to_string(last - 1));
  }
  last = std::max(last, key + 1);
}

void Ledger::excuse(Expect& e) {
  if (e.optional) return;
  e.optional = true;
  if (e.got == 0) --pending_;
}

void Ledger::excuse_client(size_t client) {
  for (Sent& s : sent_) {
    if (Expect* e = find(s, long(client)); e && e->got == 0) excuse(*e);
  }
}

void Ledger::excuse_group(size_t group) {
  for (Sent& s : sent_) {
    if (Expect* e = find(s, -long(group) - 1); e && e->got == 0) excuse(*e);
  }
}

void Ledger::excuse_publisher(size_t publisher, uint64_t from_key) {
  for (uint64_t k = from_key; k < sent_.size(); ++k) {
    Sent& s = sent_[k];
    if (s.publisher == publisher && (s.qos == 0 || !s.acked)) excuse_message(k);
  }
}

void Ledger::excuse_message(uint64_t key) {
  for (Expect& e : sent_[key].expects) excuse(e);
}

void Ledger::finish() {
  for (uint64_t k = 0; k < sent_.size(); ++k) {
    for (const Expect& e : sent_[k].expects) {
      if (e.optional || e.got > 0) continue;
      ++counts_.missing[e.qos];
      fail("missing: key " + std::to_string(k) + " (QoS " + std::to_string(sent_[k].qos) + " on " +
           sent_[k].topic + " from client " + std::to_string(sent_[k].publisher) + ") for " +
           (e.target >= 0 ? "client " + std::to_string(e.target)
                          : "group " + std::to_string(-e.target - 1)));
    }
  }
}

std::vector<size_t> Ledger::groups_of_member(size_t client) const {
  auto it = clients_.find(client);
  if (it == clients_.end() || it->second.group < 0) return {};
  return {size_t(it->second.group)};
}

}  // namespace mm::test::cluster
