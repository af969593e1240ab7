#include "worker/broker/message.h"

#include <array>
#include <cstring>

#include "common/mqtt/property_block.h"
#include "common/mqtt/varint.h"

namespace mm::broker {
namespace {

// Messages this thread made and no one holds, ready for reuse. Bounded in count, in what each
// keeps and in all it keeps together. The count covers what a burst of acknowledgements
// releases at once: pairs QoS 1 (100 subscribers, 20 in flight each, the rest queued) freed
// and then allocated again thousands at a time with 512.
constexpr size_t kPoolMessages = 8192;
constexpr size_t kPoolKeepBytes = 4096;      // a message's buffers beyond this: freed, not kept
constexpr size_t kPoolBudget = 4096 * 1024;  // all the pool keeps, with the Messages themselves

thread_local bool pool_gone = false;  // past this thread's pool's destructor

class MessagePool {
 public:
  MessagePool() = default;
  MessagePool(const MessagePool&) = delete;
  MessagePool& operator=(const MessagePool&) = delete;
  ~MessagePool() {
    for (size_t i = 0; i < count_; ++i) delete free_[i];
    pool_gone = true;
  }
  Message* take() {
    if (count_ == 0) return new Message();
    Message* m = free_[--count_];
    bytes_ -= footprint(*m);
    return m;
  }
  void give(Message* m) noexcept {
    const size_t keep = footprint(*m);
    if (count_ == kPoolMessages || keep > sizeof(Message) + kPoolKeepBytes ||
        bytes_ + keep > kPoolBudget) {
      delete m;
      return;
    }
    m->topic.clear();
    m->payload.clear();
    m->qos = 0;
    m->retain = false;
    m->origin.clear();
    m->payload_format_indicator.reset();
    m->expires_at = 0;
    m->content_type.reset();
    m->response_topic.reset();
    m->correlation_data.reset();
    m->user_properties.clear();
    bytes_ += keep;
    free_[count_++] = m;
  }
  size_t bytes() const noexcept { return bytes_; }

