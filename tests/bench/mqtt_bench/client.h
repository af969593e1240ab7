#pragma once
// One benchmark client: an MQTT 3.1.1 session in one of four roles on its thread's loop.
//   publisher   publishes its stream; max-rate mode keeps at most --inflight messages sent
//               but not yet received by every receiver; fixed-rate mode follows the clock
//   subscriber  subscribes once, receives a consecutive range of streams and checks each
//               for loss, duplicates and latency
//   idle        connects, optionally subscribes, and holds the connection
//   connrate    connect, CONNACK, DISCONNECT, wait for the broker to close; again

#include <cstdint>
#include <deque>
#include <string>
#include <vector>

#include "tests/bench/mqtt_bench/client_context.h"
#include "tests/bench/mqtt_bench/connection.h"

namespace mm::bench {

enum class Role : uint8_t { publisher, subscriber, idle, connrate };

struct ClientPlan {
  Role role = Role::idle;
  std::string client_id;
  std::string filter;         // the subscription ("" = none)
  uint32_t stream = 0;        // publisher: its stream; subscriber: the first it receives
  uint32_t stream_count = 0;  // subscriber: consecutive streams it receives
  uint32_t slot = 0;          // subscriber: its receiver number in each of those streams
};

// What one subscriber saw of one stream.
struct Received {
  uint64_t next = 0;        // the number expected next
  uint64_t messages = 0;    // PUBLISH packets
  uint64_t duplicates = 0;  // numbers seen before (or out of order: MQTT keeps order)
};

class Client final : public Connection {
 public:
  Client(ClientContext& ctx, ClientPlan plan);

  void start();
  // Publisher: sends what the window or the clock allows, at most budget messages; true when
  // it stopped at the budget (so the loop should come back without waiting).
  bool pump(uint64_t now_ns, uint32_t budget);
  // Publisher in max-rate mode: a window shut for longer than a second without progress is
  // taken as lost messages and reopened, so a broker that drops cannot stall the run.
  void check_stall(uint64_t now_ns);
  void ping();
  void disconnect();
  void finish() { close(); }

  const ClientPlan& plan() const { return plan_; }
  const std::vector<Received>& received() const { return received_; }
  uint64_t stalls() const { return stalls_; }

 private:
  enum class State : uint8_t { idle, connecting, subscribing, ready, disconnecting, done };

  void on_connected() override;
  bool on_packet(const Frame& frame) override;
  void on_ended(bool failed) override;
  void on_closed() override;
  bool on_connack(const Frame& frame);
  bool on_suback(const Frame& frame);
  bool on_publish(const Frame& frame);
  bool on_ack(const Frame& frame);
  void become_ready();
  void setup_failed();
  bool can_send();
  bool window_open(const Stream& s);
  void send_one(uint64_t now_ns);
  uint16_t take_packet_id();
  void release_packet_id(uint16_t id);

  ClientContext& ctx_;
  ClientPlan plan_;
  State state_ = State::idle;
  uint64_t opened_ns_ = 0;
  uint32_t reconnects_ = 0;
  // subscriber
  std::vector<Received> received_;
  // publisher
  uint32_t unacked_ = 0;
  uint16_t next_id_ = 1;
  std::vector<bool> id_used_;
  uint64_t slowest_ = 0;   // the slowest receiver, when last looked at
  uint64_t forgiven_ = 0;  // a stall gave up every number below this as lost
  uint64_t stall_progress_ = 0;
  uint64_t stall_since_ns_ = 0;
  uint64_t stalls_ = 0;
};

}  // namespace mm::bench
