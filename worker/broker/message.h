#pragma once
// An application message inside the broker: owned, immutable once made, and shared by every
// queue and in-flight window that holds it (MessagePtr), so fan-out copies no payload until
// the bytes are written to each connection. A message no one holds any more goes back to its
// thread's pool with its buffers, so that in steady state making one allocates nothing.

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "common/mqtt/encode.h"
#include "common/mqtt/packets.h"
#include "worker/broker/string_hash.h"

namespace mm::broker {

struct Message {
  std::string topic;
  std::vector<uint8_t> payload;
  uint8_t qos = 0;
  bool retain = false;
  std::string origin;  // client id of the publisher (No Local); empty for the broker's own
  // MQTT 5.0 properties, passed through unchanged.
  std::optional<uint8_t> payload_format_indicator;
  uint64_t expires_at = 0;  // loop time in ms; 0 = never
  std::optional<std::string> content_type;
  std::optional<std::string> response_topic;
  std::optional<std::vector<uint8_t>> correlation_data;
  std::vector<uint8_t> user_properties;  // User Property entries, encoded, in order

  // Bytes this message holds, for queue accounting.
  size_t weight() const;

  // How many MessageRefs hold it: not part of its value, so a copy starts with none.
  struct Owners {
    uint32_t n = 0;
    Owners() = default;
    Owners(const Owners&) noexcept {}
    Owners& operator=(const Owners&) noexcept { return *this; }
  };
  mutable Owners owners;
};

// Takes back a message whose last MessageRef let go (message.cpp): into this thread's pool,
// emptied but keeping its buffers, or deleted when the pool is full or the buffers are large.
void recycle_message(const Message* m) noexcept;

// A counted reference to a pooled message. A worker is one thread and a message never leaves
// it (the bus carries bytes), so the count is a plain integer, not an atomic.
template <class T>
class MessageRef {
 public:
  MessageRef() noexcept = default;
  MessageRef(std::nullptr_t) noexcept {}  // NOLINT(google-explicit-constructor)
  MessageRef(const MessageRef& o) noexcept : p_(o.p_) { hold(); }
  MessageRef(MessageRef&& o) noexcept : p_(std::exchange(o.p_, nullptr)) {}
  template <class U>
  requires std::is_convertible_v<U*, T*> MessageRef(const MessageRef<U>& o)
  noexcept : p_(o.get()) {  // NOLINT
    hold();
  }
  template <class U>
  requires std::is_convertible_v<U*, T*> MessageRef(MessageRef<U>&& o)
  noexcept : p_(o.release_()) {}  // NOLINT
  ~MessageRef() { reset(); }
  MessageRef& operator=(MessageRef o) noexcept {
    std::swap(p_, o.p_);
    return *this;
  }

  void reset() noexcept {
    if (p_ != nullptr && --p_->owners.n == 0) recycle_message(p_);
    p_ = nullptr;
  }
  T* get() const noexcept { return p_; }
  T& operator*() const noexcept { return *p_; }
  T* operator->() const noexcept { return p_; }
  explicit operator bool() const noexcept { return p_ != nullptr; }
  bool operator==(const MessageRef& o) const noexcept { return p_ == o.p_; }
  bool operator==(std::nullptr_t) const noexcept { return p_ == nullptr; }
  uint32_t use_count() const noexcept { return p_ != nullptr ? p_->owners.n : 0; }

  // For new_message and the converting move only.
  static MessageRef adopt_(T* p) noexcept {
    MessageRef r;
    r.p_ = p;
    r.hold();
    return r;
  }
  T* release_() noexcept { return std::exchange(p_, nullptr); }