 private:
  // What a pooled message holds: itself and its buffers' capacity (clearing keeps them).
  static size_t footprint(const Message& m) {
    return sizeof(Message) + m.topic.capacity() + m.payload.capacity() + m.origin.capacity() +
           m.user_properties.capacity();
  }
  std::array<Message*, kPoolMessages> free_{};  // 64 KiB, in place: the pool never allocates
  size_t count_ = 0;
  size_t bytes_ = 0;
};

MessagePool& pool() {
  thread_local MessagePool p;
  return p;
}

}  // namespace

MessageRef<Message> new_message() {
  return MessageRef<Message>::adopt_(pool().take());
}

size_t message_pool_bytes() {
  return pool().bytes();
}

void recycle_message(const Message* m) noexcept {
  Message* made = const_cast<Message*>(m);  // new_message made it mutable; no one holds it now
  if (pool_gone) {
    delete made;  // a message outliving its thread's pool (thread exit)
    return;
  }
  pool().give(made);
}

namespace {

uint64_t expiry_deadline(std::optional<uint32_t> interval, uint64_t now) {
  return interval ? now + static_cast<uint64_t>(*interval) * 1000 : 0;
}

}  // namespace

size_t Message::weight() const {
  return sizeof(Message) + topic.size() + payload.size() + user_properties.size() +
         (content_type ? content_type->size() : 0) + (response_topic ? response_topic->size() : 0) +
         (correlation_data ? correlation_data->size() : 0);
}

namespace {

// The fields of a received PUBLISH, but for its User Properties (append_user_properties).
MessageView fields_of(const mqtt::Publish& p, std::string_view topic, std::string_view origin,
                      uint64_t now) {
  MessageView v;
  v.topic = topic;
  v.payload = p.payload;
  v.qos = static_cast<uint8_t>(p.qos);
  v.retain = p.retain;
  v.origin = origin;
  const mqtt::PublishProperties& props = p.properties;
  v.payload_format_indicator = props.payload_format_indicator;
  v.expires_at = expiry_deadline(props.message_expiry_interval, now);
  v.content_type = props.content_type;
  v.response_topic = props.response_topic;
  v.correlation_data = props.correlation_data;
  return v;
}

void append_user_properties(const mqtt::PublishProperties& props, std::vector<uint8_t>& out) {
  for (const mqtt::Property& u : props.user_properties()) {
    mqtt::PropertyBlock::append_user_property(out, u.text, u.value);
  }
}

}  // namespace

MessageView view_of(const Message& m) {
  MessageView v;
  v.topic = m.topic;
  v.payload = m.payload;
  v.qos = m.qos;
  v.retain = m.retain;
  v.origin = m.origin;
  v.payload_format_indicator = m.payload_format_indicator;
  v.expires_at = m.expires_at;
  v.content_type = m.content_type;
  v.response_topic = m.response_topic;
  if (m.correlation_data) {
    v.correlation_data = std::string_view(reinterpret_cast<const char*>(m.correlation_data->data()),
                                          m.correlation_data->size());
  }
  v.user_properties = m.user_properties;
  return v;
}

MessageView view_of(const mqtt::Publish& p, std::string_view topic, std::string_view origin,
                    uint64_t now, std::vector<uint8_t>& scratch) {
  MessageView v = fields_of(p, topic, origin, now);
  scratch.clear();
  append_user_properties(p.properties, scratch);
  v.user_properties = scratch;
  return v;
}

namespace {

// Every field but the User Properties, whose source differs (encoded already in a view, a
// property block in a PUBLISH).
void copy_fields(const MessageView& v, Message& m) {
  m.topic = v.topic;
  m.payload.assign(v.payload.begin(), v.payload.end());
  m.qos = v.qos;
  m.retain = v.retain;
  m.origin = v.origin;
  m.payload_format_indicator = v.payload_format_indicator;
  m.expires_at = v.expires_at;
  if (v.content_type) m.content_type = std::string(*v.content_type);
  if (v.response_topic) m.response_topic = std::string(*v.response_topic);
  if (v.correlation_data) {
    m.correlation_data.emplace(v.correlation_data->begin(), v.correlation_data->end());
  }
}

}  // namespace

MessagePtr make_message(const MessageView& v) {
  auto m = new_message();
  copy_fields(v, *m);
  m->user_properties.assign(v.user_properties.begin(), v.user_properties.end());
  return m;
}

MessagePtr make_message(const mqtt::Publish& p, std::string_view topic, std::string_view origin,
                        uint64_t now) {
  auto m = new_message();
  copy_fields(fields_of(p, topic, origin, now), *m);
  append_user_properties(p.properties, m->user_properties);
  return m;
}

MessagePtr make_will(const mqtt::Will& w, std::string_view origin, uint64_t now) {
  auto m = new_message();
  m->topic = w.topic;
  m->payload = w.payload;
  m->qos = static_cast<uint8_t>(w.qos);
  m->retain = w.retain;
  m->origin = origin;
  const mqtt::Properties& props = w.properties;
  m->payload_format_indicator = props.payload_format_indicator;
  m->expires_at = expiry_deadline(props.message_expiry_interval, now);
  m->content_type = props.content_type;
  m->response_topic = props.response_topic;
  m->correlation_data = props.correlation_data;
  for (const auto& up : props.user_properties) {
    mqtt::PropertyBlock::append_user_property(m->user_properties, up.name, up.value);
  }
  return m;
}

namespace {

std::string_view bytes_text(const std::vector<uint8_t>& b) {
  return {reinterpret_cast<const char*>(b.data()), b.size()};
}
std::string_view bytes_text(std::string_view b) {
  return b;
}

// Whether the PUBLISH for `d` has no property to carry at 5.0.
template <typename M>
bool no_properties(const M& m, const Delivery& d) {
  return !m.payload_format_indicator && m.expires_at == 0 && !m.content_type && !m.response_topic &&
         !m.correlation_data && m.user_properties.empty() && d.topic_alias == 0 &&
         d.subscription_ids.empty();
}

// A PUBLISH of topic, packet id and payload alone (and, at 5.0, a Property Length of 0),
// written directly: the bytes mqtt::encode makes of it, without building an mqtt::Publish
// (whose Properties alone is some 450 bytes to clear). The QoS 1/2 deliveries that cannot
// share one encoding (their packet ids differ) mostly take this way.
template <typename M>
size_t encode_plain(const M& m, const Delivery& d, bool v5, mqtt::Buffer& out) {
  const size_t topic = m.topic.size();
  const size_t remaining = 2 + topic + (d.qos > 0 ? 2 : 0) + (v5 ? 1 : 0) + m.payload.size();
  const size_t total = 1 + mqtt::varint_size(static_cast<uint32_t>(remaining)) + remaining;
  const size_t start = out.size();
  out.resize(start + total);
  uint8_t* w = out.data() + start;
  *w++ = static_cast<uint8_t>(0x30 | (d.dup ? 0x08 : 0) | (d.qos << 1) | (d.retain ? 0x01 : 0));
  w += mqtt::write_varint(static_cast<uint32_t>(remaining), w);
  *w++ = static_cast<uint8_t>(topic >> 8);
  *w++ = static_cast<uint8_t>(topic);
  if (topic > 0) std::memcpy(w, m.topic.data(), topic);
  w += topic;
  if (d.qos > 0) {
    *w++ = static_cast<uint8_t>(d.packet_id >> 8);
    *w++ = static_cast<uint8_t>(d.packet_id);
  }
  if (v5) *w++ = 0;
  if (!m.payload.empty()) std::memcpy(w, m.payload.data(), m.payload.size());
  return total;
}

// M: Message or MessageView.
template <typename M>
size_t encode_delivery_of(const M& m, const Delivery& d, mqtt::ProtocolVersion v, uint64_t now,
                          mqtt::Buffer& out) {
  constexpr size_t kMaxRemaining = 268'435'455;  // the largest Remaining Length
  const bool v5 = mqtt::is_v5(v);
  // The payload leaves room in the Remaining Length for topic, packet id and property length.
  if (!d.alias_only && m.topic.size() <= 0xFFFF && m.payload.size() <= kMaxRemaining - 0x10006 &&
      (!v5 || no_properties(m, d))) {
    return encode_plain(m, d, v5, out);
  }
  mqtt::Publish p;
  p.dup = d.dup;
  p.qos = static_cast<mqtt::QoS>(d.qos);
  p.retain = d.retain;
  p.topic = d.alias_only ? std::string_view() : std::string_view(m.topic);
  p.packet_id = d.packet_id;
  p.payload = m.payload;
  if (mqtt::is_v5(v)) {
    mqtt::PublishProperties& props = p.properties;
    props.payload_format_indicator = m.payload_format_indicator;
    if (m.expires_at != 0) {
      // The remaining lifetime, rounded up so that a live message never says 0.
      uint64_t left = m.expires_at > now ? m.expires_at - now : 0;
      props.message_expiry_interval = static_cast<uint32_t>((left + 999) / 1000);
    }
    if (m.content_type) props.content_type = *m.content_type;
    if (m.response_topic) props.response_topic = *m.response_topic;
    if (m.correlation_data) props.correlation_data = bytes_text(*m.correlation_data);
    if (d.topic_alias != 0) props.topic_alias = d.topic_alias;
    props.repeated = mqtt::PropertyBlock(m.user_properties);
    return mqtt::encode(p, v, out, d.subscription_ids);
  }
  return mqtt::encode(p, v, out);
}

}  // namespace

size_t encode_delivery(const Message& m, const Delivery& d, mqtt::ProtocolVersion v, uint64_t now,
                       mqtt::Buffer& out) {
  return encode_delivery_of(m, d, v, now, out);
}

size_t encode_delivery(const MessageView& m, const Delivery& d, mqtt::ProtocolVersion v,
                       uint64_t now, mqtt::Buffer& out) {
  return encode_delivery_of(m, d, v, now, out);
}

}  // namespace mm::broker
