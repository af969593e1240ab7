// Bad configurations: every error names its JSON pointer, the problem and the bad value.

#include <doctest/doctest.h>

#include <string>

#include "tests/unit/config/helpers.h"

namespace mm::config {
namespace {

using test::load_errors;
using test::load_one_error;

TEST_CASE("unknown keys are errors, with a suggestion for a near miss") {
  CHECK(load_one_error(R"({"worker_numm": 2})") ==
        "/worker_numm: unknown key (did you mean \"worker_num\"?)");
  CHECK(load_one_error(R"({"colour": 2})") == "/colour: unknown key");
  CHECK(load_one_error(R"({"listeners": [{"host": "::1", "port": 1, "hots": "x"}]})") ==
        "/listeners/0/hots: unknown key (did you mean \"host\"?)");
  CHECK(load_one_error(R"({"a/b~c": 1})") == "/a~1b~0c: unknown key");
}

TEST_CASE("wrong types name the expected type and the value") {
  CHECK(load_one_error(R"({"package_max_length": "2M"})") ==
        "/package_max_length: must be an integer (got \"2M\")");
  CHECK(load_one_error(R"({"worker_num": 1.5})") == "/worker_num: must be an integer (got 1.5)");
  CHECK(load_one_error(R"({"worker_num": "3"})") == "/worker_num: must be an integer (got \"3\")");
  CHECK(load_one_error(R"({"worker_num": 2.0})") == "/worker_num: must be an integer (got 2.0)");
  CHECK(load_one_error(R"({"worker_num": null})") == "/worker_num: must be an integer (got null)");
  CHECK(load_one_error(R"({"worker_num": true})") == "/worker_num: must be an integer (got true)");
  CHECK(load_one_error(R"({"connect_timeout": "10"})") ==
        "/connect_timeout: must be a number (got \"10\")");
  CHECK(load_one_error(R"({"log_file": 5})") == "/log_file: must be a string (got 5)");
  CHECK(load_one_error(R"({"listeners": {"host": "::1"}})") ==
        "/listeners: must be an array (got an object)");
  CHECK(load_one_error(R"({"listeners": [5]})") == "/listeners/0: must be an object (got 5)");
  CHECK(load_one_error(R"({"listeners": [{"host": ["::1"], "port": 1}]})") ==
        "/listeners/0/host: must be a string (got an array of 1 items)");
}

TEST_CASE("string rules") {
  CHECK(load_one_error(R"({"log_level": "verbose"})") ==
        "/log_level: must be one of \"debug\", \"info\", \"warn\", \"error\" (got \"verbose\")");
  for (const char* level : {"debug", "info", "warn", "error"}) {
    CHECK(common::log_level_name(
              test::load_ok(std::string(R"({"log_level": ")") + level + "\"}").log_level) ==
          std::string(level));
  }
  CHECK(load_one_error(R"({"listeners": [{"host": "localhost", "port": 1}]})") ==
        "/listeners/0/host: must be a numeric IPv4 or IPv6 address (got \"localhost\")");
  CHECK(load_one_error(R"({"pid_file": "a\u0000b"})") ==
        "/pid_file: must be a path without NUL characters (got \"a\\u0000b\")");
  std::string long_value(200, 'x');
  CHECK(load_one_error(R"({"log_level": ")" + long_value + "\"}") ==
        "/log_level: must be one of \"debug\", \"info\", \"warn\", \"error\" (got \"" +
            std::string(59, 'x') + "...\")");
}

TEST_CASE("listener items need host and port, and no two alike") {
  CHECK(load_one_error(R"({"listeners": [{"port": 1}]})") == "/listeners/0/host: is required");
  CHECK(load_one_error(R"({"listeners": [{"host": "::"}]})") == "/listeners/0/port: is required");
  CHECK(load_one_error(R"({"listeners": [{"host": "::1", "port": 1}, {"host": "::1", "port": 2},
                          {"host": "0:0::1", "port": 1}]})") ==
        "/listeners/2: duplicates /listeners/0");
  test::load_ok(R"({"listeners": [{"host": "::1", "port": 0}, {"host": "::1", "port": 0}]})");
  test::load_ok(R"({"listeners": [{"host": "::1", "port": 7}, {"host": "127.0.0.1", "port": 7}]})");
}

TEST_CASE("cross-key bounds name the key that is wrong") {
  CHECK(load_one_error(R"({"connect_max_length": 3000000})") ==
        "/connect_max_length: must be at most package_max_length (2097152) (got 3000000)");
  CHECK(load_one_error(R"({"package_max_length": 1000, "connect_max_length": 1001})") ==
        "/connect_max_length: must be at most package_max_length (1000) (got 1001)");
  CHECK(load_one_error(R"({"socket_buffer_size": 1000})") ==
        "/socket_buffer_size: must be at least package_max_length (2097152) (got 1000)");
  // An invalid package_max_length is reported once, not again through the keys it bounds.
  CHECK(load_one_error(R"({"package_max_length": 5, "connect_max_length": 100,
                          "socket_buffer_size": 100})") ==
        "/package_max_length: must be an integer between 16 and 268435460 (got 5)");
}

