#include "master/run_main.h"

#include <cstdio>
#include <string>
#include <vector>

#include "common/log.h"
#include "common/version.h"
#include "config/loader.h"
#include "master/cli.h"
#include "master/master.h"

namespace mm::master {
namespace {

int load_and_run(const CommandLine& cl, worker::HandlerFactory factory) {
  config::LoadResult r = config::load_config_file(cl.config_path);
  if (!r.config) {
    for (const auto& e : r.errors) {
      fprintf(stderr, "%s: %s\n", cl.config_path.c_str(), config::format_error(e).c_str());
    }
    fprintf(stderr, "%s: configuration invalid (%zu errors)\n", cl.config_path.c_str(),
            r.errors.size());
    return 1;
  }
  if (cl.mode == CommandLine::Mode::test_config) {
    printf("%s: configuration OK\n", cl.config_path.c_str());
    return 0;
  }
  common::log_set_role("master");
  common::log_set_level(r.config->log_level);
  if (!common::log_open(r.config->log_file)) return 1;
  Master master(cl.config_path, std::move(*r.config), factory);
  return master.run();
}

}  // namespace

int run_main(int argc, char** argv, worker::HandlerFactory factory) {
  CommandLine cl = parse_command_line(std::vector<std::string>(argv + 1, argv + argc));
  switch (cl.mode) {
    case CommandLine::Mode::help:
      fputs(usage().c_str(), stdout);
      return 0;
    case CommandLine::Mode::version:
      printf("mqtt-master %s\n", common::kVersion);
      return 0;
    case CommandLine::Mode::error:
      fprintf(stderr, "mqtt-master: %s\n\n%s", cl.error.c_str(), usage().c_str());
      return 2;
    case CommandLine::Mode::run:
    case CommandLine::Mode::test_config:
      return load_and_run(cl, factory);
  }
  return 2;
}

}  // namespace mm::master
