#include "tests/bench/mqtt_bench/options.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string_view>

namespace mm::bench {
namespace {

constexpr const char* kUsage =
    "usage: mqtt-bench --scenario fanin|fanout|pairs|idle|connrate [options]\n"
    "  --host H           broker address (127.0.0.1)\n"
    "  --port N           broker port (1883)\n"
    "  --qos 0|1|2        QoS of publishes and subscriptions (0)\n"
    "  --payload BYTES    payload size, at least 16 (64)\n"
    "  --duration S       seconds of load (10)\n"
    "  --clients N        fanin: publishers (100); fanout: subscribers (1000); pairs: pairs\n"
    "                     (100); idle: connections (10000); connrate: connections at once (32)\n"
    "  --threads N        client threads, one libuv loop each (1)\n"
    "  --inflight N       max-rate mode: messages per publisher sent but not yet received by\n"
    "                     its slowest subscriber (100; fanin: 500 / publishers, at least 1)\n"
    "  --max-unacked N    QoS 1/2: PUBLISH packets a publisher leaves unacknowledged (20)\n"
    "  --rate R           fixed-rate mode: R messages/s spread evenly over the publishers (e.g.\n"
    "                     pairs --clients 100 --rate 10000: 100 msgs/s each); latency p50, p99,\n"
    "                     p99.9 from the send time stamped in each payload\n"
    "  --subscribe        idle: one subscription per connection\n"
    "  --keepalive S      MQTT keep alive (60)\n"
    "  --drain-timeout S  wait for in-flight messages after the load stops (5)\n"
    "  --label TEXT       copied into the JSON line\n"
    "Prints one JSON line and one human line. Exit 0; 3 when messages were lost or duplicated;\n"
    "1 on errors.\n";

std::optional<Scenario> scenario_from(std::string_view name) {
  for (Scenario s :
       {Scenario::fanin, Scenario::fanout, Scenario::pairs, Scenario::idle, Scenario::connrate}) {
    if (name == scenario_name(s)) return s;
  }
  return std::nullopt;
}

bool parse_number(const char* text, double min, double max, double& out) {
  char* end = nullptr;
  double v = std::strtod(text, &end);
  if (end == text || *end != '\0' || v < min || v > max) return false;
  out = v;
  return true;
}

// The loads of the benchmark issue.
uint32_t default_clients(Scenario s) {
  switch (s) {
    case Scenario::fanout:
      return 1000;
    case Scenario::idle:
      return 10000;
    case Scenario::connrate:
      return 32;
    default:
      return 100;
  }
}

uint32_t default_inflight(const Options& o) {
  if (o.scenario != Scenario::fanin) return 100;
  return std::clamp<uint32_t>(500 / o.clients, 1, 100);
}

// One "--name value" pair; false (after a message) when the value is bad.
bool apply(Options& o, std::string_view name, const char* value) {
  double v = 0;
  auto number = [&](double min, double max) {
    if (parse_number(value, min, max, v)) return true;
    std::fprintf(stderr, "mqtt-bench: %s: bad value \"%s\" (%g to %g)\n", name.data(), value, min,
                 max);
    return false;
  };
  if (name == "--scenario") {
    auto s = scenario_from(value);
    if (!s) std::fprintf(stderr, "mqtt-bench: unknown scenario \"%s\"\n", value);
    if (s) o.scenario = *s;
    return s.has_value();
  }
  if (name == "--host") return o.host = value, true;
  if (name == "--label") return o.label = value, true;
  if (name == "--port") return number(1, 65535) && (o.port = static_cast<uint16_t>(v), true);
  if (name == "--qos") return number(0, 2) && (o.qos = static_cast<uint8_t>(v), true);
  if (name == "--payload") return number(16, 1 << 24) && (o.payload = uint32_t(v), true);
  if (name == "--duration") return number(0.1, 86400) && (o.duration = v, true);
  if (name == "--clients") return number(1, 1000000) && (o.clients = uint32_t(v), true);
  if (name == "--threads") return number(1, 64) && (o.threads = uint32_t(v), true);
  if (name == "--inflight") return number(1, 1 << 24) && (o.inflight = uint32_t(v), true);
  if (name == "--max-unacked") return number(1, 65535) && (o.max_unacked = uint32_t(v), true);
  if (name == "--rate") return number(1, 1e9) && (o.rate = v, true);
  if (name == "--keepalive") return number(0, 65535) && (o.keep_alive = uint16_t(v), true);
  if (name == "--drain-timeout") return number(0, 600) && (o.drain_timeout = v, true);
  std::fprintf(stderr, "mqtt-bench: unknown option %s\n%s", name.data(), kUsage);
  return false;
}

}  // namespace

const char* scenario_name(Scenario s) {
  switch (s) {
    case Scenario::fanin:
      return "fanin";
    case Scenario::fanout:
      return "fanout";
    case Scenario::pairs:
      return "pairs";
    case Scenario::idle:
      return "idle";
    case Scenario::connrate:
      return "connrate";
  }
  return "?";
}

std::optional<Options> parse_options(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    std::string_view name = argv[i];
    if (name == "-h" || name == "--help") {
      std::fputs(kUsage, stderr);
      return std::nullopt;
    }
    if (name == "--subscribe") {
      o.subscribe = true;
      continue;
    }
    if (i + 1 >= argc) {
      std::fprintf(stderr, "mqtt-bench: %s needs a value\n%s", argv[i], kUsage);
      return std::nullopt;
    }
    if (!apply(o, name, argv[++i])) return std::nullopt;
  }
  if (o.clients == 0) o.clients = default_clients(o.scenario);
  if (o.inflight == 0) o.inflight = default_inflight(o);
  return o;
}

}  // namespace mm::bench
