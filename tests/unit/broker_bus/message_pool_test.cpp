// MessageRef and the per-thread message pool (message.h): counted references, and a message no
// one holds goes back to the pool emptied, keeping only modest buffers.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "tests/unit/broker_bus/allocation_probe.h"
#include "worker/broker/message.h"

namespace mm::broker::test {

TEST_CASE("MessageRef counts its holders, and copies of a message start with none") {
  auto made = new_message();
  made->topic = "a/b";
  CHECK(made.use_count() == 1);
  MessagePtr shared = made;
  CHECK(made.use_count() == 2);
  {
    MessagePtr third = shared;
    CHECK(shared.use_count() == 3);
    const Message copy = *third;  // a value copy is not a holder
    CHECK(copy.owners.n == 0);
    CHECK(copy.topic == "a/b");
  }
  CHECK(shared.use_count() == 2);
  MessagePtr moved = std::move(made);
  CHECK(made == nullptr);  // NOLINT(bugprone-use-after-move): the move empties it
  CHECK(moved.use_count() == 2);
  moved.reset();
  CHECK(shared.use_count() == 1);
  CHECK(shared->topic == "a/b");
}

TEST_CASE("a released message comes back empty, with its buffers, and costs no allocation") {
  const Message* first = nullptr;
  {
    auto m = new_message();
    m->topic = "sensors/building-4/floor-2/room-17/temperature";
    m->payload.assign(100, 'x');
    m->qos = 2;
    m->retain = true;
    m->origin = "a-client-id-past-the-small-string-buffer";
    m->payload_format_indicator = 1;
    m->expires_at = 99;
    m->content_type = "text/plain";
    m->response_topic = "reply";
    m->correlation_data = std::vector<uint8_t>{1, 2};
    m->user_properties = {0x26, 0, 1, 'k', 0, 1, 'v'};
    first = m.get();
  }
  MessageRef<Message> again;
  const Allocations a = allocations_during([&] { again = new_message(); });
  CHECK(a.calls == 0);
  REQUIRE(again.get() == first);  // the same message, back from the pool
  CHECK(again->topic.empty());
  CHECK(again->payload.empty());
  CHECK(again->payload.capacity() >= 100);  // its buffer kept for the next payload
  CHECK(again->qos == 0);
  CHECK(!again->retain);
  CHECK(again->origin.empty());
  CHECK(!again->payload_format_indicator);
  CHECK(again->expires_at == 0);
  CHECK(!again->content_type);
  CHECK(!again->response_topic);
  CHECK(!again->correlation_data);
  CHECK(again->user_properties.empty());
  CHECK(again.use_count() == 1);
}

TEST_CASE("a message holding a large buffer is freed, not pooled") {
  {
    auto m = new_message();
    m->payload.assign(64 * 1024, 'x');
  }
  // The pool may hold other messages, but not that one: take every pooled one to see.
  std::vector<MessageRef<Message>> taken;
  bool seen = false;
  for (int i = 0; i < 16384 && !seen; ++i) {
    taken.push_back(new_message());
    seen = taken.back()->payload.capacity() >= 64 * 1024;
  }
  CHECK(!seen);
}

TEST_CASE("the pool keeps at most 4 MiB however many messages come back") {
  {
    std::vector<MessageRef<Message>> held;
    for (int i = 0; i < 8192; ++i) {
      held.push_back(new_message());
      held.back()->payload.assign(4000, 'x');  // each within what one pooled message may keep
    }
  }
  CHECK(message_pool_bytes() > 3 * 1024 * 1024);
  CHECK(message_pool_bytes() <= 4 * 1024 * 1024);
}

}  // namespace mm::broker::test
