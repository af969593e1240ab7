#include "tests/badinput/runner.h"

#include "tests/badinput/bystander.h"
#include "tests/badinput/observed.h"
#include "tests/wire/client.h"

namespace mm::test::badinput {
namespace {

// How long a row's answer may take. A broker closes at once on bad input, so a connection
// still open after this is a broker that did not act.
constexpr Ms kAnswerWait{2000};

}  // namespace

RowResult run_row(uint16_t port, const Row& row, size_t index) {
  RowResult r;
  try {
    Bystander bystander(port, row.level, std::to_string(index));
    {
      wire::Client bad(port, row.level, "bad peer");
      if (row.connect_first) bad.connect_ok({.client_id = "bad-" + std::to_string(index)});
      bad.tcp().send(row.bytes);  // the broker may close before it has read everything
      Observed o = observe(bad, row.expected, kAnswerWait);
      r.answer_ok = matches(row.expected, o);
      r.got = o.describe();
    }
    bystander.finish();
    r.bystander_ok = true;
  } catch (const std::exception& ex) {
    r.bystander_error = ex.what();
  }
  return r;
}

std::string report(const Row& row, const RowResult& r) {
  std::string bytes = wire::hex(row.bytes);
  if (bytes.size() > 3 * 48)
    bytes = bytes.substr(0, 3 * 48) + "... (" + std::to_string(row.bytes.size()) + " bytes)";
  std::string s = "row '" + row.name + "' (level " + std::to_string(row.level) +
                  (row.connect_first ? ", after a valid CONNECT" : ", instead of CONNECT") + ")\n" +
                  "  bytes:    " + bytes + "\n" + "  expected: " + describe(row.expected) + "\n" +
                  "  got:      " + r.got + "\n" + "  spec:     " + row.rule;
  if (!r.bystander_ok) s += "\n  bystander: " + r.bystander_error;
  return s;
}

}  // namespace mm::test::badinput
