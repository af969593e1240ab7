// mqtt-bench: a load generator for MQTT 3.1.1 brokers (see options.cpp for the command line
// and scenario.h for the scenarios). One JSON line and one human line per run on stdout.
#include <sys/resource.h>
#include <uv.h>

#include <csignal>
#include <cstdio>

#include "tests/bench/mqtt_bench/bench_run.h"
#include "tests/bench/mqtt_bench/options.h"
#include "tests/bench/mqtt_bench/report.h"

namespace {

// Thousands of connections need thousands of descriptors: take what the hard limit allows.
void raise_fd_limit() {
  rlimit r{};
  if (getrlimit(RLIMIT_NOFILE, &r) == 0 && r.rlim_cur < r.rlim_max) {
    r.rlim_cur = r.rlim_max;
    setrlimit(RLIMIT_NOFILE, &r);
  }
}

}  // namespace

int main(int argc, char** argv) {
  auto options = mm::bench::parse_options(argc, argv);
  if (!options) return 1;
  std::signal(SIGPIPE, SIG_IGN);
  raise_fd_limit();
  sockaddr_in addr{};
  if (uv_ip4_addr(options->host.c_str(), options->port, &addr) != 0) {
    std::fprintf(stderr, "mqtt-bench: --host must be a numeric IPv4 address\n");
    return 1;
  }
  mm::bench::Results r = mm::bench::run_bench(*options, addr);
  mm::bench::print_results(*options, r);
  if (!r.ok) return 1;
  return r.lost > 0 || r.duplicates > 0 ? 3 : 0;
}
