#include "tests/cluster/summary.h"

#include <cstdio>

namespace mm::test::cluster {

void Summary::fail(const std::string& what) {
  ++failure_count_;
  if (failures_.size() < 40) failures_.push_back(what);
}

void Summary::line(const char* format, ...) {
  char buf[512];
  va_list args;
  va_start(args, format);
  std::vsnprintf(buf, sizeof buf, format, args);
  va_end(args);
  lines_.push_back(buf);
}

void Summary::add_ledger(const Ledger& l) {
  const Counts& c = l.counts();
  line("published   QoS0 %llu  QoS1 %llu  QoS2 %llu", (unsigned long long)c.published[0],
       (unsigned long long)c.published[1], (unsigned long long)c.published[2]);
  line(
      "required    QoS0 %llu  QoS1 %llu  QoS2 %llu (deliveries by delivered QoS; shared groups by "
      "publish QoS)",
      (unsigned long long)c.required[0], (unsigned long long)c.required[1],
      (unsigned long long)c.required[2]);
  line("delivered   QoS0 %llu  QoS1 %llu  QoS2 %llu (first copies; %llu allowed but not required)",
       (unsigned long long)c.delivered[0], (unsigned long long)c.delivered[1],
       (unsigned long long)c.delivered[2], (unsigned long long)c.optional_got);
  line("missing     QoS0 %llu  QoS1 %llu  QoS2 %llu; QoS 1 repeats %llu",
       (unsigned long long)c.missing[0], (unsigned long long)c.missing[1],
       (unsigned long long)c.missing[2], (unsigned long long)c.qos1_repeats);
  failure_count_ += l.failure_count();
  for (const std::string& f : l.failures()) {
    if (failures_.size() < 40) failures_.push_back(f);
  }
}

void Summary::add_sanitizer_reports(const std::string& reports) {
  if (!reports.empty()) fail("sanitizer reports in the broker's output:\n" + reports);
}

int Summary::conclude(Ledger& l, const std::string& sanitizer_reports, const char* name,
                      uint64_t seed) {
  l.finish();
  add_ledger(l);
  add_sanitizer_reports(sanitizer_reports);
  return print(name, seed);
}

int Summary::print(const char* name, uint64_t seed) const {
  for (const std::string& l : lines_) std::printf("  %s\n", l.c_str());
  for (const auto& [what, n] : counters_)
    std::printf("  %s: %llu\n", what.c_str(), (unsigned long long)n);
  for (const std::string& f : failures_) std::printf("  FAIL %s\n", f.c_str());
  if (failure_count_ > failures_.size()) {
    std::printf("  ... %llu failures in all\n", (unsigned long long)failure_count_);
  }
  std::printf("%s %s (seed %llu)\n", failure_count_ == 0 ? "PASS" : "FAIL", name,
              (unsigned long long)seed);
  std::fflush(stdout);
  return failure_count_ == 0 ? 0 : 1;
}

}  // namespace mm::test::cluster
