#pragma once
// Reads the log a server under test writes ("2026-11-26T08:51:42.536Z info  worker 0[6265]
// message", one line each) and waits for lines matching a regular expression. Positions are
// byte offsets: take mark() before an action, then look only at what was written after it.

#include <sys/types.h>

#include <optional>
#include <string>
#include <vector>

#include "tests/support/clock.h"

namespace mm::test {

struct LogLine {
  std::string text;     // the whole line
  std::string level;    // "info"
  std::string role;     // "master", "worker 0"
  pid_t pid = 0;        // of the process that wrote it
  std::string message;  // after "role[pid] "
  bool from_worker() const { return role.rfind("worker ", 0) == 0; }
};

// Parses one log line; a line in another format (a sanitizer report) gives just `text`.
LogLine parse_log_line(const std::string& text);

class LogWatch {
 public:
  explicit LogWatch(std::string path) : path_(std::move(path)) {}

  const std::string& path() const { return path_; }
  size_t mark() const;  // the current end of the file
  std::string text(size_t from = 0) const;
  std::vector<LogLine> lines(size_t from = 0) const;  // whole lines only
  // Lines written after `from` whose text matches `pattern` (ECMAScript, searched anywhere).
  std::vector<LogLine> matching(const std::string& pattern, size_t from = 0) const;
  std::optional<LogLine> find(const std::string& pattern, size_t from = 0) const;
  // Polls until a matching line is there; nullopt at the deadline.
  std::optional<LogLine> wait_for(const std::string& pattern, Ms timeout, size_t from = 0) const;
  // Polls until at least `n` lines match; returns them (fewer at the deadline).
  std::vector<LogLine> wait_for_count(const std::string& pattern, size_t n, Ms timeout,
                                      size_t from = 0) const;

 private:
  std::string path_;
};

// Escapes `s` for use inside a regular expression.
std::string regex_escape(const std::string& s);

}  // namespace mm::test
