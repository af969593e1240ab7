#include "config/json_text.h"

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "config/validate.h"

namespace mm::config {
namespace {

// Follows the parser's position as a JSON pointer, to name duplicate keys.
class DuplicateKeyFinder {
 public:
  explicit DuplicateKeyFinder(Errors& errors) : errors_(errors) {}

  bool operator()(int /*depth*/, Json::parse_event_t event, Json& parsed) {
    using Event = Json::parse_event_t;
    switch (event) {
      case Event::object_start:
        frames_.push_back({});
        break;
      case Event::array_start:
        frames_.emplace_back().array = true;
        break;
      case Event::key:
        on_key(parsed.get_ref<const std::string&>());
        break;
      case Event::object_end:
      case Event::array_end:
        frames_.pop_back();
        value_done();
        break;
      case Event::value:
        value_done();
        break;
    }
    return true;
  }

 private:
  struct Frame {
    bool array = false;
    size_t index = 0;
    std::string key;
    std::set<std::string> seen;
  };

  void on_key(const std::string& key) {
    Frame& frame = frames_.back();
    frame.key = key;
    if (!frame.seen.insert(key).second) {
      errors_.push_back({path(), "duplicate key (JSON would keep only the last one)"});
    }
  }

  void value_done() {
    if (!frames_.empty() && frames_.back().array) ++frames_.back().index;
  }

  std::string path() const {
    std::string out;
    for (const Frame& frame : frames_) {
      out = pointer(out, frame.array ? std::to_string(frame.index) : frame.key);
    }
    return out;
  }

  Errors& errors_;
  std::vector<Frame> frames_;
};

// "[json.exception.parse_error.101] parse error at line 1, column 2: ..." without the tag.
std::string parser_message(const char* what) {
  std::string message = what;
  size_t tag_end = message.find("] ");
  if (message.starts_with("[json.exception") && tag_end != std::string::npos) {
    message.erase(0, tag_end + 2);
  }
  return message;
}

// Arrays and objects nested deeper than any configuration needs. Checked before parsing:
// copying or printing a deeper document recurses once per level, which a hostile file could
// use to overflow the stack.
constexpr size_t kMaxDepth = 64;

// The deepest nesting of arrays and objects in `text`, outside strings and comments (the
// parser rejects anything else that is malformed; this only has to count brackets right).
size_t nesting_depth(std::string_view text) {
  size_t depth = 0, deepest = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    char ch = text[i];
    if (ch == '"') {
      for (++i; i < text.size() && text[i] != '"'; ++i) i += text[i] == '\\';
    } else if (ch == '/' && i + 1 < text.size() && text[i + 1] == '/') {
      while (i < text.size() && text[i] != '\n') ++i;
    } else if (ch == '/' && i + 1 < text.size() && text[i + 1] == '*') {
      size_t end = text.find("*/", i + 2);
      i = end == std::string_view::npos ? text.size() : end + 1;
    } else if (ch == '[' || ch == '{') {
      deepest = std::max(deepest, ++depth);
    } else if ((ch == ']' || ch == '}') && depth > 0) {
      --depth;
    }
  }
  return deepest;
}

}  // namespace

std::optional<Json> parse_json(std::string_view text, Errors& errors) {
  if (nesting_depth(text) > kMaxDepth) {
    errors.push_back(
        {"", "arrays and objects nested more than " + std::to_string(kMaxDepth) + " levels deep"});
    return std::nullopt;
  }
  DuplicateKeyFinder finder(errors);
  try {
    return Json::parse(text.begin(), text.end(), std::ref(finder), /*allow_exceptions=*/true,
                       /*ignore_comments=*/true);
  } catch (const Json::exception& e) {
    errors.push_back({"", "not valid JSON: " + parser_message(e.what())});
  }
  return std::nullopt;
}

}  // namespace mm::config
