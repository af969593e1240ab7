// config/server.json, the commented example, is a valid configuration.

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "tests/unit/config/helpers.h"

namespace mm::config {
namespace {

TEST_CASE("config/server.json loads without error") {
  LoadResult result = load_config_file(MM_CONFIG_EXAMPLE);
  INFO("errors: " << test::joined(test::errors_of(result)));
  REQUIRE(result.errors.empty());
  REQUIRE(result.config.has_value());
  REQUIRE(result.config->listeners.size() == 1);
  CHECK(result.config->listeners[0] == Listener{"127.0.0.1", 1883});
}

TEST_CASE("config/server.json is commented") {
  std::ifstream in(MM_CONFIG_EXAMPLE);
  std::ostringstream text;
  text << in.rdbuf();
  CHECK(text.str().find("//") != std::string::npos);
}

}  // namespace
}  // namespace mm::config
