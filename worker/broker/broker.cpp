#include "worker/broker/broker.h"

#include "common/log.h"
#include "config/config.h"

namespace mm::broker {
namespace {

constexpr uint64_t kTickMs = 100;

}  // namespace

Broker::Broker(const config::Config& cfg, const worker::WorkerInfo& info)
    : settings_(BrokerSettings::from(cfg)),
      loop_(info.loop),
      bus_(info.bus),
      counters_(info.counters),
      self_(info.slot),
      rng_(std::random_device{}()),
      publish_seq_(uv_hrtime()) {
  load_stats();
  stats_.started_at = now();
  stats_.last_load_at = now();
  uv_timer_init(loop_, &tick_timer_);
  uv_timer_init(loop_, &sys_timer_);
  tick_timer_.data = sys_timer_.data = this;
  uv_timer_start(
      &tick_timer_, [](uv_timer_t* t) noexcept { static_cast<Broker*>(t->data)->tick(); }, kTickMs,
      kTickMs);
  // Timers must not keep a stopping worker's loop alive.
  uv_unref(reinterpret_cast<uv_handle_t*>(&tick_timer_));
  on_config(cfg);
}

Broker::~Broker() {
  // Sessions hold no handles; clients are gone (on_close ran for each).
  retained_.clear();
}

void Broker::on_config(const config::Config& cfg) {
  settings_ = BrokerSettings::from(cfg);
  uv_timer_stop(&sys_timer_);
  if (settings_.sys_interval > 0) {
    auto ms = static_cast<uint64_t>(settings_.sys_interval * 1000);
    uv_timer_start(
        &sys_timer_, [](uv_timer_t* t) noexcept { static_cast<Broker*>(t->data)->publish_sys(); },
        ms, ms);
    uv_unref(reinterpret_cast<uv_handle_t*>(&sys_timer_));
    publish_sys();
  }
}

void Broker::on_connect(worker::Connection& conn) {
  auto* c = new Client;
  c->conn = &conn;
  conn.user_data = c;
}

void Broker::on_receive(worker::Connection& conn, std::span<const uint8_t> packet) {
  Client* c = client_of(conn);
  if (c == nullptr || c->gone) return;
  stats_.messages_received++;
  stats_.bytes_received += packet.size();
  Outcome o = dispatch(*c, packet);
  if (!o.ok()) fail(*c, o);
}

void Broker::on_close(worker::Connection& conn) {
  Client* c = client_of(conn);
  if (c == nullptr) return;
  conn.user_data = nullptr;
  for (auto& [token, b] : barriers_) {
    if (b.client == c) b.client = nullptr;
  }
  if (c->connected) {
    stats_.clients_connected--;
    if (c->session != nullptr && c->session->client == c) detach(*c);
  }
  delete c;
}

void Broker::on_timeout(worker::Connection& conn) {
  Client* c = client_of(conn);
  if (c == nullptr || c->gone) return conn.abort();
  common::log_peer(common::LogLevel::info, "%s (%s): keep alive timed out", conn.peer().c_str(),
                   c->client_id().c_str());
  fail(*c, {mqtt::ReasonCode::keep_alive_timeout, "keep alive timeout"});
}

void Broker::on_frame_error(worker::Connection& conn, bool too_large) {
  Client* c = client_of(conn);
  if (c == nullptr || c->gone || !c->connected) return;
  // The worker closes the connection after this; 5.0 peers learn why first.
  if (mqtt::is_v5(c->version)) {
    mqtt::Disconnect d;
    d.reason_code =
        too_large ? mqtt::ReasonCode::packet_too_large : mqtt::ReasonCode::malformed_packet;
    send(*c, d);
  }
  c->gone = true;
}

bool Broker::on_shutdown(worker::Connection& conn) {
  Client* c = client_of(conn);
  stopping_ = true;  // the server is going away: wills are not the clients' fault
  if (c == nullptr || !c->connected) return false;
  // A retiring worker's clients whose sessions are on their way to a new home: each is closed
  // (disconnect_moved) once that home has the session, so that it reconnects into it.
  if (c->moving) return true;
  if (c->gone) return false;
  say_shutting_down(*c);
  c->gone = true;
  return false;
}

// 5.0: DISCONNECT 0x8B, "server shutting down" (this worker stops serving the client).
void Broker::say_shutting_down(Client& c) {
  if (!mqtt::is_v5(c.version)) return;
  mqtt::Disconnect d;
  d.reason_code = mqtt::ReasonCode::server_shutting_down;
  send(c, d);
}

void Broker::on_stop() {
  uv_close(reinterpret_cast<uv_handle_t*>(&tick_timer_), nullptr);
  uv_close(reinterpret_cast<uv_handle_t*>(&sys_timer_), nullptr);
}

void Broker::send_bytes(Client& c, std::span<const uint8_t> bytes) {
  if (c.conn->send(bytes)) {
    stats_.messages_sent++;
    stats_.bytes_sent += bytes.size();
  }
}

template <typename P>
void Broker::send(Client& c, const P& packet) {
  scratch_.clear();
  mqtt::encode(packet, c.version, scratch_);
  send_bytes(c, scratch_);
}

// Success, or any reason to a 3.1/3.1.1 client (whose acks carry none): the four bytes both
// versions use [MQTT-3.4.2-1], written directly. The rest goes through the encoder.
template <typename P>
void Broker::send_ack(Client& c, uint16_t packet_id, mqtt::ReasonCode code) {
  if (code == mqtt::ReasonCode::success || !mqtt::is_v5(c.version)) {
    const uint8_t flags = P::type == mqtt::PacketType::pubrel ? 0x02 : 0x00;
    const std::array<uint8_t, 4> ack = {
        static_cast<uint8_t>(static_cast<uint8_t>(P::type) << 4 | flags), 2,
        static_cast<uint8_t>(packet_id >> 8), static_cast<uint8_t>(packet_id)};
    send_bytes(c, ack);
    return;
  }
  P ack;
  ack.packet_id = packet_id;
  ack.reason_code = code;
  send(c, ack);
}

template void Broker::send_ack<mqtt::Puback>(Client&, uint16_t, mqtt::ReasonCode);
template void Broker::send_ack<mqtt::Pubrec>(Client&, uint16_t, mqtt::ReasonCode);
template void Broker::send_ack<mqtt::Pubrel>(Client&, uint16_t, mqtt::ReasonCode);
template void Broker::send_ack<mqtt::Pubcomp>(Client&, uint16_t, mqtt::ReasonCode);

// The packet types the handlers send.
template void Broker::send(Client&, const mqtt::Connack&);
template void Broker::send(Client&, const mqtt::Puback&);
template void Broker::send(Client&, const mqtt::Pubrec&);
template void Broker::send(Client&, const mqtt::Pubrel&);
template void Broker::send(Client&, const mqtt::Pubcomp&);
template void Broker::send(Client&, const mqtt::Suback&);
template void Broker::send(Client&, const mqtt::Unsuback&);
template void Broker::send(Client&, const mqtt::Pingresp&);
template void Broker::send(Client&, const mqtt::Disconnect&);

std::unique_ptr<worker::Handler> make_broker(const config::Config& cfg,
                                             const worker::WorkerInfo& info) {
  return std::make_unique<Broker>(cfg, info);
}

}  // namespace mm::broker
