// The command line: -t checks a configuration (exit 0 or 1 with every error named by its JSON
// path), -h and -V exit 0, bad arguments exit 2; a bad file stops a real start too.

#include <regex>

#include "tests/process/harness.h"
#include "tests/support/process.h"
#include "tests/support/temp_dir.h"

namespace mm::test {
namespace {

const char* const kBadConfig = R"({
  // two mistakes: both must be reported, each by its JSON path
  "worker_numm": 2,
  "listeners": [{"host": "127.0.0.1", "port": 70000}]
})";

TEST_CASE("cli: -t accepts a valid configuration with exit code 0") {
  TempDir dir;
  dir.write("ok.json", "// a comment is allowed\n" + base_config(2).dump());
  RunResult r = run_program(kBinary, {"-t", "-c", dir.file("ok.json")});
  REQUIRE(r.status.has_value());
  CHECK(r.status->exited_with(0));
  CHECK(r.out == dir.file("ok.json") + ": configuration OK\n");
}

TEST_CASE("cli: -t rejects a bad configuration with exit code 1, naming every JSON path") {
  TempDir dir;
  dir.write("bad.json", kBadConfig);
  RunResult r = run_program(kBinary, {"-t", "-c", dir.file("bad.json")});
  INFO("stderr: " << r.err);
  REQUIRE(r.status.has_value());
  CHECK(r.status->exited_with(1));
  CHECK(r.out.find("configuration OK") == std::string::npos);
  CHECK(r.err.find("/worker_numm") != std::string::npos);
  CHECK(r.err.find("/listeners/0/port") != std::string::npos);
  CHECK(r.err.find("70000") != std::string::npos);
}

TEST_CASE("cli: -t on a missing file or broken JSON exits 1") {
  TempDir dir;
  dir.write("broken.json", R"({"worker_num": 2,)");
  for (const char* name : {"missing.json", "broken.json"}) {
    CAPTURE(name);
    RunResult r = run_program(kBinary, {"-t", "-c", dir.file(name)});
    REQUIRE(r.status.has_value());
    CHECK(r.status->exited_with(1));
    CHECK(r.err.find(dir.file(name)) != std::string::npos);
  }
}

TEST_CASE("cli: running with a bad configuration exits 1 with the errors and starts nothing") {
  TempDir dir;
  dir.write("bad.json", kBadConfig);
  RunResult r = run_program(kBinary, {"-c", dir.file("bad.json")});
  REQUIRE(r.status.has_value());
  CHECK(r.status->exited_with(1));
  CHECK(r.err.find("/worker_numm") != std::string::npos);
  CHECK(r.err.find("/listeners/0/port") != std::string::npos);
}

TEST_CASE("cli: -h and -V exit 0") {
  RunResult h = run_program(kBinary, {"-h"});
  REQUIRE(h.status.has_value());
  CHECK(h.status->exited_with(0));
  CHECK(h.out.find("usage: mqtt-master") != std::string::npos);
  RunResult v = run_program(kBinary, {"-V"});
  REQUIRE(v.status.has_value());
  CHECK(v.status->exited_with(0));
  CHECK(std::regex_search(v.out, std::regex(R"(^mqtt-master \d+\.\d+\.\d+)")));
}

TEST_CASE("cli: bad arguments exit 2 with the usage") {
  const std::vector<std::vector<std::string>> cases = {{"-x"}, {}, {"-t"}, {"-c"}, {"extra"}};
  for (const auto& args : cases) {
    CAPTURE(args.size());
    RunResult r = run_program(kBinary, args);
    REQUIRE(r.status.has_value());
    CHECK(r.status->exited_with(2));
    CHECK(r.err.find("usage: mqtt-master") != std::string::npos);
  }
}

}  // namespace
}  // namespace mm::test
