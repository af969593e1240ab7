#pragma once
// One benchmark run, start to end: build the scenario, start the client threads, wait for
// every client to connect (and subscribe), let the load run for --duration, stop the
// publishers, wait for the last messages (--drain-timeout), disconnect, and add up what each
// subscriber saw of each stream.

#include <netinet/in.h>

#include "tests/bench/mqtt_bench/options.h"
#include "tests/bench/mqtt_bench/report.h"

namespace mm::bench {

Results run_bench(const Options& options, const sockaddr_in& addr);

}  // namespace mm::bench
