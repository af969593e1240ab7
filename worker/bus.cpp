#include "worker/bus.h"

#include <unistd.h>

#include <algorithm>
#include <cstring>

#include "common/log.h"
#include "worker/connection.h"
#include "worker/worker.h"

namespace mm::worker {
namespace {

constexpr uint8_t kMessage = 0;
constexpr uint8_t kHandOver = 1;
constexpr size_t kHeader = 5;  // u32 length + u8 type
constexpr size_t kReadChunk = 64 * 1024;
constexpr size_t kMaxFrame = 1u << 30;  // a frame longer than this means a corrupt link
constexpr size_t kKeepCapacity = 1024 * 1024;

void put_u32(std::vector<uint8_t>& out, uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<uint8_t>(v >> (8 * i)));
}

uint32_t get_u32(const uint8_t* p) {
  return static_cast<uint32_t>(p[0]) | static_cast<uint32_t>(p[1]) << 8 |
         static_cast<uint32_t>(p[2]) << 16 | static_cast<uint32_t>(p[3]) << 24;
}

}  // namespace

struct Bus::Peer {
  Bus* bus;
  unsigned slot;
  uv_pipe_t pipe;
  std::vector<uint8_t> out;  // frames not yet handed to libuv
  std::vector<uint8_t> in;   // bytes read, from the start of an incomplete frame
  size_t in_used = 0;
  size_t writes = 0;  // uv_write requests not yet called back
  bool dirty = false;
  bool closed = false;
};

struct Bus::Write {
  uv_write_t req;
  Peer* peer;
  std::vector<uint8_t> bytes;
  TcpConnection* handed = nullptr;  // closed here once its socket went out
};

Bus::Bus(Worker& worker, unsigned self) : worker_(worker), self_(self) {}

Bus::~Bus() = default;

bool Bus::linked(unsigned slot) const {
  auto it = peers_.find(slot);
  return it != peers_.end() && !it->second->closed;
}

void Bus::add_peer(unsigned slot, int fd) {
  if (auto it = peers_.find(slot); it != peers_.end()) drop(*it->second, "replaced");
  auto p = std::make_unique<Peer>();
  p->bus = this;
  p->slot = slot;
  uv_pipe_init(worker_.loop(), &p->pipe, 1);
  p->pipe.data = p.get();
  int rc = uv_pipe_open(&p->pipe, fd);
  if (rc == 0) {
    rc = uv_read_start(reinterpret_cast<uv_stream_t*>(&p->pipe), &on_alloc, &on_read);
  }
  if (rc != 0) {
    LOG_ERROR("bus link to slot %u: %s", slot, uv_strerror(rc));
    if (uv_fileno(reinterpret_cast<uv_handle_t*>(&p->pipe), nullptr) != 0) ::close(fd);
    ++closing_;
    uv_close(reinterpret_cast<uv_handle_t*>(&p.release()->pipe), &on_closed);
    return;
  }
  peers_[slot] = std::move(p);
  LOG_DEBUG("bus: link to slot %u up", slot);
  recompute_members();
  worker_.handler().on_peer_up(slot);
}

void Bus::set_members(std::vector<unsigned> announced) {
  std::sort(announced.begin(), announced.end());
  announced_ = std::move(announced);
  recompute_members();
  worker_.handler().on_members();
}

bool Bus::announced_self() const {
  return std::binary_search(announced_.begin(), announced_.end(), self_);
}

// Members are the announced slots with a live link (or this slot): a worker that died leaves
// at once, before the master's next announcement says so.
void Bus::recompute_members() {
  members_.clear();
  for (unsigned s : announced_) {
    if (s == self_ || linked(s)) members_.push_back(s);
  }
}

bool Bus::send(unsigned slot, std::span<const uint8_t> msg) {
  auto it = peers_.find(slot);
  if (it == peers_.end() || it->second->closed) return false;
  frame(*it->second, kMessage, msg);
  return true;
}

void Bus::frame(Peer& p, uint8_t type, std::span<const uint8_t> body) {
  // One resize and one copy: this runs once per forwarded message.
  const size_t at = p.out.size();
  p.out.resize(at + kHeader + body.size());
  uint8_t* f = p.out.data() + at;
  const uint32_t len = static_cast<uint32_t>(body.size() + 1);
  for (int i = 0; i < 4; ++i) f[i] = static_cast<uint8_t>(len >> (8 * i));
  f[4] = type;
  if (!body.empty()) std::memcpy(f + kHeader, body.data(), body.size());
  if (!p.dirty) {
    p.dirty = true;
    dirty_.push_back(&p);
  }
}

bool Bus::hand_over(unsigned slot, TcpConnection& conn, unsigned hops,
                    std::span<const uint8_t> bytes) {
  auto it = peers_.find(slot);
  if (it == peers_.end() || it->second->closed) return false;
  Peer& p = *it->second;
  if (!write_out(p)) return false;  // what was queued goes first
  auto* w = new Write;
  w->peer = &p;
  w->handed = &conn;
  w->req.data = w;
  put_u32(w->bytes, static_cast<uint32_t>(bytes.size() + 2));
  w->bytes.push_back(kHandOver);
  w->bytes.push_back(static_cast<uint8_t>(std::min(hops, 255u)));
  w->bytes.insert(w->bytes.end(), bytes.begin(), bytes.end());
  uv_buf_t b =
      uv_buf_init(reinterpret_cast<char*>(w->bytes.data()), static_cast<unsigned>(w->bytes.size()));
  int rc = uv_write2(&w->req, reinterpret_cast<uv_stream_t*>(&p.pipe), &b, 1,
                     reinterpret_cast<uv_stream_t*>(conn.handle()), &on_write);
  if (rc != 0) {
    delete w;
    drop(p, uv_strerror(rc));
    return false;
  }
  ++p.writes;
  return true;
}

