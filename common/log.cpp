#include "common/log.h"

#include <fcntl.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>

namespace mm::common {
namespace {

struct LogState {
  LogLevel level = LogLevel::info;
  std::string role = "master";
  pid_t pid = 0;
  int fd = STDERR_FILENO;  // owned when != STDERR_FILENO
  std::string path;
  // Token bucket for log_peer().
  double tokens = kPeerBurst;
  std::chrono::steady_clock::time_point refilled{};
  unsigned long suppressed = 0;
};

LogState& state() {
  static LogState s;
  return s;
}

constexpr const char* kLevelNames[] = {"debug", "info", "warn", "error"};

void write_line(LogLevel level, const char* fmt, va_list ap) {
  LogState& s = state();
  char line[2048];
  timeval tv{};
  gettimeofday(&tv, nullptr);
  tm utc{};
  gmtime_r(&tv.tv_sec, &utc);
  int n = snprintf(line, sizeof line, "%04d-%02d-%02dT%02d:%02d:%02d.%03ldZ %-5s %s[%d] ",
                   utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min,
                   utc.tm_sec, static_cast<long>(tv.tv_usec / 1000), log_level_name(level),
                   s.role.c_str(), static_cast<int>(s.pid ? s.pid : getpid()));
  if (n < 0) return;
  size_t used = static_cast<size_t>(n) < sizeof line ? static_cast<size_t>(n) : sizeof line - 1;
  int m = vsnprintf(line + used, sizeof line - used, fmt, ap);
  if (m > 0) used += static_cast<size_t>(m) < sizeof line - used ? m : sizeof line - used - 1;
  // One control character or newline inside a message must not forge a second log line.
  for (size_t i = static_cast<size_t>(n); i < used; ++i) {
    if (static_cast<unsigned char>(line[i]) < 0x20) line[i] = '?';
  }
  line[used++] = '\n';
  ssize_t w;
  do {
    w = write(s.fd, line, used);
  } while (w < 0 && errno == EINTR);
}

}  // namespace

std::optional<LogLevel> parse_log_level(std::string_view name) {
  for (int i = 0; i < 4; ++i) {
    if (name == kLevelNames[i]) return static_cast<LogLevel>(i);
  }
  return std::nullopt;
}

const char* log_level_name(LogLevel level) {
  return kLevelNames[static_cast<int>(level)];
}

void log_set_role(std::string role) {
  state().role = std::move(role);
  state().pid = getpid();
}

void log_set_level(LogLevel level) {
  state().level = level;
}
LogLevel log_level() {
  return state().level;
}
int log_fd() {
  return state().fd;
}

bool log_open(const std::string& path) {
  LogState& s = state();
  int fd = STDERR_FILENO;
  if (!path.empty()) {
    fd = open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
    if (fd < 0) {
      logf(LogLevel::error, "cannot open log file %s: %s", path.c_str(), strerror(errno));
      return false;
    }
  }
  if (s.fd != STDERR_FILENO) close(s.fd);
  s.fd = fd;
  s.path = path;
  return true;
}

bool log_reopen() {
  return log_open(state().path);
}

void vlogf(LogLevel level, const char* fmt, va_list ap) {
  if (level < state().level) return;
  write_line(level, fmt, ap);
}

void logf(LogLevel level, const char* fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vlogf(level, fmt, ap);
  va_end(ap);
}

void log_peer(LogLevel level, const char* fmt, ...) {
  LogState& s = state();
  if (level < s.level) return;
  auto now = std::chrono::steady_clock::now();
  double elapsed = std::chrono::duration<double>(now - s.refilled).count();
  s.refilled = now;
  s.tokens = std::min<double>(kPeerBurst, s.tokens + elapsed * kPeerRate);
  if (s.tokens < 1) {
    ++s.suppressed;
    return;
  }
  s.tokens -= 1;
  if (s.suppressed > 0) {
    logf(LogLevel::warn, "%lu peer error lines suppressed by the rate limit", s.suppressed);
    s.suppressed = 0;
  }
  va_list ap;
  va_start(ap, fmt);
  write_line(level, fmt, ap);
  va_end(ap);
}

}  // namespace mm::common
