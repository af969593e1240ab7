#include "worker/assembler.h"

namespace mm::worker {
namespace {

// Buffers that grew past this are released once empty, so one large packet does not pin
// memory for the life of a connection.
constexpr size_t kKeepCapacity = 4096;

}  // namespace

FrameStatus PacketAssembler::complete(std::span<const uint8_t>& data) {
  for (;;) {
    Frame f = frame(partial_, limit_);
    if (f.status == FrameStatus::packet) return FrameStatus::packet;
    if (f.status != FrameStatus::need_more) return refuse(f);
    if (data.empty()) return FrameStatus::need_more;
    // Header incomplete: one byte at a time (at most four); else the rest of this packet.
    size_t want = f.total == 0 ? 1 : f.total - partial_.size();
    size_t take = want < data.size() ? want : data.size();
    partial_.insert(partial_.end(), data.begin(), data.begin() + static_cast<ptrdiff_t>(take));
    data = data.subspan(take);
  }
}

void PacketAssembler::keep(std::span<const uint8_t> data, size_t total) {
  if (total != 0) partial_.reserve(total);
  partial_.assign(data.begin(), data.end());
}

FrameStatus PacketAssembler::refuse(const Frame& f) {
  refused_ = clamp(f.total);
  release();
  return f.status;
}

void PacketAssembler::release() {
  partial_.clear();
  if (partial_.capacity() > kKeepCapacity) std::vector<uint8_t>().swap(partial_);
}

}  // namespace mm::worker
