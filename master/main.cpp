// mqtt-master: the master and its workers.

#include "master/run_main.h"
#include "worker/example_handler.h"

int main(int argc, char** argv) {
  return mm::master::run_main(argc, argv, &mm::worker::make_example_handler);
}
