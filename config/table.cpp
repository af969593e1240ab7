#include "config/table.h"

#include <arpa/inet.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <thread>

#include "config/validate.h"

namespace mm::config {
namespace {

bool is_numeric_address(const std::string& host) {
  unsigned char bytes[sizeof(in6_addr)];
  return inet_pton(AF_INET, host.c_str(), bytes) == 1 ||
         inet_pton(AF_INET6, host.c_str(), bytes) == 1;
}

bool is_path(const std::string& path) {
  return path.find('\0') == std::string::npos;
}

bool is_log_level(const std::string& name) {
  return common::parse_log_level(name).has_value();
}

// Two listeners on the same address and port would fight over it; port 0 never clashes.
std::string listener_identity(const Listener& listener) {
  if (listener.port == 0) return "";
  unsigned char bytes[sizeof(in6_addr)] = {};
  int family = inet_pton(AF_INET, listener.host.c_str(), bytes) == 1 ? AF_INET : AF_INET6;
  if (family == AF_INET6) inet_pton(AF_INET6, listener.host.c_str(), bytes);
  return std::to_string(family) + ":" + std::string(reinterpret_cast<char*>(bytes), sizeof bytes) +
         ":" + std::to_string(listener.port);
}

bool is_shared_strategy(const std::string& name) {
  return name == "round_robin" || name == "random";
}

constexpr Rule kAddress = {"a numeric IPv4 or IPv6 address", is_numeric_address};
constexpr Rule kPath = {"a path without NUL characters", is_path};
constexpr Rule kSharedStrategy = {"one of \"round_robin\", \"random\"", is_shared_strategy};
constexpr Rule kLogLevel = {"one of \"debug\", \"info\", \"warn\", \"error\"", is_log_level};

// MQTT's largest Remaining Length plus the largest fixed header.
constexpr double kMaxPacket = 268435455 + 5;
constexpr double kMinPacket = 16;

constexpr Binding<Config> kLogLevelField = {
    .get = [](const Config& c) { return Json(common::log_level_name(c.log_level)); },
    .set = [](Config& c,
              const Json& v) { c.log_level = *common::parse_log_level(v.get<std::string>()); },
};

constexpr Row<Listener> kListenerRows[] = {
    {.name = "host",
     .kind = Kind::string,
     .rule = kAddress,
     .required = true,
     .doc = "Address to listen on, numeric (no host names): 0.0.0.0 or :: for every interface.",
     .bind = field<&Listener::host>()},
    {.name = "port",
     .kind = Kind::integer,
     .limits = {0, 65535},
     .required = true,
     .doc = "TCP port; 0 = a free port chosen at start-up (logged), the same for every worker.",
     .bind = field<&Listener::port>()},
};

constexpr Row<Config> kConfigRows[] = {
    {.name = "worker_num",
     .kind = Kind::integer,
     .limits = {1, kMaxWorkers},
     .reload = ReloadClass::workers,
     .doc = "Worker processes; each accepts connections on every listener.",
     .default_doc = "number of CPUs",
     .bind = field<&Config::worker_num>()},
    {.name = "listeners",
     .kind = Kind::array,
     .limits = {1, 64},
     .reload = ReloadClass::listeners,
     .doc = "Where MQTT clients connect: a list of {\"host\", \"port\"} objects, no two alike.",
     .bind = list_of<&Config::listeners, kListenerRows, listener_identity>()},
    {.name = "package_max_length",
     .kind = Kind::integer,
     .limits = {kMinPacket, kMaxPacket},
     .doc = "Largest packet accepted, in bytes, fixed header included (MQTT allows 268435455 + 5); "
            "a larger one is refused before it is buffered.",
     .bind = field<&Config::package_max_length>()},
    {.name = "connect_max_length",
     .kind = Kind::integer,
     .limits = {kMinPacket, kMaxPacket},
     .link = {Relation::at_most, "package_max_length"},
     .doc = "Largest first packet (CONNECT), in bytes: an unauthenticated peer cannot make the "
            "server buffer more than this.",
     .bind = field<&Config::connect_max_length>()},
    {.name = "max_connection",
     .kind = Kind::integer,
     .limits = {1, 10'000'000},
     .doc = "Most connections open at once, over all workers; more are closed on accept.",
     .bind = field<&Config::max_connection>()},
    {.name = "connect_timeout",
     .kind = Kind::number,
     .limits = {0, 3600, true},
     .doc = "Seconds a new connection has to deliver its whole CONNECT before it is closed.",
     .bind = field<&Config::connect_timeout>()},
    {.name = "heartbeat_idle_time",
     .kind = Kind::number,
     .limits = {0, 86400 * 7},
     .doc = "Seconds without any input before a connection is closed, whatever its MQTT "
            "keep-alive; 0 = off.",
     .bind = field<&Config::heartbeat_idle_time>()},
    {.name = "socket_buffer_size",
     .kind = Kind::integer,
     .limits = {kMinPacket, 1 << 30},
     .link = {Relation::at_least, "package_max_length"},
     .doc = "Bytes queued for sending to one peer; a peer that lets more pile up is disconnected.",
     .bind = field<&Config::socket_buffer_size>()},
    {.name = "pid_file",
     .kind = Kind::string,
     .rule = kPath,
     .doc = "File the master writes its pid to (rewritten on reload); \"\" = none.",
     .bind = field<&Config::pid_file>()},
    {.name = "log_file",
     .kind = Kind::string,
     .rule = kPath,
     .doc = "File log lines are appended to (reopened on SIGUSR1 and reload); \"\" = stderr.",
     .bind = field<&Config::log_file>()},
    {.name = "log_level",
     .kind = Kind::string,
     .rule = kLogLevel,
     .doc = "Least severe level that is logged.",
     .bind = kLogLevelField},
    {.name = "shutdown_timeout",
     .kind = Kind::number,
     .limits = {0, 3600, true},
     .doc = "Seconds a graceful stop waits for workers to finish before killing them.",
     .bind = field<&Config::shutdown_timeout>()},
    {.name = "allow_anonymous",
     .kind = Kind::boolean,
     .doc = "Clients without a user name may connect; false refuses them (CONNACK 0x87 / 0x05). "
            "User names are not verified yet: there is no password_file.",
     .bind = field<&Config::allow_anonymous>()},
    {.name = "max_inflight_messages",
     .kind = Kind::integer,
     .limits = {1, 65535},
     .doc = "QoS 1 and 2 messages in flight to one client at once (also the Receive Maximum we "
            "announce, and the QoS 2 messages a client may have awaiting PUBREL).",
     .bind = field<&Config::max_inflight_messages>()},
    {.name = "max_queued_messages",
     .kind = Kind::integer,
     .limits = {0, 10'000'000},
     .doc = "Messages queued per session beyond the in-flight window (offline, or window full); "
            "when full the arriving message is dropped and counted.",
     .bind = field<&Config::max_queued_messages>()},
    {.name = "max_queued_bytes",
     .kind = Kind::integer,
     .limits = {0, 1ull << 40},
     .doc = "Bytes queued per session, as for max_queued_messages.",
     .bind = field<&Config::max_queued_bytes>()},
    {.name = "queue_qos0_messages",
     .kind = Kind::boolean,
     .doc = "Queue QoS 0 messages for offline persistent sessions too.",
     .bind = field<&Config::queue_qos0_messages>()},
    {.name = "retain_available",
     .kind = Kind::boolean,
     .doc = "Retained messages are supported; false refuses PUBLISH and wills with RETAIN set.",
     .bind = field<&Config::retain_available>()},
    {.name = "sys_interval",
     .kind = Kind::number,
     .limits = {0, 86400},
     .doc = "Seconds between updates of the $SYS topics; 0 = no $SYS.",
     .bind = field<&Config::sys_interval>()},
    {.name = "max_keepalive",
     .kind = Kind::integer,
     .limits = {1, 65535},
     .doc = "Longest Keep Alive in seconds; an MQTT 5 client asking more (or 0) is told this one "
            "(Server Keep Alive).",
     .bind = field<&Config::max_keepalive>()},
    {.name = "topic_alias_maximum",
     .kind = Kind::integer,
     .limits = {0, 65535},
     .doc = "Topic aliases an MQTT 5 client may use towards the broker; 0 = none.",
     .bind = field<&Config::topic_alias_maximum>()},
    {.name = "max_client_id_length",
     .kind = Kind::integer,
     .limits = {1, 65535},
     .doc = "Longest client identifier, in bytes; longer is refused (CONNACK 0x85 / 0x02).",
     .bind = field<&Config::max_client_id_length>()},
    {.name = "max_topic_length",
     .kind = Kind::integer,
     .limits = {1, 65535},
     .doc = "Longest topic name or filter, in bytes (PUBACK/SUBACK 0x90/0x8F, or DISCONNECT).",
     .bind = field<&Config::max_topic_length>()},
    {.name = "max_topic_levels",
     .kind = Kind::integer,
     .limits = {1, 65535},
     .doc = "Most levels in a topic name or filter.",
     .bind = field<&Config::max_topic_levels>()},
    {.name = "max_subscriptions_per_client",
     .kind = Kind::integer,
     .limits = {1, 1'000'000},
     .doc = "Most subscriptions one session may hold; more get SUBACK 0x97 (3.1.1: 0x80).",
     .bind = field<&Config::max_subscriptions_per_client>()},
    {.name = "shared_subscription_strategy",
     .kind = Kind::string,
     .rule = kSharedStrategy,
     .doc = "How a shared subscription group picks the member for each message.",
     .bind = field<&Config::shared_subscription_strategy>()},
    {.name = "persistent_client_expiration",
     .kind = Kind::integer,
     .limits = {0, 4294967295.0},
     .doc = "Seconds an offline MQTT 3.1.1 persistent session is kept; 0 = forever.",
     .bind = field<&Config::persistent_client_expiration>()},
};

}  // namespace

std::span<const Row<Config>> config_rows() {
  return kConfigRows;
}

unsigned cpu_count() {
  long count = std::thread::hardware_concurrency();
  if (count <= 0) count = sysconf(_SC_NPROCESSORS_ONLN);
  return static_cast<unsigned>(std::clamp<long>(count, 1, kMaxWorkers));
}

}  // namespace mm::config
