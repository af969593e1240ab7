#pragma once
// Swoole's example MQTT server (shared/swoole-mqtt-server.md) as a Handler: answers CONNECT
// with CONNACK 0 and logs each PUBLISH's topic and payload. It reads packets by hand, as the
// example does, and stays in the tests as the proof that the handler seam works.

#include <memory>

#include "worker/handler.h"

namespace mm::worker {

std::unique_ptr<Handler> make_example_handler(const config::Config& cfg, const WorkerInfo& info);

}  // namespace mm::worker
