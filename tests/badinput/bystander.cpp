#include "tests/badinput/bystander.h"

namespace mm::test::badinput {

Bystander::Bystander(uint16_t port, uint8_t level, std::string tag)
    : port_(port), level_(level), tag_(std::move(tag)), client_(port, level, "bystander " + tag_) {
  client_.connect_ok({.client_id = "by-" + tag_});
  client_.subscribe({{"bystander/" + tag_, {.qos = 1}}});
}

void Bystander::check() {
  client_.ping();
  wire::Client pub(port_, level_, "publisher " + tag_);
  pub.connect_ok({.client_id = "pub-" + tag_});
  std::string payload = "after " + tag_ + " #" + std::to_string(++round_);
  pub.publish({.topic = "bystander/" + tag_, .payload = payload, .qos = 1});
  wire::Incoming m = client_.receive(Ms(3000));
  if (m.topic != "bystander/" + tag_ || m.payload != payload) {
    throw wire::WireError("bystander " + tag_ + " received " + m.describe());
  }
  pub.disconnect();
}

void Bystander::finish() {
  check();
  client_.disconnect();
}

}  // namespace mm::test::badinput
