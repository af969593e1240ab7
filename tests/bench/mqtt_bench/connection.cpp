#include "tests/bench/mqtt_bench/connection.h"

namespace mm::bench {
namespace {

// One read buffer per thread, shared by its connections: libuv fills it and calls back
// before the next read, and only an incomplete packet is copied out of it.
thread_local std::vector<char> t_read_buffer(64 * 1024);

Connection* owner(void* data) {
  return static_cast<Connection*>(data);
}

}  // namespace

Connection::Connection(uv_loop_t* loop, std::vector<Connection*>& dirty)
    : loop_(loop), dirty_list_(dirty) {}

bool Connection::open(const sockaddr_in& addr) {
  uv_tcp_init(loop_, &tcp_);
  tcp_.data = this;
  connect_req_.data = this;
  write_req_.data = this;
  open_ = true;
  connected_ = false;
  int rc =
      uv_tcp_connect(&connect_req_, &tcp_, reinterpret_cast<const sockaddr*>(&addr), on_connect_cb);
  if (rc != 0) {
    close();
    return false;
  }
  return true;
}

Bytes& Connection::out() {
  if (!dirty_) {
    dirty_ = true;
    dirty_list_.push_back(this);
  }
  return out_;
}

void Connection::flush() {
  dirty_ = false;
  if (!connected_ || write_busy_ || out_.empty()) return;
  auto* stream = reinterpret_cast<uv_stream_t*>(&tcp_);
  uv_buf_t buf =
      uv_buf_init(reinterpret_cast<char*>(out_.data()), static_cast<unsigned>(out_.size()));
  int n = uv_try_write(stream, &buf, 1);
  if (n == UV_EAGAIN) n = 0;
  if (n < 0) return end(true);
  if (static_cast<size_t>(n) == out_.size()) return out_.clear();
  writing_.swap(out_);  // out_ takes writing_'s empty buffer and keeps its capacity
  writing_.erase(writing_.begin(), writing_.begin() + n);
  buf =
      uv_buf_init(reinterpret_cast<char*>(writing_.data()), static_cast<unsigned>(writing_.size()));
  if (uv_write(&write_req_, stream, &buf, 1, on_write_cb) != 0) return end(true);
  write_busy_ = true;
}

void Connection::close() {
  if (!open_) return;
  open_ = false;
  connected_ = false;
  uv_close(reinterpret_cast<uv_handle_t*>(&tcp_), on_close_cb);
}

void Connection::end(bool failed) {
  if (!open_) return;
  on_ended(failed);
  close();
}

void Connection::on_connect_cb(uv_connect_t* req, int status) noexcept {
  Connection* c = owner(req->data);
  if (!c->open_) return;  // closed while connecting
  if (status < 0) return c->end(true);
  c->connected_ = true;
  uv_tcp_nodelay(&c->tcp_, 1);
  uv_read_start(reinterpret_cast<uv_stream_t*>(&c->tcp_), on_alloc_cb, on_read_cb);
  c->on_connected();
}

void Connection::on_alloc_cb(uv_handle_t*, size_t, uv_buf_t* buf) noexcept {
  *buf = uv_buf_init(t_read_buffer.data(), static_cast<unsigned>(t_read_buffer.size()));
}

void Connection::on_read_cb(uv_stream_t* s, ssize_t n, const uv_buf_t* buf) noexcept {
  Connection* c = owner(s->data);
  if (n > 0) return c->consume(reinterpret_cast<const uint8_t*>(buf->base), size_t(n));
  if (n < 0) c->end(n != UV_EOF);
}

void Connection::on_write_cb(uv_write_t* req, int status) noexcept {
  Connection* c = owner(req->data);
  c->write_busy_ = false;
  c->writing_.clear();
  if (status < 0) return status == UV_ECANCELED ? void() : c->end(true);
  if (!c->out_.empty()) c->out();  // written before the loop next waits
}

void Connection::on_close_cb(uv_handle_t* h) noexcept {
  Connection* c = owner(h->data);
  c->out_.clear();
  c->partial_.clear();
  c->on_closed();
}

void Connection::consume(const uint8_t* data, size_t size) {
  if (partial_.empty()) {
    size_t used = handle_packets(data, size);
    if (open_) partial_.assign(data + used, data + size);
    return;
  }
  partial_.insert(partial_.end(), data, data + size);
  size_t used = handle_packets(partial_.data(), partial_.size());
  if (open_) partial_.erase(partial_.begin(), partial_.begin() + used);
}

// Hands every whole packet to on_packet; returns the bytes used.
size_t Connection::handle_packets(const uint8_t* data, size_t size) {
  size_t at = 0;
  while (open_ && at < size) {
    Frame frame;
    FrameResult r = take_frame(data + at, size - at, frame);
    if (r == FrameResult::need_more) break;
    if (r == FrameResult::malformed || !on_packet(frame)) {
      end(r == FrameResult::malformed);
      break;
    }
    at += frame.total;
  }
  return at;
}

}  // namespace mm::bench
