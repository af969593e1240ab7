#pragma once
// What one run of cluster_run does: its command line and environment, and the pieces every
// scenario shares (the broker under test, the summary).

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

namespace mm::test::cluster {

struct RunOptions {
  std::string scenario = "random";  // "random" or "reload"
  unsigned workers = 4;
  bool kill_worker = false;  // random: SIGKILL one worker a third of the way in
  uint64_t seed = 0;         // MM_CLUSTER_SEED, else a fixed default
  double seconds = 30;       // MM_CLUSTER_SECONDS: how long publishers publish
  double rate = 0;           // MM_CLUSTER_RATE: publishes per second over all clients
  std::string binary;        // the mqtt-master under test
  std::string log_level = "info";
};

// --scenario random|reload --workers N [--kill-worker] [--log-level L]; false on a bad line.
bool parse_options(int argc, char** argv, RunOptions& o);

// One listener on 127.0.0.1 port 0 and `workers` workers.
nlohmann::json run_config(const RunOptions& o, unsigned workers);

// The scenarios; each prints its summary and returns the process exit code.
int run_random(const RunOptions& o);
int run_reload(const RunOptions& o);

}  // namespace mm::test::cluster
