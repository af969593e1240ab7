// diff() reports exactly the keys that changed, each with the class that applies it.

#include <doctest/doctest.h>

#include "config/keys.h"
#include "config/loader.h"

namespace mm::config {
namespace {

struct DiffCase {
  void (*change)(Config& cfg);  // changes one key
  const char* key;
  ReloadClass reload;
};

const DiffCase kCases[] = {
    {[](Config& c) { c.worker_num += 1; }, "worker_num", ReloadClass::workers},
    {[](Config& c) {
       c.listeners.push_back({"::1", 0});
     },
     "listeners", ReloadClass::listeners},
    {[](Config& c) { c.package_max_length = 4096; }, "package_max_length", ReloadClass::live},
    {[](Config& c) { c.connect_max_length = 4096; }, "connect_max_length", ReloadClass::live},
    {[](Config& c) { c.max_connection = 5; }, "max_connection", ReloadClass::live},
    {[](Config& c) { c.connect_timeout = 2.5; }, "connect_timeout", ReloadClass::live},
    {[](Config& c) { c.heartbeat_idle_time = 60; }, "heartbeat_idle_time", ReloadClass::live},
    {[](Config& c) { c.socket_buffer_size = 4 << 20; }, "socket_buffer_size", ReloadClass::live},
    {[](Config& c) { c.pid_file = "/run/x.pid"; }, "pid_file", ReloadClass::live},
    {[](Config& c) { c.log_file = "/tmp/x.log"; }, "log_file", ReloadClass::live},
    {[](Config& c) { c.log_level = common::LogLevel::error; }, "log_level", ReloadClass::live},
    {[](Config& c) { c.shutdown_timeout = 1; }, "shutdown_timeout", ReloadClass::live},
    {[](Config& c) { c.allow_anonymous = false; }, "allow_anonymous", ReloadClass::live},
    {[](Config& c) { c.max_inflight_messages = 5; }, "max_inflight_messages", ReloadClass::live},
    {[](Config& c) { c.max_queued_messages = 5; }, "max_queued_messages", ReloadClass::live},
    {[](Config& c) { c.max_queued_bytes = 5; }, "max_queued_bytes", ReloadClass::live},
    {[](Config& c) { c.queue_qos0_messages = true; }, "queue_qos0_messages", ReloadClass::live},
    {[](Config& c) { c.retain_available = false; }, "retain_available", ReloadClass::live},
    {[](Config& c) { c.sys_interval = 1; }, "sys_interval", ReloadClass::live},
    {[](Config& c) { c.max_keepalive = 60; }, "max_keepalive", ReloadClass::live},
    {[](Config& c) { c.topic_alias_maximum = 0; }, "topic_alias_maximum", ReloadClass::live},
    {[](Config& c) { c.max_client_id_length = 23; }, "max_client_id_length", ReloadClass::live},
    {[](Config& c) { c.max_topic_length = 100; }, "max_topic_length", ReloadClass::live},
    {[](Config& c) { c.max_topic_levels = 3; }, "max_topic_levels", ReloadClass::live},
    {[](Config& c) { c.max_subscriptions_per_client = 3; }, "max_subscriptions_per_client",
     ReloadClass::live},
    {[](Config& c) { c.shared_subscription_strategy = "random"; }, "shared_subscription_strategy",
     ReloadClass::live},
    {[](Config& c) { c.persistent_client_expiration = 60; }, "persistent_client_expiration",
     ReloadClass::live},
};

TEST_CASE("diff of one changed key") {
  Config before = default_config();
  for (const DiffCase& c : kCases) {
    CAPTURE(c.key);
    Config after = before;
    c.change(after);
    std::vector<Change> changes = diff(before, after);
    REQUIRE(changes.size() == 1);
    CHECK(changes[0].key == c.key);
    CHECK(changes[0].reload == c.reload);
  }
}

TEST_CASE("diff of nothing, and of several keys in table order") {
  CHECK(diff(default_config(), default_config()).empty());
  Config before = default_config();
  Config after = before;
  after.log_level = common::LogLevel::debug;
  after.listeners.push_back({"::1", 0});
  after.worker_num += 1;
  std::vector<Change> changes = diff(before, after);
  REQUIRE(changes.size() == 3);
  CHECK(changes[0].key == "worker_num");
  CHECK(changes[0].reload == ReloadClass::workers);
  CHECK(changes[1].key == "listeners");
  CHECK(changes[1].reload == ReloadClass::listeners);
  CHECK(changes[2].key == "log_level");
  CHECK(changes[2].reload == ReloadClass::live);
  // A listener's port alone is a change of the listeners.
  after = before;
  after.listeners[0].port = 1;
  REQUIRE(diff(before, after).size() == 1);
  CHECK(diff(before, after)[0].key == "listeners");
}

TEST_CASE("every top-level key has a diff case") {
  for (const KeyInfo& key : key_table()) {
    std::string path = key.path;
    if (path.find('/', 1) != std::string::npos) continue;
    bool found = false;
    for (const DiffCase& c : kCases) found = found || path == std::string("/") + c.key;
    CAPTURE(path);
    CHECK(found);
  }
}

}  // namespace
}  // namespace mm::config
