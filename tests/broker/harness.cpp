#include "tests/broker/harness.h"

#include <algorithm>

namespace mm::test::broker {

nlohmann::json broker_config(unsigned workers, const nlohmann::json& overrides) {
  nlohmann::json c = {
      {"worker_num", workers},
      {"listeners", nlohmann::json::array({{{"host", "127.0.0.1"}, {"port", 0}}})},
      {"log_level", "info"},
      {"shutdown_timeout", 5},
  };
  for (const auto& [key, value] : overrides.items()) c[key] = value;
  return c;
}

Broker::Broker(const Setup& s, const nlohmann::json& overrides)
    : setup_(s), server_(MM_BINARY, broker_config(s.workers, overrides)) {
  REQUIRE_MESSAGE(server_.start(kWait), server_.error());
  REQUIRE(server_.port() != 0);
  REQUIRE_MESSAGE(server_.wait_workers(s.workers, kWait).has_value(), server_.log().text());
}

Broker::~Broker() {
  std::string reports = server_.sanitizer_reports();
  if (!reports.empty()) FAIL_CHECK("sanitizer reports in the broker's output:\n" << reports);
}

Client Broker::client(const std::string& name, uint8_t version) {
  return Client(port(), version != 0 ? version : setup_.version, name);
}

Client Broker::connected(const std::string& id, ConnectOptions o, uint8_t version) {
  if (o.client_id.empty()) o.client_id = id;
  Client c = client(id, version);
  c.connect_ok(o);
  return c;
}

ConnectOptions persistent(const Setup& s, const std::string& id) {
  ConnectOptions o{.client_id = id, .clean = false};
  if (s.v5()) o.props = {session_expiry(600)};
  return o;
}

Incoming expect_message(Client& c, const std::string& topic, const std::string& payload) {
  Incoming m = c.receive(kWait);
  CHECK(m.topic == topic);
  CHECK(m.payload == payload);
  return m;
}

std::vector<Incoming> before_marker(Client& pub, Client& sub, const std::string& marker) {
  pub.publish({.topic = marker, .payload = "marker", .qos = 1});
  std::vector<Incoming> before;
  for (;;) {
    Incoming m = sub.receive(kWait);
    if (m.topic == marker) return before;
    before.push_back(std::move(m));
  }
}

void expect_only_marker(Client& pub, Client& sub, const std::string& marker) {
  auto before = before_marker(pub, sub, marker);
  for (const Incoming& m : before) FAIL_CHECK("unexpected: " << m.describe());
}

std::vector<Incoming> drain(Client& c) {
  std::vector<Incoming> out;
  while (!c.quiet(kQuiet)) out.push_back(c.receive(kWait));
  return out;
}

std::vector<std::string> payloads(const std::vector<Incoming>& msgs) {
  std::vector<std::string> out;
  for (const Incoming& m : msgs) out.push_back(m.payload);
  return out;
}

}  // namespace mm::test::broker
