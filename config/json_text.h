#pragma once
// Parsing the text of a configuration file: JSON with // and /* */ comments. A key given twice
// in one object is an error (JSON would silently keep the last one).

#include <optional>
#include <string_view>

#include "config/schema.h"

namespace mm::config {

// The document, or nullopt after recording why the text is not JSON. Duplicate keys are
// recorded as errors but the document is still returned, so that the rest can be checked.
std::optional<Json> parse_json(std::string_view text, Errors& errors);

}  // namespace mm::config
