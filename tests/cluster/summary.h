#pragma once
// What a cluster run prints at the end: figures, counts, the first failures, PASS or FAIL.

#include <cstdarg>
#include <map>
#include <string>
#include <vector>

#include "tests/cluster/ledger.h"

namespace mm::test::cluster {

class Summary {
 public:
  void fail(const std::string& what);
  void count(const std::string& what) { ++counters_[what]; }
  void line(const char* format, ...) __attribute__((format(printf, 2, 3)));
  void add_ledger(const Ledger& l);
  void add_sanitizer_reports(const std::string& reports);
  // The ledger's counts and failures, the broker's sanitizer reports, then print().
  int conclude(Ledger& l, const std::string& sanitizer_reports, const char* name, uint64_t seed);
  // Prints everything; returns 0 when nothing failed, else 1.
  int print(const char* name, uint64_t seed) const;

 private:
  std::vector<std::string> lines_;
  std::vector<std::string> failures_;
  uint64_t failure_count_ = 0;
  std::map<std::string, uint64_t> counters_;
};

}  // namespace mm::test::cluster
