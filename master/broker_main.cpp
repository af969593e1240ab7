// mqtt-master with the broker as every worker's handler.

#include "master/run_main.h"
#include "worker/broker/broker.h"

int main(int argc, char** argv) {
  return mm::master::run_main(argc, argv, &mm::broker::make_broker);
}
