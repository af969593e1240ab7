#include "config/keys.h"

#include "config/schema.h"
#include "config/table.h"

namespace mm::config {

const char* reload_class_name(ReloadClass cls) {
  switch (cls) {
    case ReloadClass::live:
      return "live";
    case ReloadClass::workers:
      return "workers";
    case ReloadClass::listeners:
      return "listeners";
  }
  return "?";
}

std::span<const KeyInfo> key_table() {
  static const KeyList list = [] {
    KeyList out;
    describe_rows<Config>(config_rows(), default_config(), "", nullptr, out);
    return out;
  }();
  return list.keys;
}

std::vector<Change> diff(const Config& before, const Config& after) {
  std::vector<Change> changes;
  for (const Row<Config>& row : config_rows()) {
    if (row.bind.get(before) != row.bind.get(after)) changes.push_back({row.name, row.reload});
  }
  return changes;
}

namespace {

// A Markdown table cell: no line breaks, no column separators.
std::string cell(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '|') {
      out += "\\|";
    } else {
      out += c == '\n' ? ' ' : c;
    }
  }
  return out;
}

// Values in code font; prose ("number of CPUs") as it is.
std::string default_cell(const std::string& text) {
  bool is_json = !Json::parse(text, nullptr, /*allow_exceptions=*/false).is_discarded();
  std::string out = cell(text);
  if (is_json) out = std::string("`").append(out).append("`");
  return out;
}

}  // namespace

std::string render_reference() {
  std::string out =
      "| key | type | bounds | default | reload | meaning |\n"
      "| --- | --- | --- | --- | --- | --- |\n";
  for (const KeyInfo& key : key_table()) {
    out += "| `" + cell(key.path) + "` | " + key.type + " | " + cell(key.bounds) + " | " +
           default_cell(key.default_value) + " | " + reload_class_name(key.reload) + " | " +
           cell(key.doc) + " |\n";
  }
  return out;
}

}  // namespace mm::config
