// Every bounded key accepted at its bounds and rejected just outside them. The numbers are
// written out here, not read from the table, so that a wrong bound in the table fails.

#include <doctest/doctest.h>

#include <set>
#include <string>

#include "config/keys.h"
#include "tests/unit/config/helpers.h"

namespace mm::config {
namespace {

struct BoundsCase {
  std::string path;        // JSON pointer of the key
  std::string low;         // the smallest accepted value
  std::string high;        // the largest accepted value
  std::string below;       // just below `low`
  std::string above;       // just above `high`
  std::string expect;      // the expectation in the error message
  std::string extra = "";  // other members the values need
};

const BoundsCase kCases[] = {
    {"/worker_num", "1", "1024", "0", "1025", "an integer between 1 and 1024"},
    {"/package_max_length", "16", "268435460", "15", "268435461",
     "an integer between 16 and 268435460"},
    {"/connect_max_length", "16", "268435460", "15", "268435461",
     "an integer between 16 and 268435460", R"(, "package_max_length": 268435460)"},
    {"/max_connection", "1", "10000000", "0", "10000001", "an integer between 1 and 10000000"},
    {"/connect_timeout", "0.001", "3600", "0", "3600.001",
     "a number greater than 0 and at most 3600"},
    {"/heartbeat_idle_time", "0", "604800", "-0.001", "604800.001",
     "a number between 0 and 604800"},
    {"/socket_buffer_size", "16", "1073741824", "15", "1073741825",
     "an integer between 16 and 1073741824", R"(, "package_max_length": 16)"},
    {"/shutdown_timeout", "0.001", "3600", "0", "3600.001",
     "a number greater than 0 and at most 3600"},
    {"/max_inflight_messages", "1", "65535", "0", "65536", "an integer between 1 and 65535"},
    {"/max_queued_messages", "0", "10000000", "-1", "10000001",
     "an integer between 0 and 10000000"},
    {"/max_queued_bytes", "0", "1099511627776", "-1", "1099511627777",
     "an integer between 0 and 1099511627776"},
    {"/sys_interval", "0", "86400", "-0.001", "86400.001", "a number between 0 and 86400"},
    {"/max_keepalive", "1", "65535", "0", "65536", "an integer between 1 and 65535"},
    {"/topic_alias_maximum", "0", "65535", "-1", "65536", "an integer between 0 and 65535"},
    {"/max_client_id_length", "1", "65535", "0", "65536", "an integer between 1 and 65535"},
    {"/max_topic_length", "1", "65535", "0", "65536", "an integer between 1 and 65535"},
    {"/max_topic_levels", "1", "65535", "0", "65536", "an integer between 1 and 65535"},
    {"/max_subscriptions_per_client", "1", "1000000", "0", "1000001",
     "an integer between 1 and 1000000"},
    {"/persistent_client_expiration", "0", "4294967295", "-1", "4294967296",
     "an integer between 0 and 4294967295"},
};

std::string doc(const std::string& path, const std::string& value, const std::string& extra) {
  return "{\"" + path.substr(1) + "\": " + value + extra + "}";
}

TEST_CASE("bounded keys: accepted at the bounds, rejected just outside") {
  for (const BoundsCase& c : kCases) {
    CAPTURE(c.path);
    test::load_ok(doc(c.path, c.low, c.extra));
    test::load_ok(doc(c.path, c.high, c.extra));
    CHECK(test::load_one_error(doc(c.path, c.below, c.extra)) ==
          c.path + ": must be " + c.expect + " (got " + c.below + ")");
    CHECK(test::load_one_error(doc(c.path, c.above, c.extra)) ==
          c.path + ": must be " + c.expect + " (got " + c.above + ")");
  }
}

TEST_CASE("listener port: 0 and 65535 accepted, -1 and 65536 rejected") {
  auto listeners = [](const std::string& port) {
    return R"({"listeners": [{"host": "::1", "port": 1}, {"host": "127.0.0.1", "port": )" + port +
           "}]}";
  };
  CHECK(test::load_ok(listeners("0")).listeners[1].port == 0);
  CHECK(test::load_ok(listeners("65535")).listeners[1].port == 65535);
  CHECK(test::load_one_error(listeners("-1")) ==
        "/listeners/1/port: must be an integer between 0 and 65535 (got -1)");
  CHECK(test::load_one_error(listeners("70000")) ==
        "/listeners/1/port: must be an integer between 0 and 65535 (got 70000)");
}

std::string n_listeners(int count) {
  std::string items;
  for (int i = 0; i < count; ++i) {
    items += (i ? ", " : "") + std::string(R"({"host": "127.0.0.1", "port": )") +
             std::to_string(1000 + i) + "}";
  }
  return R"({"listeners": [)" + items + "]}";
}

TEST_CASE("listeners: 1 to 64 of them") {
  CHECK(test::load_ok(n_listeners(1)).listeners.size() == 1);
  CHECK(test::load_ok(n_listeners(64)).listeners.size() == 64);
  CHECK(test::load_one_error(n_listeners(0)) ==
        "/listeners: must be an array of 1 to 64 items (got an array of 0 items)");
  CHECK(test::load_one_error(n_listeners(65)) ==
        "/listeners: must be an array of 1 to 64 items (got an array of 65 items)");
}

TEST_CASE("every numeric key of the table has a bounds case here") {
  std::set<std::string> covered = {"/listeners/*/port"};
  for (const BoundsCase& c : kCases) covered.insert(c.path);
  for (const KeyInfo& key : key_table()) {
    std::string type = key.type;
    if (type != "integer" && type != "number") continue;
    CAPTURE(key.path);
    CHECK(covered.count(key.path) == 1);
  }
}

}  // namespace
}  // namespace mm::config
