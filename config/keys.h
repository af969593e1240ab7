#pragma once
// The declared table of configuration keys: one row per key with its JSON path, type, bounds,
// default, reload class and one line of documentation. The loader, the reload diff and
// config/README.md are all driven by this table.

#include <span>
#include <string>
#include <vector>

#include "config/config.h"

namespace mm::config {

// How a running server takes a change of the key on SIGHUP.
enum class ReloadClass {
  live,       // sent to running workers over the control channel; no connection dropped
  workers,    // worker slots are spawned or retired
  listeners,  // sockets are bound or closed and handed to the workers
};

const char* reload_class_name(ReloadClass cls);

struct KeyInfo {
  const char* path;           // JSON pointer, "/listeners/*/port" for array elements
  const char* type;           // "integer", "number", "string", "array", "object", "boolean"
  std::string bounds;         // human-readable bounds, "" when none
  std::string default_value;  // human-readable default
  ReloadClass reload;
  const char* doc;  // one line
};

std::span<const KeyInfo> key_table();

// The top-level keys whose values differ between `before` and `after`, with their class, in
// table order.
struct Change {
  std::string key;  // the key's name: "worker_num", "listeners"
  ReloadClass reload;
};
std::vector<Change> diff(const Config& before, const Config& after);

// The reference section of config/README.md, generated from the table (a test keeps the file
// in step with it).
std::string render_reference();

}  // namespace mm::config
