// mqtt-master: the master and its workers, each worker running the broker.

#include "master/run_main.h"
#include "worker/broker/broker.h"

int main(int argc, char** argv) {
  return mm::master::run_main(argc, argv, &mm::broker::make_broker);
}