 private:
  void hold() noexcept {
    if (p_ != nullptr) ++p_->owners.n;
  }
  T* p_ = nullptr;
};

using MessagePtr = MessageRef<const Message>;

// An empty message from this thread's pool (or a new one), to fill and then share as a
// MessagePtr.
MessageRef<Message> new_message();
// What this thread's pool keeps (messages and their buffers): at most 4 MiB.
size_t message_pool_bytes();

// A message's fields, borrowed: what a forwarded message is encoded from for the bus, either
// a Message or straight from a received PUBLISH (so that a PUBLISH that is only forwarded to
// other workers is never copied into a Message here).
struct MessageView {
  std::string_view topic;
  std::span<const uint8_t> payload;
  uint8_t qos = 0;
  bool retain = false;
  std::string_view origin;
  std::optional<uint8_t> payload_format_indicator;
  uint64_t expires_at = 0;
  std::optional<std::string_view> content_type;
  std::optional<std::string_view> response_topic;
  std::optional<std::string_view> correlation_data;
  std::span<const uint8_t> user_properties;  // as Message::user_properties
};

MessageView view_of(const Message& m);
// The fields make_message would copy from a received PUBLISH. The User Properties are
// encoded into `scratch` (cleared first), which must outlive the view.
MessageView view_of(const mqtt::Publish& p, std::string_view topic, std::string_view origin,
                    uint64_t now, std::vector<uint8_t>& scratch);

// Copies a received PUBLISH (topic resolved from its alias by the caller). `now` is the loop
// time in ms, for the Message Expiry Interval.
MessagePtr make_message(const mqtt::Publish& p, std::string_view topic, std::string_view origin,
                        uint64_t now);
MessagePtr make_will(const mqtt::Will& w, std::string_view origin, uint64_t now);
// A Message of the view's fields (copied).
MessagePtr make_message(const MessageView& v);

// How one subscriber receives a message.
struct Delivery {
  uint8_t qos = 0;
  bool retain = false;
  uint16_t packet_id = 0;
  bool dup = false;
  uint16_t topic_alias = 0;  // 0 = none
  bool alias_only = false;   // the alias is known to the client: empty topic
  std::span<const uint32_t> subscription_ids{};
};

// Whether the message (a Message or a MessageView) is past its expiry at `now`.
template <typename M>
bool expired(const M& m, uint64_t now) {
  return m.expires_at != 0 && now >= m.expires_at;
}

// Appends the PUBLISH for one subscriber at protocol version `v`. Returns bytes appended.
size_t encode_delivery(const Message& m, const Delivery& d, mqtt::ProtocolVersion v, uint64_t now,
                       mqtt::Buffer& out);
size_t encode_delivery(const MessageView& m, const Delivery& d, mqtt::ProtocolVersion v,
                       uint64_t now, mqtt::Buffer& out);

// A message on its way to this worker's subscribers: its fields, and a Message only once a
// delivery keeps it (in flight, or queued). A QoS 0 PUBLISH whose subscribers are all online
// with nothing queued is written to each from the view and never copied. Made from a Message,
// or from a view and a function that makes the Message; what the view borrows, and the
// function, must outlive the Outgoing.
class Outgoing {
 public:
  explicit Outgoing(const MessagePtr& m) : view_(view_of(*m)), made_(m) {}
  template <typename Make>
  Outgoing(const MessageView& v, const Make& make)
      : view_(v),
        make_([](const void* f) { return MessagePtr((*static_cast<const Make*>(f))()); }),
        maker_(&make) {}
  Outgoing(const Outgoing&) = delete;
  Outgoing& operator=(const Outgoing&) = delete;

  const MessageView& view() const noexcept { return view_; }
  // string_hash of the topic, computed once for the route table and the subscription index.
  uint64_t topic_hash() {
    if (!hashed_) {
      hash_ = string_hash(view_.topic);
      hashed_ = true;
    }
    return hash_;
  }
  const MessagePtr& message() {
    if (!made_) made_ = make_(maker_);
    return made_;
  }

 private:
  MessageView view_;
  MessagePtr made_;
  MessagePtr (*make_)(const void*) = nullptr;
  const void* maker_ = nullptr;
  uint64_t hash_ = 0;
  bool hashed_ = false;
};

}  // namespace mm::broker
