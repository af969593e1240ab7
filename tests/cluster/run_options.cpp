#include "tests/cluster/run_options.h"

#include <cstdlib>
#include <cstring>

namespace mm::test::cluster {
namespace {

double env_number(const char* name, double fallback) {
  const char* v = std::getenv(name);
  return v != nullptr && *v != '\0' ? std::strtod(v, nullptr) : fallback;
}

}  // namespace

bool parse_options(int argc, char** argv, RunOptions& o) {
  o.binary = MM_BINARY;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    bool has_value = i + 1 < argc;
    if (a == "--scenario" && has_value) {
      o.scenario = argv[++i];
    } else if (a == "--workers" && has_value) {
      o.workers = static_cast<unsigned>(std::stoul(argv[++i]));
    } else if (a == "--kill-worker") {
      o.kill_worker = true;
    } else if (a == "--log-level" && has_value) {
      o.log_level = argv[++i];
    } else {
      return false;
    }
  }
  o.seed = static_cast<uint64_t>(env_number("MM_CLUSTER_SEED", 20261126));
  o.seconds = env_number("MM_CLUSTER_SECONDS", 30);
  o.rate = env_number("MM_CLUSTER_RATE", 200);
  return o.scenario == "random" || o.scenario == "reload";
}

nlohmann::json run_config(const RunOptions& o, unsigned workers) {
  return {
      {"worker_num", workers},
      {"listeners", nlohmann::json::array({{{"host", "127.0.0.1"}, {"port", 0}}})},
      {"log_level", o.log_level},
      {"shutdown_timeout", 5},
  };
}

}  // namespace mm::test::cluster
