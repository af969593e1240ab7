// mqtt-master-example: the pre-fork server with Swoole's example handler in every worker.
// The process tests of the core run this binary: it is what a C++ user with their own Handler
// builds, and so the proof that the handler seam works.

#include "master/run_main.h"
#include "worker/example_handler.h"

int main(int argc, char** argv) {
  return mm::master::run_main(argc, argv, &mm::worker::make_example_handler);
}
