#include "tests/bench/mqtt_bench/report.h"

#include <cstdio>
#include <nlohmann/json.hpp>

namespace mm::bench {
namespace {

double per_second(uint64_t n, double seconds) {
  return seconds > 0 ? static_cast<double>(n) / seconds : 0;
}

double us(uint64_t ns) {
  return static_cast<double>(ns) / 1000.0;
}

nlohmann::json to_json(const Options& o, const Results& r) {
  nlohmann::json j = {
      {"tool", "mqtt-bench"},
      {"label", o.label},
      {"scenario", scenario_name(o.scenario)},
      {"ok", r.ok},
      {"qos", o.qos},
      {"payload", o.payload},
      {"clients", o.clients},
      {"threads", o.threads},
      {"mode", o.rate > 0 ? "rate" : "max"},
      {"inflight", o.inflight},
      {"max_unacked", o.max_unacked},
      {"rate", o.rate},
      {"duration_s", r.load_seconds},
      {"connections", r.connections},
      {"connect_failures", r.connect_failures},
      {"sent", r.sent},
      {"expected", r.expected},
      {"delivered", r.delivered},
      {"msgs_per_s", per_second(r.delivered_in_load, r.load_seconds)},
      {"lost", r.lost},
      {"duplicates", r.duplicates},
      {"stalls", r.stalls},
      {"dropped_connections", r.dropped},
      {"connects", r.cycles},
      {"connects_per_s", per_second(r.cycles, r.load_seconds)},
      {"latency_samples", r.latency.count()},
      {"p50_us", us(r.latency.quantile(0.5))},
      {"p99_us", us(r.latency.quantile(0.99))},
      {"p999_us", us(r.latency.quantile(0.999))},
      {"client_cpu_s", r.client_cpu_seconds},
  };
  if (!r.error.empty()) j["error"] = r.error;
  return j;
}

}  // namespace

void print_results(const Options& o, const Results& r) {
  std::printf("%s\n", to_json(o, r).dump().c_str());
  const char* name = scenario_name(o.scenario);
  if (!r.ok) {
    std::printf("%s: FAILED: %s\n", name, r.error.c_str());
  } else if (o.scenario == Scenario::connrate) {
    std::printf("%s x%u: %.0f connects/s; connect->CONNACK p50 %.0f us p99 %.0f us\n", name,
                o.clients, per_second(r.cycles, r.load_seconds), us(r.latency.quantile(0.5)),
                us(r.latency.quantile(0.99)));
  } else if (o.scenario == Scenario::idle) {
    std::printf("%s: %u connections held%s for %.1f s, %llu dropped\n", name, r.connections,
                o.subscribe ? " (one subscription each)" : "", r.load_seconds,
                static_cast<unsigned long long>(r.dropped));
  } else {
    std::printf(
        "%s x%u qos%u %uB: %.0f msgs/s delivered; lost %llu, duplicates %llu; latency p50 %.0f "
        "us p99 %.0f us p99.9 %.0f us (%s); client CPU %.2f s\n",
        name, o.clients, o.qos, o.payload, per_second(r.delivered_in_load, r.load_seconds),
        static_cast<unsigned long long>(r.lost), static_cast<unsigned long long>(r.duplicates),
        us(r.latency.quantile(0.5)), us(r.latency.quantile(0.99)), us(r.latency.quantile(0.999)),
        o.rate > 0 ? "fixed rate" : "max rate: includes queueing", r.client_cpu_seconds);
  }
  std::fflush(stdout);
}

}  // namespace mm::bench
