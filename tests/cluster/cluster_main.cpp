// cluster_run: the randomized cross-worker tests of issue 5 (see README.md in this folder).
#include <cstdio>

#include "tests/cluster/run_options.h"

int main(int argc, char** argv) {
  mm::test::cluster::RunOptions o;
  if (!mm::test::cluster::parse_options(argc, argv, o)) {
    std::fprintf(stderr,
                 "usage: cluster_run [--scenario random|reload] [--workers N] [--kill-worker] "
                 "[--log-level L]\n  env: MM_CLUSTER_SEED, MM_CLUSTER_SECONDS, MM_CLUSTER_RATE\n");
    return 2;
  }
  try {
    return o.scenario == "reload" ? mm::test::cluster::run_reload(o)
                                  : mm::test::cluster::run_random(o);
  } catch (const std::exception& e) {
    std::printf("FAIL: %s\n", e.what());
    return 1;
  }
}