void Bus::flush() {
  std::vector<Peer*> dirty;
  dirty.swap(dirty_);
  for (Peer* p : dirty) {
    p->dirty = false;
    if (!p->closed) write_out(*p);
  }
}

// Hands the link's queued frames to libuv in one write. False when the link failed.
bool Bus::write_out(Peer& p) {
  if (p.out.empty()) return true;
  auto* w = new Write;
  w->peer = &p;
  w->req.data = w;
  w->bytes.swap(p.out);
  if (w->bytes.capacity() <= kKeepCapacity) p.out.reserve(w->bytes.capacity());
  uv_buf_t b =
      uv_buf_init(reinterpret_cast<char*>(w->bytes.data()), static_cast<unsigned>(w->bytes.size()));
  int rc = uv_write(&w->req, reinterpret_cast<uv_stream_t*>(&p.pipe), &b, 1, &on_write);
  if (rc != 0) {
    delete w;
    drop(p, uv_strerror(rc));
    return false;
  }
  ++p.writes;
  return true;
}

void Bus::on_write(uv_write_t* req, int status) noexcept {
  auto* w = static_cast<Write*>(req->data);
  Peer& p = *w->peer;
  Bus& bus = *p.bus;
  --p.writes;
  // Sent or not, the connection is no longer this worker's: its socket is in flight (or the
  // link failed, and the client reconnects).
  if (w->handed != nullptr) w->handed->close_now();
  delete w;
  if (status < 0 && status != UV_ECANCELED && !p.closed) bus.drop(p, uv_strerror(status));
  if (p.closed && p.writes == 0 && !uv_is_closing(reinterpret_cast<uv_handle_t*>(&p.pipe))) {
    uv_close(reinterpret_cast<uv_handle_t*>(&p.pipe), &on_closed);
  }
}

void Bus::on_alloc(uv_handle_t* h, size_t, uv_buf_t* buf) noexcept {
  auto* p = static_cast<Peer*>(h->data);
  if (p->in.size() < p->in_used + kReadChunk) p->in.resize(p->in_used + kReadChunk);
  *buf = uv_buf_init(reinterpret_cast<char*>(p->in.data() + p->in_used),
                     static_cast<unsigned>(p->in.size() - p->in_used));
}

void Bus::on_read(uv_stream_t* s, ssize_t nread, const uv_buf_t*) noexcept {
  auto* p = static_cast<Peer*>(s->data);
  if (nread == 0 || p->closed) return;
  if (nread < 0) {
    p->bus->drop(*p, nread == UV_EOF ? "the worker is gone" : uv_strerror(static_cast<int>(nread)));
    return;
  }
  p->in_used += static_cast<size_t>(nread);
  p->bus->parse(*p);
}

// Hands every whole frame read from `p` to its taker; keeps the start of an incomplete one.
void Bus::parse(Peer& p) {
  size_t at = 0;
  while (!p.closed && p.in_used - at >= kHeader) {
    const uint8_t* f = p.in.data() + at;
    size_t len = get_u32(f);
    if (len == 0 || len > kMaxFrame) return drop(p, "corrupt frame");
    if (p.in_used - at < 4 + len) break;
    std::span<const uint8_t> body(f + kHeader, len - 1);
    at += 4 + len;
    if (f[4] == kMessage) {
      worker_.handler().on_peer_message(p.slot, body);
    } else if (f[4] == kHandOver && !body.empty() && uv_pipe_pending_count(&p.pipe) > 0) {
      worker_.adopt_handed(reinterpret_cast<uv_stream_t*>(&p.pipe), body[0], body.subspan(1));
    } else {
      return drop(p, "unexpected frame");
    }
  }
  if (p.closed) return;
  if (at > 0) {
    std::memmove(p.in.data(), p.in.data() + at, p.in_used - at);
    p.in_used -= at;
  }
  if (p.in_used == 0 && p.in.capacity() > kKeepCapacity) std::vector<uint8_t>().swap(p.in);
}

// The link failed or the other worker is gone: forget it, tell the handler.
void Bus::drop(Peer& p, const char* why) {
  if (p.closed) return;
  unsigned slot = p.slot;
  if (!closing_all_) LOG_INFO("bus: link to slot %u closed (%s)", slot, why);
  close_link(p);
  recompute_members();
  if (!closing_all_) worker_.handler().on_peer_down(slot);
}

// Orderly (closing every link): the last write callback closes the pipe once queued output is
// written. A failed link is closed at once, cancelling what it still had to write.
void Bus::close_link(Peer& p) {
  p.closed = true;
  uv_read_stop(reinterpret_cast<uv_stream_t*>(&p.pipe));
  auto it = peers_.find(p.slot);
  if (it != peers_.end() && it->second.get() == &p) {
    it->second.release();  // freed by on_closed
    peers_.erase(it);
  }
  ++closing_;
  if (p.writes == 0 || !closing_all_) {
    uv_close(reinterpret_cast<uv_handle_t*>(&p.pipe), &on_closed);
  }
}

void Bus::on_closed(uv_handle_t* h) noexcept {
  auto* p = static_cast<Peer*>(h->data);
  Bus& bus = *p->bus;
  bus.dirty_.erase(std::remove(bus.dirty_.begin(), bus.dirty_.end(), p), bus.dirty_.end());
  delete p;
  --bus.closing_;
}

void Bus::close() {
  closing_all_ = true;
  announced_.clear();
  members_.clear();
  while (!peers_.empty()) {
    Peer& p = *peers_.begin()->second;
    write_out(p);
    close_link(p);
  }
}

}  // namespace mm::worker
