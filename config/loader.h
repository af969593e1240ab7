#pragma once
// Loading and validating server.json against the declared key table (config/keys.h).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.h"

namespace mm::config {

// One problem in a configuration, located by its JSON pointer ("/listeners/0/port"; "" for
// the document itself).
struct ConfigError {
  std::string path;
  std::string message;
};

// Every error found, not just the first; `config` is set only when `errors` is empty.
struct LoadResult {
  std::optional<Config> config;
  std::vector<ConfigError> errors;
};

// JSON with // and /* */ comments allowed. Never throws.
LoadResult load_config_text(std::string_view json_text);
// A file that cannot be read is one error (path "") naming the file and the reason.
LoadResult load_config_file(const std::string& file_path);

// What an empty object `{}` loads as: every key at its default (worker_num = CPU count, one
// listener on 127.0.0.1:1883).
Config default_config();

// "/listeners/0/port: must be between 0 and 65535 (got 70000)"; a document error is its
// message alone ("not valid JSON: ...").
std::string format_error(const ConfigError& error);

// The canonical JSON form of a valid configuration: every key, defaults filled in.
// load_config_text(to_json(c)).config == c.
std::string to_json(const Config& cfg);

}  // namespace mm::config
