// The bad-input table (issue 4), sent over TCP to the running broker: every row gets the
// answer the MQTT specification requires, and a bystander connected meanwhile notices nothing.
// One broker per protocol level; rows run one after the other on fresh connections.

#include <doctest/doctest.h>

#include <cstdio>
#include <cstdlib>

#include "tests/badinput/broker_under_test.h"
#include "tests/badinput/rows.h"
#include "tests/badinput/runner.h"

namespace mm::test::badinput {
namespace {

void run_table(uint8_t level, unsigned worker_num) {
  BrokerUnderTest broker({.worker_num = worker_num});
  REQUIRE_MESSAGE(broker.started(), broker.error());
  std::vector<Row> rows = table(level);
  // MM_BADINPUT_VERBOSE=1 prints every row, passing or not, for review against the spec.
  bool verbose = std::getenv("MM_BADINPUT_VERBOSE") != nullptr;
  size_t answered = 0;
  size_t unaffected = 0;
  for (size_t i = 0; i < rows.size(); ++i) {
    RowResult r = run_row(broker.port(), rows[i], i);
    CHECK_MESSAGE(r.answer_ok, report(rows[i], r));
    CHECK_MESSAGE(r.bystander_ok, report(rows[i], r));
    if (verbose) printf("%s %s\n", r.answer_ok ? "PASS" : "FAIL", report(rows[i], r).c_str());
    answered += r.answer_ok;
    unaffected += r.bystander_ok;
  }
  MESSAGE("level " << int(level) << ", worker_num " << worker_num << ": " << rows.size()
                   << " rows, " << answered << " answered as the spec requires, " << unaffected
                   << " with the bystander unaffected");
  CHECK_MESSAGE(broker.all_alive(), "a broker process died or was replaced");
  CHECK(broker.server().sanitizer_reports() == "");
}

}  // namespace

// ctest registers only the "badinput/" cases (TEST_SPEC in CMakeLists.txt).
TEST_CASE("badinput/MQTT 5.0 table, worker_num 1") {
  run_table(wire::v5, 1);
}
TEST_CASE("badinput/MQTT 3.1.1 table, worker_num 1") {
  run_table(wire::v311, 1);
}
TEST_CASE("badinput/MQTT 3.1 table, worker_num 1") {
  run_table(wire::v31, 1);
}

TEST_CASE("badinput/the table has at least 100 rows") {
  size_t n = table(wire::v5).size() + table(wire::v311).size() + table(wire::v31).size();
  MESSAGE(n << " rows");
  CHECK(n >= 100);
}

// The same at worker_num 4. The bystander, the publisher and the bad peer may land on
// different workers, which needs cross-worker routing (the next issue), so ctest leaves these
// out for now: run them with `broker_badinput -ts=multiworker`.
TEST_SUITE("multiworker") {
  TEST_CASE("multiworker/MQTT 5.0 table, worker_num 4") {
    run_table(wire::v5, 4);
  }
  TEST_CASE("multiworker/MQTT 3.1.1 table, worker_num 4") {
    run_table(wire::v311, 4);
  }
  TEST_CASE("multiworker/MQTT 3.1 table, worker_num 4") {
    run_table(wire::v31, 4);
  }
}

}  // namespace mm::test::badinput
