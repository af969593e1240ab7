// The generic machinery under the key table, on a table of its own: what the next keys
// (booleans, linked bounds, required keys) will rely on.

#include <doctest/doctest.h>

#include "config/validate.h"

namespace mm::config {
namespace {

struct Toy {
  bool flag = true;
  int low = 1;
  int high = 5;
};

constexpr Row<Toy> kToyRows[] = {
    {.name = "flag", .kind = Kind::boolean, .doc = "a boolean", .bind = field<&Toy::flag>()},
    {.name = "low",
     .kind = Kind::integer,
     .limits = {0, 100},
     .doc = "low",
     .bind = field<&Toy::low>()},
    {.name = "high",
     .kind = Kind::integer,
     .limits = {0, 100},
     .link = {Relation::at_least, "low"},
     .doc = "high",
     .bind = field<&Toy::high>()},
};

Errors check(const char* text, Toy* out = nullptr) {
  Errors errors;
  Json valid = validate_object<Toy>(Json::parse(text), kToyRows, Toy{}, "/toy", errors);
  if (out && errors.empty()) *out = object_from_json<Toy>(valid, kToyRows);
  return errors;
}

TEST_CASE("boolean keys") {
  Toy toy;
  CHECK(check(R"({"flag": false})", &toy).empty());
  CHECK_FALSE(toy.flag);
  Errors errors = check(R"({"flag": 1})");
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].path == "/toy/flag");
  CHECK(errors[0].message == "must be true or false (got 1)");
}

TEST_CASE("linked bounds: a default is clamped, a given value is an error") {
  Toy toy;
  CHECK(check(R"({"low": 50})", &toy).empty());
  CHECK(toy.high == 50);
  Errors errors = check(R"({"low": 50, "high": 10})");
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].path == "/toy/high");
  CHECK(errors[0].message == "must be at least low (50) (got 10)");
}

TEST_CASE("pointers escape ~ and /") {
  CHECK(pointer("", "a/b") == "/a~1b");
  CHECK(pointer("/x", "~") == "/x/~0");
  CHECK(pointer("", "") == "/");
}

TEST_CASE("suggestions only for near misses") {
  std::vector<const char*> names = {"worker_num", "log_level"};
  CHECK(unknown_key_message("log_levl", names) == "unknown key (did you mean \"log_level\"?)");
  CHECK(unknown_key_message("LOG_LEVEL", names) == "unknown key");
  CHECK(unknown_key_message(std::string(1000, 'x'), names) == "unknown key");
}

TEST_CASE("format_number writes integral values without a fraction") {
  CHECK(format_number(3600) == "3600");
  CHECK(format_number(0.5) == "0.5");
  CHECK(format_number(-2) == "-2");
}

}  // namespace
}  // namespace mm::config
