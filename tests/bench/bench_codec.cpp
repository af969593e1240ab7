// Decode and encode of PUBLISH (64 B and 1 KiB payloads; 3.1.1, and 5.0 with properties) and
// of CONNECT. One iteration is one packet, so the reported time is ns per packet.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <string>
#include <vector>

#include "common/mqtt/decode.h"
#include "common/mqtt/encode.h"

namespace mm::mqtt {
namespace {

struct PublishFixture {
  std::vector<uint8_t> payload;
  std::vector<uint8_t> block;
  Publish publish;
  Buffer wire;

  PublishFixture(size_t payload_size, ProtocolVersion v) : payload(payload_size, 'x') {
    publish = Publish{.qos = QoS::at_least_once,
                      .topic = "fleet/truck-0042/telemetry/gps",
                      .packet_id = 42,
                      .payload = payload};
    if (is_v5(v)) {
      PropertyBlock::append_user_property(block, "trace-id", "4bf92f3577b34da6");
      PropertyBlock::append_user_property(block, "tenant", "acme");
      auto& p = publish.properties;
      p.payload_format_indicator = 0;
      p.message_expiry_interval = 3600;
      p.content_type = "application/octet-stream";
      p.topic_alias = 12;
      p.repeated = PropertyBlock(block);
    }
    encode(publish, v, wire);
  }
};

Connect make_connect(ProtocolVersion v) {
  Connect c{.version = v, .clean_start = false, .keep_alive = 60, .client_id = "truck-0042"};
  c.will = Will{.qos = QoS::at_least_once,
                .topic = "fleet/truck-0042/status",
                .payload = Bytes{'o', 'f', 'f'}};
  c.username = "truck-0042";
  c.password = Bytes(32, 's');
  if (is_v5(v)) {
    c.properties.session_expiry_interval = 86400;
    c.properties.receive_maximum = 100;
    c.properties.topic_alias_maximum = 16;
    c.properties.user_properties = {{"fw", "1.4.2"}};
    c.will->properties.will_delay_interval = 30;
  }
  return c;
}

ProtocolVersion level(const benchmark::State& state) {
  return ProtocolVersion(state.range(0));
}

void BM_DecodePublish(benchmark::State& state) {
  PublishFixture f(size_t(state.range(1)), level(state));
  for (auto _ : state) {
    auto r = decode_publish(f.wire, level(state));
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_EncodePublish(benchmark::State& state) {
  PublishFixture f(size_t(state.range(1)), level(state));
  Buffer out;
  out.reserve(f.wire.size());
  for (auto _ : state) {
    out.clear();
    encode(f.publish, level(state), out);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_DecodeConnect(benchmark::State& state) {
  Buffer wire;
  encode(make_connect(level(state)), wire);
  for (auto _ : state) {
    auto r = decode_connect(wire);
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_EncodeConnect(benchmark::State& state) {
  Connect c = make_connect(level(state));
  Buffer out;
  for (auto _ : state) {
    out.clear();
    encode(c, out);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(state.iterations());
}

// Args: protocol level, payload bytes.
BENCHMARK(BM_DecodePublish)->ArgNames({"level", "payload"})->ArgsProduct({{4, 5}, {64, 1024}});
BENCHMARK(BM_EncodePublish)->ArgNames({"level", "payload"})->ArgsProduct({{4, 5}, {64, 1024}});
BENCHMARK(BM_DecodeConnect)->ArgName("level")->Arg(4)->Arg(5);
BENCHMARK(BM_EncodeConnect)->ArgName("level")->Arg(4)->Arg(5);

}  // namespace
}  // namespace mm::mqtt

BENCHMARK_MAIN();
