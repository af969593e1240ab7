#pragma once
// The command line: mqtt-master -c FILE | -t -c FILE | -h | -V. Pure parsing, no effects.

#include <string>
#include <vector>

namespace mm::master {

struct CommandLine {
  enum class Mode { run, test_config, help, version, error };
  Mode mode = Mode::error;
  std::string config_path;
  std::string error;  // when mode == error
};

CommandLine parse_command_line(const std::vector<std::string>& args);
std::string usage();

}  // namespace mm::master
