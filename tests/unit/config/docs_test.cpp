// config/README.md carries the reference generated from the key table; this keeps them in step.
// To regenerate the section after changing the table:
//   MM_UPDATE_DOCS=1 build/<dir>/tests/unit/config/unit_config -tc='config/README.md*'

#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>

#include "config/keys.h"

namespace mm::config {
namespace {

constexpr std::string_view kBegin = "<!-- BEGIN KEYS -->\n";
constexpr std::string_view kEnd = "<!-- END KEYS -->";

std::string read_text(const char* path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST_CASE("config/README.md: the key reference is what render_reference() produces") {
  std::string readme = read_text(MM_CONFIG_README);
  size_t begin = readme.find(kBegin);
  size_t end = readme.find(kEnd);
  REQUIRE_MESSAGE(begin != std::string::npos, "no " << kBegin << "in " << MM_CONFIG_README);
  REQUIRE(end != std::string::npos);
  REQUIRE(begin < end);
  begin += kBegin.size();
  std::string generated = render_reference();
  const char* update = std::getenv("MM_UPDATE_DOCS");
  if (update && std::string(update) == "1") {
    readme.replace(begin, end - begin, generated);
    std::ofstream(MM_CONFIG_README, std::ios::binary | std::ios::trunc) << readme;
    MESSAGE("rewrote the key reference in " << MM_CONFIG_README);
    return;
  }
  CHECK_MESSAGE(readme.substr(begin, end - begin) == generated, MM_CONFIG_README
                " is out of date with the key table; regenerate it with\n"
                "  MM_UPDATE_DOCS=1 unit_config -tc='config/README.md*'");
}

TEST_CASE("key table: paths, order and documentation") {
  std::vector<std::string> paths;
  for (const KeyInfo& key : key_table()) paths.push_back(key.path);
  std::vector<std::string> expected = {
      "/worker_num",
      "/listeners",
      "/listeners/*/host",
      "/listeners/*/port",
      "/package_max_length",
      "/connect_max_length",
      "/max_connection",
      "/connect_timeout",
      "/heartbeat_idle_time",
      "/socket_buffer_size",
      "/pid_file",
      "/log_file",
      "/log_level",
      "/shutdown_timeout",
      "/allow_anonymous",
      "/max_inflight_messages",
      "/max_queued_messages",
      "/max_queued_bytes",
      "/queue_qos0_messages",
      "/retain_available",
      "/sys_interval",
      "/max_keepalive",
      "/topic_alias_maximum",
      "/max_client_id_length",
      "/max_topic_length",
      "/max_topic_levels",
      "/max_subscriptions_per_client",
      "/shared_subscription_strategy",
      "/persistent_client_expiration",
  };
  CHECK(paths == expected);
  for (const KeyInfo& key : key_table()) {
    CAPTURE(key.path);
    CHECK(std::string(key.doc).size() > 10);
    CHECK(std::string(key.doc).find('\n') == std::string::npos);
    CHECK_FALSE(key.default_value.empty());
    std::string path = key.path;
    ReloadClass expected_class = path == "/worker_num"            ? ReloadClass::workers
                                 : path.starts_with("/listeners") ? ReloadClass::listeners
                                                                  : ReloadClass::live;
    CHECK(key.reload == expected_class);
  }
}

TEST_CASE("key table: what the documentation says about bounds and defaults") {
  std::map<std::string, const KeyInfo*> by_path;
  for (const KeyInfo& key : key_table()) by_path[key.path] = &key;
  CHECK(by_path["/worker_num"]->default_value == "number of CPUs");
  CHECK(by_path["/worker_num"]->bounds == "1 to 1024");
  CHECK(by_path["/listeners"]->bounds == "1 to 64 items");
  CHECK(by_path["/listeners"]->default_value == R"([{"host":"127.0.0.1","port":1883}])");
  CHECK(by_path["/listeners/*/port"]->default_value == "required");
  CHECK(by_path["/connect_max_length"]->bounds == "16 to 268435460, at most package_max_length");
  CHECK(by_path["/connect_max_length"]->default_value ==
        "131072, or package_max_length if smaller");
  CHECK(by_path["/socket_buffer_size"]->default_value ==
        "8388608, or package_max_length if larger");
  CHECK(by_path["/connect_timeout"]->bounds == "greater than 0, at most 3600");
  CHECK(by_path["/connect_timeout"]->default_value == "10");
  CHECK(by_path["/log_level"]->default_value == "\"info\"");
  CHECK(std::string(by_path["/log_level"]->type) == "string");
}

TEST_CASE("reload class names") {
  CHECK(std::string(reload_class_name(ReloadClass::live)) == "live");
  CHECK(std::string(reload_class_name(ReloadClass::workers)) == "workers");
  CHECK(std::string(reload_class_name(ReloadClass::listeners)) == "listeners");
}

}  // namespace
}  // namespace mm::config
