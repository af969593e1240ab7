#pragma once
// Process-wide logging: one line per call, "time level role[pid] message", written with a
// single write(2) to stderr (journald) or to the configured log file. Lines caused by peers go
// through log_peer(), which is rate-limited so that no peer can flood the log.

#include <cstdarg>
#include <optional>
#include <string>
#include <string_view>

namespace mm::common {

enum class LogLevel { debug = 0, info = 1, warn = 2, error = 3 };

std::optional<LogLevel> parse_log_level(std::string_view name);
const char* log_level_name(LogLevel level);

// Sets the role shown on every line ("master", "worker 3") and re-reads the pid.
void log_set_role(std::string role);
void log_set_level(LogLevel level);
LogLevel log_level();

// Opens `path` (append) as the log destination; empty means stderr. Returns false and keeps the
// previous destination when the file cannot be opened (errno is logged).
bool log_open(const std::string& path);
// Reopens the current log file (SIGUSR1, after log rotation).
bool log_reopen();
// The descriptor lines go to (stderr or the log file): a forked worker keeps it open.
int log_fd();

void logf(LogLevel level, const char* fmt, ...) __attribute__((format(printf, 2, 3)));
void vlogf(LogLevel level, const char* fmt, va_list ap);

// For errors caused by a peer: at most kPeerBurst lines at once and kPeerRate lines per second
// per process; the number of suppressed lines is reported when logging resumes.
void log_peer(LogLevel level, const char* fmt, ...) __attribute__((format(printf, 2, 3)));
inline constexpr int kPeerBurst = 50;
inline constexpr int kPeerRate = 20;

}  // namespace mm::common

#define MM_LOG(level, ...)                                                      \
  do {                                                                          \
    if (static_cast<int>(level) >= static_cast<int>(::mm::common::log_level())) \
      ::mm::common::logf(level, __VA_ARGS__);                                   \
  } while (0)
#define LOG_DEBUG(...) MM_LOG(::mm::common::LogLevel::debug, __VA_ARGS__)
#define LOG_INFO(...) MM_LOG(::mm::common::LogLevel::info, __VA_ARGS__)
#define LOG_WARN(...) MM_LOG(::mm::common::LogLevel::warn, __VA_ARGS__)
#define LOG_ERROR(...) MM_LOG(::mm::common::LogLevel::error, __VA_ARGS__)
