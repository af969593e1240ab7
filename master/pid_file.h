#pragma once

#include <string>

namespace mm::master {

// Writes "<pid>\n" atomically (temporary file + rename). Returns an error text or "".
std::string write_pid_file(const std::string& path);
// Removes the file if it still holds this process's pid.
void remove_pid_file(const std::string& path);

}  // namespace mm::master