TEST_CASE("huge and non-finite numbers are errors, not overflows") {
  CHECK(load_one_error(R"({"worker_num": 18446744073709551615})") ==
        "/worker_num: must be an integer between 1 and 1024 (got 18446744073709551615)");
  CHECK(load_one_error(R"({"worker_num": 18446744073709551616})") ==
        "/worker_num: must be an integer (got 1.8446744073709552e+19)");
  CHECK(load_one_error(R"({"worker_num": -9223372036854775808})") ==
        "/worker_num: must be an integer between 1 and 1024 (got -9223372036854775808)");
  CHECK(load_one_error(R"({"connect_timeout": 1e308})") ==
        "/connect_timeout: must be a number greater than 0 and at most 3600 (got 1e+308)");
  std::string overflow = load_one_error(R"({"connect_timeout": 1e400})");
  CHECK(overflow.starts_with("not valid JSON: "));
  CHECK(overflow.find("1e400") != std::string::npos);
}

TEST_CASE("text that is not a JSON object") {
  std::string bad = load_one_error("{\n  \"worker_num\": 2,\n  \"log_level\": }\n");
  CHECK(bad.starts_with("not valid JSON: parse error at line 3, column 16"));
  CHECK(load_one_error("").starts_with("not valid JSON: "));
  CHECK(load_one_error(R"({"worker_num": 2} x)").starts_with("not valid JSON: "));
  CHECK(load_one_error(R"([{"worker_num": 2}])") == "the top-level value must be an object");
  CHECK(load_one_error("\"{}\"") == "the top-level value must be an object");
}

TEST_CASE("a key given twice is an error wherever it is") {
  CHECK(load_one_error(R"({"worker_num": 1, "worker_num": 2})") ==
        "/worker_num: duplicate key (JSON would keep only the last one)");
  CHECK(load_one_error(R"({"listeners": [{"host": "::1", "port": 1},
                          {"host": "::1", "port": 2, "port": 3}]})") ==
        "/listeners/1/port: duplicate key (JSON would keep only the last one)");
}

TEST_CASE("every error is reported in one pass") {
  std::vector<std::string> errors = load_errors(R"({
    "worker_num": 0,
    "listeners": [{"host": "nowhere", "port": 70000}, {"port": 1, "extra": true}],
    "log_level": "loud",
    "typo": 1,
    "connect_timeout": -1
  })");
  std::vector<std::string> expected = {
      "/typo: unknown key",
      "/worker_num: must be an integer between 1 and 1024 (got 0)",
      "/listeners/0/host: must be a numeric IPv4 or IPv6 address (got \"nowhere\")",
      "/listeners/0/port: must be an integer between 0 and 65535 (got 70000)",
      "/listeners/1/extra: unknown key",
      "/listeners/1/host: is required",
      "/connect_timeout: must be a number greater than 0 and at most 3600 (got -1)",
      "/log_level: must be one of \"debug\", \"info\", \"warn\", \"error\" (got \"loud\")",
  };
  CHECK(errors == expected);
}

TEST_CASE("comments are allowed") {
  Config cfg = test::load_ok(R"(// a comment line
    {
      /* a block
         comment */
      "worker_num": 2,  // trailing comment
      "listeners": [ /* inside */ {"host": "::1", "port": 0} ]
    }
  )");
  CHECK(cfg.worker_num == 2);
  CHECK(cfg.listeners[0].host == "::1");
}

TEST_CASE("a file that cannot be read is one error naming it") {
  LoadResult missing = load_config_file("/nonexistent/mqtt-master.json");
  CHECK_FALSE(missing.config.has_value());
  REQUIRE(missing.errors.size() == 1);
  CHECK(format_error(missing.errors[0]) ==
        "cannot read /nonexistent/mqtt-master.json: No such file or directory");
  LoadResult directory = load_config_file("/");
  REQUIRE(directory.errors.size() == 1);
  CHECK(format_error(directory.errors[0]) == "cannot read /: Is a directory");
}

}  // namespace
}  // namespace mm::config

TEST_CASE("nesting deeper than 64 levels is refused before parsing") {
  std::string deep = std::string(65, '[') + std::string(65, ']');
  CHECK(mm::config::test::load_one_error("{\"x\": " + deep + "}") ==
        "arrays and objects nested more than 64 levels deep");
  std::string very_deep = std::string(100000, '[');
  CHECK(mm::config::test::load_one_error(very_deep) ==
        "arrays and objects nested more than 64 levels deep");
  // Brackets in strings and comments do not count.
  std::string text =
      "{\"log_file\": \"" + std::string(100, '[') + "\" /* " + std::string(100, '{') + " */}";
  CHECK(mm::config::test::load_ok(text).log_file == std::string(100, '['));
}
