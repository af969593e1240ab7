#pragma once
// Shortcuts shared by the configuration tests.

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "config/loader.h"

namespace mm::config::test {

// Every error of a load, formatted ("/path: message").
inline std::vector<std::string> errors_of(const LoadResult& result) {
  std::vector<std::string> out;
  for (const ConfigError& error : result.errors) out.push_back(format_error(error));
  return out;
}

inline std::string joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& line : lines) out += line + "\n";
  return out;
}

// Loads `json`, which must be valid.
inline Config load_ok(const std::string& json) {
  LoadResult result = load_config_text(json);
  INFO("json: " << json);
  INFO("errors: " << joined(errors_of(result)));
  REQUIRE(result.errors.empty());
  REQUIRE(result.config.has_value());
  return *result.config;
}

// Loads `json`, which must fail; returns every error formatted.
inline std::vector<std::string> load_errors(const std::string& json) {
  LoadResult result = load_config_text(json);
  INFO("json: " << json);
  CHECK_FALSE(result.config.has_value());
  CHECK_FALSE(result.errors.empty());
  return errors_of(result);
}

// Loads `json`, which must fail with exactly one error; returns it formatted.
inline std::string load_one_error(const std::string& json) {
  std::vector<std::string> errors = load_errors(json);
  INFO("json: " << json);
  INFO("errors: " << joined(errors));
  REQUIRE(errors.size() == 1);
  return errors[0];
}

}  // namespace mm::config::test
