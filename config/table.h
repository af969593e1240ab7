#pragma once
// The declared table of configuration keys (rows in config/table.cpp) and the defaults the
// rows fall back to.

#include <span>

#include "config/schema.h"

namespace mm::config {

// Top-level keys, in the order of the documentation and of to_json().
std::span<const Row<Config>> config_rows();

inline constexpr unsigned kMaxWorkers = 1024;

// The number of CPUs, at least 1 and at most kMaxWorkers.
unsigned cpu_count();

}  // namespace mm::config
