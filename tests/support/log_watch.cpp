#include "tests/support/log_watch.h"

#include <sys/stat.h>

#include <regex>

#include "tests/support/temp_dir.h"

namespace mm::test {

LogLine parse_log_line(const std::string& text) {
  static const std::regex kLine(R"(^\S+ (\w+) +(master|worker \d+)\[(\d+)\] (.*)$)");
  LogLine line;
  line.text = text;
  std::smatch m;
  if (std::regex_match(text, m, kLine)) {
    line.level = m[1];
    line.role = m[2];
    line.pid = static_cast<pid_t>(std::stol(m[3]));
    line.message = m[4];
  }
  return line;
}

size_t LogWatch::mark() const {
  struct stat st {};
  return stat(path_.c_str(), &st) == 0 ? static_cast<size_t>(st.st_size) : 0;
}

std::string LogWatch::text(size_t from) const {
  std::string all = read_file(path_);
  return from < all.size() ? all.substr(from) : std::string();
}

std::vector<LogLine> LogWatch::lines(size_t from) const {
  std::string t = text(from);
  std::vector<LogLine> out;
  size_t at = 0;
  for (size_t nl; (nl = t.find('\n', at)) != std::string::npos; at = nl + 1) {
    out.push_back(parse_log_line(t.substr(at, nl - at)));
  }
  return out;
}

std::vector<LogLine> LogWatch::matching(const std::string& pattern, size_t from) const {
  std::regex re(pattern);
  std::vector<LogLine> out;
  for (auto& l : lines(from)) {
    if (std::regex_search(l.text, re)) out.push_back(std::move(l));
  }
  return out;
}

std::optional<LogLine> LogWatch::find(const std::string& pattern, size_t from) const {
  auto m = matching(pattern, from);
  if (m.empty()) return std::nullopt;
  return m.front();
}

std::optional<LogLine> LogWatch::wait_for(const std::string& pattern, Ms timeout,
                                          size_t from) const {
  auto m = wait_for_count(pattern, 1, timeout, from);
  if (m.empty()) return std::nullopt;
  return m.front();
}

std::vector<LogLine> LogWatch::wait_for_count(const std::string& pattern, size_t n, Ms timeout,
                                              size_t from) const {
  std::vector<LogLine> m;
  wait_until(
      [&] {
        m = matching(pattern, from);
        return m.size() >= n;
      },
      timeout);
  return m;
}

std::string regex_escape(const std::string& s) {
  static const std::string kSpecial = R"(\^$.|?*+()[]{})";
  std::string out;
  for (char c : s) {
    if (kSpecial.find(c) != std::string::npos) out += '\\';
    out += c;
  }
  return out;
}

}  // namespace mm::test
