#include "worker/connection.h"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <cstring>

#include "common/log.h"
#include "worker/framer.h"
#include "worker/worker.h"

namespace mm::worker {
TcpConnection::TcpConnection(Worker& worker, uint64_t id)
    : id_(id), assembler_(worker.config().connect_max_length) {
  uv_tcp_init(worker.loop(), &tcp_);  // the loop's data is the worker (worker())
  tcp_.data = this;
  last_input_ = since_ = uv_now(worker.loop());
}

std::string TcpConnection::peer() const {
  sockaddr_storage ss{};
  int len = sizeof ss;
  char host[INET6_ADDRSTRLEN] = "?";
  int port = 0;
  if (uv_tcp_getpeername(&tcp_, reinterpret_cast<sockaddr*>(&ss), &len) == 0) {
    if (ss.ss_family == AF_INET6) {
      auto* a = reinterpret_cast<sockaddr_in6*>(&ss);
      uv_ip6_name(a, host, sizeof host);
      port = ntohs(a->sin6_port);
    } else {
      auto* a = reinterpret_cast<sockaddr_in*>(&ss);
      uv_ip4_name(a, host, sizeof host);
      port = ntohs(a->sin_port);
    }
  }
  return std::string(host) + ":" + std::to_string(port);
}

void TcpConnection::start() {
  uv_tcp_nodelay(&tcp_, 1);
  handler_knows_ = true;
  worker().handler().on_connect(*this);
  if (state_ != State::open) return;
  int rc = uv_read_start(reinterpret_cast<uv_stream_t*>(&tcp_), &on_alloc, &on_read);
  if (rc != 0) close_now();
}

void TcpConnection::on_alloc(uv_handle_t* h, size_t, uv_buf_t* buf) noexcept {
  *buf = static_cast<TcpConnection*>(h->data)->worker().read_buffer();
}

void TcpConnection::on_read(uv_stream_t* s, ssize_t nread, const uv_buf_t* buf) noexcept {
  auto* self = static_cast<TcpConnection*>(s->data);
  if (nread == 0) return;
  if (nread < 0) {
    // EOF or error: the peer is gone (or, when lingering, has read our last bytes).
    self->close_now();
    return;
  }
  if (self->state_ != State::open) return;  // lingering: discard the peer's last bytes
  self->last_input_ = uv_now(self->worker().loop());
  self->worker().touched(*self);
  self->feed({reinterpret_cast<const uint8_t*>(buf->base), static_cast<size_t>(nread)});
}

// Delivers every whole packet in `data` to the handler while the connection stays open.
// Before the first packet (CONNECT) the much lower connect_max_length applies.
void TcpConnection::feed(std::span<const uint8_t> data) {
  const config::Config& cfg = worker().config();  // may have changed by a reload
  assembler_.set_limit(framed_one_ ? cfg.package_max_length : cfg.connect_max_length);
  size_t held = assembler_.buffered();  // bytes of the first packet read earlier, if any
  FrameStatus s = assembler_.feed(data, [&](std::span<const uint8_t> packet) {
    in_first_ = !framed_one_;
    if (!framed_one_) {
      framed_one_ = true;
      assembler_.set_limit(worker().config().package_max_length);
      worker().framed_first(*this);
    }
    worker().handler().on_receive(*this, packet);
    in_first_ = false;
    if (state_ == State::handing) {
      send_over(packet, data, held);
      return false;
    }
    return state_ == State::open;
  });
  if (s == FrameStatus::malformed || s == FrameStatus::too_large) {
    frame_error(s == FrameStatus::too_large);
  }
}

bool TcpConnection::hand_over(unsigned slot) {
  if (!in_first_ || state_ != State::open || has_output() || writing_ ||
      !worker().bus().linked(slot)) {
    return false;
  }
  hand_to_ = slot;
  state_ = State::handing;
  return true;
}

// The first packet and every byte after it in this read go with the socket. `packet` lies in
// `data`, or (read in pieces) in the assembler, which then held `held` of its bytes before
// this read.
void TcpConnection::send_over(std::span<const uint8_t> packet, std::span<const uint8_t> data,
                              size_t held) {
  size_t used = packet.data() >= data.data() && packet.data() < data.data() + data.size()
                    ? static_cast<size_t>(packet.data() - data.data()) + packet.size()
                    : packet.size() - held;
  std::vector<uint8_t> bytes(packet.begin(), packet.end());
  bytes.insert(bytes.end(), data.begin() + static_cast<ptrdiff_t>(used), data.end());
  uv_read_stop(reinterpret_cast<uv_stream_t*>(&tcp_));
  worker().unlink(*this);
  if (!worker().bus().hand_over(hand_to_, *this, hops_ + 1, bytes)) finish_hand_over();
}

void TcpConnection::finish_hand_over() {
  state_ = State::open;
  close_now();
}

void TcpConnection::start_handed(unsigned hops, std::span<const uint8_t> bytes) {
  hops_ = hops;
  start();
  if (state_ == State::open) feed(bytes);
}

void TcpConnection::frame_error(bool too_large) {
  if (too_large) {
    common::log_peer(common::LogLevel::warn, "%s: packet of %zu bytes is over the limit of %zu",
                     peer().c_str(), assembler_.refused_size(), assembler_.limit());
  } else {
    common::log_peer(common::LogLevel::warn, "%s: malformed Remaining Length", peer().c_str());
  }
  worker().handler().on_frame_error(*this, too_large);
  close();
}

size_t TcpConnection::queued() const {
  return (out_ ? out_->size() : 0) + (writing_ ? writing_->bytes.size() : 0);
}

bool TcpConnection::send(std::span<const uint8_t> bytes) {
  if (state_ != State::open && state_ != State::draining) return false;
  if (queued() + bytes.size() > worker().config().socket_buffer_size) {
    common::log_peer(common::LogLevel::warn, "%s: not reading; %zu bytes queued, dropping it",
                     peer().c_str(), queued());
    abort();
    return false;
  }
  if (!out_) out_ = worker().take_output_buffer();
  out_->insert(out_->end(), bytes.begin(), bytes.end());
  worker().mark_dirty(*this);
  return true;
}

void TcpConnection::flush() {
  if (writing_ || !has_output() || state_ == State::closed) return;
  std::vector<uint8_t>& out = *out_;
  uv_buf_t b = uv_buf_init(reinterpret_cast<char*>(out.data()), static_cast<unsigned>(out.size()));
  int n = uv_try_write(reinterpret_cast<uv_stream_t*>(&tcp_), &b, 1);
  if (n == UV_EAGAIN) n = 0;
  if (n < 0) {
    close_now();
    return;
  }
  if (static_cast<size_t>(n) == out.size()) {
    worker().give_output_buffer(out_);
    if (state_ == State::draining) begin_shutdown();
    return;
  }
  // The kernel took part of it: hand the rest to libuv and queue later output behind it.
  writing_ = std::make_unique<PendingWrite>();
  writing_->bytes.assign(out.begin() + n, out.end());
  writing_->req.data = this;
  worker().give_output_buffer(out_);
  b = uv_buf_init(reinterpret_cast<char*>(writing_->bytes.data()),
                  static_cast<unsigned>(writing_->bytes.size()));
  if (uv_write(&writing_->req, reinterpret_cast<uv_stream_t*>(&tcp_), &b, 1, &on_write) != 0) {
    writing_.reset();
    close_now();
  }
}

void TcpConnection::on_write(uv_write_t* req, int status) noexcept {
  auto* self = static_cast<TcpConnection*>(req->data);
  self->writing_.reset();
  if (status < 0 || self->state_ == State::closed) {
    if (status != UV_ECANCELED) self->close_now();
    return;
  }
  if (self->has_output()) {
    self->flush();
  } else if (self->state_ == State::draining) {
    self->begin_shutdown();
  }
}

void TcpConnection::close() {
  if (state_ != State::open) return;
  state_ = State::draining;
  since_ = uv_now(worker().loop());
  worker().closing(*this);
  if (!has_output() && !writing_) begin_shutdown();
}

void TcpConnection::begin_shutdown() {
  if (shutdown_req_) return;  // already under way (libuv owns the request until its callback)
  shutdown_req_ = std::make_unique<uv_shutdown_t>();
  shutdown_req_->data = this;
  if (uv_shutdown(shutdown_req_.get(), reinterpret_cast<uv_stream_t*>(&tcp_), &on_shutdown) != 0) {
    close_now();
  }
}

void TcpConnection::on_shutdown(uv_shutdown_t* req, int status) noexcept {
  auto* self = static_cast<TcpConnection*>(req->data);
  if (status < 0 || self->state_ == State::closed) {
    if (status != UV_ECANCELED) self->close_now();
    return;
  }
  // FIN sent: keep reading (and discarding) until the peer closes too, or the linger times out,
  // so unread input does not turn our close into a reset that destroys our last bytes.
  self->state_ = State::lingering;
  self->since_ = uv_now(self->worker().loop());
  self->worker().lingering(*self);
}

void TcpConnection::abort() {
  if (state_ != State::handing) close_now();
}

void TcpConnection::set_input_timeout(uint32_t ms) {
  input_timeout_ = ms;
  worker().watch_input(*this);
}

void TcpConnection::close_now() {
  if (state_ == State::closed) return;
  state_ = State::closed;
  worker().unlink(*this);
  uv_close(reinterpret_cast<uv_handle_t*>(&tcp_), &on_closed);
}

void TcpConnection::on_closed(uv_handle_t* h) noexcept {
  auto* self = static_cast<TcpConnection*>(h->data);
  if (self->handler_knows_) self->worker().handler().on_close(*self);
  self->worker().closed(*self);
  delete self;
}

}  // namespace mm::worker
