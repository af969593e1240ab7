#pragma once
// The whole of mqtt-master's main() for a given handler: command line, configuration, master.
// A C++ user with their own Handler writes a three-line main() that calls this with their
// factory (tests/process/example_main.cpp does, with Swoole's example handler).

#include "worker/handler.h"

namespace mm::master {

int run_main(int argc, char** argv, worker::HandlerFactory factory);

}  // namespace mm::master
