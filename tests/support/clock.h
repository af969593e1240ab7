#pragma once
// Deadlines for process tests: every wait in a test has one, and waits poll (never sleep for
// a fixed time and hope).

#include <chrono>
#include <thread>

namespace mm::test {

using Clock = std::chrono::steady_clock;
using Ms = std::chrono::milliseconds;

// How often waits look again: short enough not to slow tests down, long enough not to spin.
inline constexpr Ms kPollEvery{5};

class Deadline {
 public:
  explicit Deadline(Ms from_now) : at_(Clock::now() + from_now) {}
  bool passed() const { return Clock::now() >= at_; }
  // Milliseconds left, at least 0: for poll(2) and socket timeouts.
  int remaining_ms() const {
    auto left = std::chrono::duration_cast<Ms>(at_ - Clock::now()).count();
    return left > 0 ? static_cast<int>(left) : 0;
  }

 private:
  Clock::time_point at_;
};

// Calls `pred` until it returns true (then true) or `timeout` has passed (then false).
template <typename Pred>
bool wait_until(Pred&& pred, Ms timeout) {
  Deadline d(timeout);
  for (;;) {
    if (pred()) return true;
    if (d.passed()) return false;
    std::this_thread::sleep_for(kPollEvery);
  }
}

// Milliseconds since `start`.
inline long long elapsed_ms(Clock::time_point start) {
  return std::chrono::duration_cast<Ms>(Clock::now() - start).count();
}

}  // namespace mm::test
