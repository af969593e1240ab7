#pragma once
// A latency histogram with about 1.5 % resolution: values below 128 ns have a bucket each,
// every octave above has 64. Recording is one index computation and one increment; each
// client thread owns one and the main thread merges them after the threads have ended.

#include <array>
#include <cstddef>
#include <cstdint>

namespace mm::bench {

class Histogram {
 public:
  void record(uint64_t value);
  void merge(const Histogram& other);
  uint64_t count() const { return count_; }
  // The value below which the fraction q (0..1) of the recorded values lie (a bucket's lower
  // bound); 0 when nothing was recorded.
  uint64_t quantile(double q) const;

 private:
  static constexpr unsigned kSubBits = 6;
  static constexpr size_t kBuckets = (64 - kSubBits + 1) << kSubBits;
  static size_t index_of(uint64_t value);
  static uint64_t lower_bound(size_t index);

  std::array<uint64_t, kBuckets> buckets_{};
  uint64_t count_ = 0;
};

}  // namespace mm::bench
