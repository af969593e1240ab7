#include "config/loader.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

#include "config/json_text.h"
#include "config/table.h"
#include "config/validate.h"

namespace mm::config {

Config default_config() {
  Config cfg;
  cfg.worker_num = cpu_count();
  cfg.listeners = {Listener{"127.0.0.1", 1883}};
  return cfg;
}

LoadResult load_config_text(std::string_view json_text) {
  LoadResult result;
  try {
    std::optional<Json> doc = parse_json(json_text, result.errors);
    if (!doc) return result;
    if (!doc->is_object()) {
      result.errors.push_back({"", "the top-level value must be an object"});
      return result;
    }
    Json valid = validate_object<Config>(*doc, config_rows(), default_config(), "", result.errors);
    if (result.errors.empty()) result.config = object_from_json<Config>(valid, config_rows());
  } catch (const std::exception& e) {
    // Not expected: the validator checks every value before it is converted.
    result.errors.push_back({"", std::string("internal error: ") + e.what()});
  }
  return result;
}

namespace {

constexpr size_t kMaxFileBytes = size_t{16} << 20;

struct FileCloser {
  void operator()(std::FILE* file) const { std::fclose(file); }
};

// The file's bytes, or the reason they cannot be read.
bool read_file(const std::string& file_path, std::string& text, std::string& problem) {
  std::unique_ptr<std::FILE, FileCloser> file(std::fopen(file_path.c_str(), "rb"));
  if (!file) {
    problem = std::strerror(errno);
    return false;
  }
  char chunk[65536];
  size_t got = 0;
  while ((got = std::fread(chunk, 1, sizeof chunk, file.get())) > 0) {
    text.append(chunk, got);
    if (text.size() > kMaxFileBytes) {
      problem = "larger than 16 MiB";
      return false;
    }
  }
  if (std::ferror(file.get())) {
    problem = std::strerror(errno);
    return false;
  }
  return true;
}

}  // namespace

LoadResult load_config_file(const std::string& file_path) {
  std::string text;
  std::string problem;
  try {
    if (read_file(file_path, text, problem)) return load_config_text(text);
  } catch (const std::exception& e) {
    problem = e.what();
  }
  LoadResult result;
  result.errors.push_back({"", "cannot read " + file_path + ": " + problem});
  return result;
}

std::string format_error(const ConfigError& error) {
  // An error of the document itself has no pointer: just the message.
  return error.path.empty() ? error.message : error.path + ": " + error.message;
}

std::string to_json(const Config& cfg) {
  Json doc = object_to_json<Config>(cfg, config_rows());
  return doc.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace mm::config
