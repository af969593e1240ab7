// The configuration loader: any text either loads or yields errors (never a crash, never an
// exception), every error has a message and a JSON pointer path, and a loaded configuration
// survives to_json() and back unchanged.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "config/loader.h"
#include "tests/fuzz/check.h"

namespace {

using mm::fuzz::require;

void check_errors(const mm::config::LoadResult& result) {
  require(result.config.has_value() == result.errors.empty(),
          "a config is returned exactly when there are no errors");
  for (const mm::config::ConfigError& error : result.errors) {
    require(!error.message.empty(), "every error says what is wrong");
    require(error.path.empty() || error.path[0] == '/', "every path is a JSON pointer");
    require(mm::config::format_error(error) ==
                (error.path.empty() ? error.message : error.path + ": " + error.message),
            "format_error is 'path: message', or the message alone for the document");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  mm::config::LoadResult result = mm::config::load_config_text(text);
  check_errors(result);
  if (!result.config) return 0;
  std::string canonical = mm::config::to_json(*result.config);
  mm::config::LoadResult again = mm::config::load_config_text(canonical);
  require(again.errors.empty(), "to_json of a valid config loads without error");
  require(again.config == result.config, "load(to_json(c)) == c");
  require(mm::config::to_json(*again.config) == canonical, "to_json is canonical");
  return 0;
}
