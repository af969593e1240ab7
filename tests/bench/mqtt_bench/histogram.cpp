#include "tests/bench/mqtt_bench/histogram.h"

#include <bit>
#include <cmath>

namespace mm::bench {

size_t Histogram::index_of(uint64_t value) {
  constexpr uint64_t kDirect = uint64_t{2} << kSubBits;  // 128: one bucket per value
  if (value < kDirect) return static_cast<size_t>(value);
  unsigned msb = 63 - static_cast<unsigned>(std::countl_zero(value));
  unsigned octave = msb - kSubBits;  // >= 1
  return (static_cast<size_t>(octave + 1) << kSubBits) +
         static_cast<size_t>((value >> octave) - (uint64_t{1} << kSubBits));
}

uint64_t Histogram::lower_bound(size_t index) {
  if (index < (size_t{2} << kSubBits)) return index;
  size_t octave = (index >> kSubBits) - 1;
  uint64_t mantissa = (index & ((size_t{1} << kSubBits) - 1)) + (uint64_t{1} << kSubBits);
  return mantissa << octave;
}

void Histogram::record(uint64_t value) {
  ++buckets_[index_of(value)];
  ++count_;
}

void Histogram::merge(const Histogram& other) {
  for (size_t i = 0; i < kBuckets; ++i) buckets_[i] += other.buckets_[i];
  count_ += other.count_;
}

uint64_t Histogram::quantile(double q) const {
  if (count_ == 0) return 0;
  auto rank = static_cast<uint64_t>(std::ceil(q * static_cast<double>(count_)));
  if (rank == 0) rank = 1;
  uint64_t seen = 0;
  for (size_t i = 0; i < kBuckets; ++i) {
    seen += buckets_[i];
    if (seen >= rank) return lower_bound(i);
  }
  return lower_bound(kBuckets - 1);
}

}  // namespace mm::bench
