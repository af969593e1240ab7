// mqtt-master: parse the command line, load the configuration, hand over to the master.

#include <cstdio>
#include <string>
#include <vector>

#include "common/log.h"
#include "common/version.h"
#include "config/loader.h"
#include "master/cli.h"
#include "master/master.h"
#include "worker/example_handler.h"

namespace {

using mm::master::CommandLine;

// The handler every worker runs. The broker replaces Swoole's example here.
constexpr mm::worker::HandlerFactory kDefaultHandler = &mm::worker::make_example_handler;

int load_and_run(const CommandLine& cl) {
  mm::config::LoadResult r = mm::config::load_config_file(cl.config_path);
  if (!r.config) {
    for (const auto& e : r.errors) {
      fprintf(stderr, "%s: %s\n", cl.config_path.c_str(), mm::config::format_error(e).c_str());
    }
    fprintf(stderr, "%s: configuration invalid (%zu errors)\n", cl.config_path.c_str(),
            r.errors.size());
    return 1;
  }
  if (cl.mode == CommandLine::Mode::test_config) {
    printf("%s: configuration OK\n", cl.config_path.c_str());
    return 0;
  }
  mm::common::log_set_role("master");
  mm::common::log_set_level(r.config->log_level);
  if (!mm::common::log_open(r.config->log_file)) return 1;
  mm::master::Master master(cl.config_path, std::move(*r.config), kDefaultHandler);
  return master.run();
}

}  // namespace

int main(int argc, char** argv) {
  CommandLine cl = mm::master::parse_command_line(std::vector<std::string>(argv + 1, argv + argc));
  switch (cl.mode) {
    case CommandLine::Mode::help:
      fputs(mm::master::usage().c_str(), stdout);
      return 0;
    case CommandLine::Mode::version:
      printf("mqtt-master %s\n", mm::common::kVersion);
      return 0;
    case CommandLine::Mode::error:
      fprintf(stderr, "mqtt-master: %s\n\n%s", cl.error.c_str(), mm::master::usage().c_str());
      return 2;
    case CommandLine::Mode::run:
    case CommandLine::Mode::test_config:
      return load_and_run(cl);
  }
  return 2;
}
