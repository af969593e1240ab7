#include "master/cli.h"

namespace mm::master {

std::string usage() {
  return "usage: mqtt-master [-t] -c FILE\n"
         "       mqtt-master -h | -V\n"
         "\n"
         "  -c FILE  run the broker with the configuration FILE (JSON)\n"
         "  -t       check the configuration and exit: 0 if it is valid, 1 with every error\n"
         "  -h       show this help\n"
         "  -V       show the version\n"
         "\n"
         "signals to the master: SIGHUP reload, SIGTERM/SIGINT graceful stop,\n"
         "SIGUSR1 reopen the log file\n";
}

CommandLine parse_command_line(const std::vector<std::string>& args) {
  CommandLine cl;
  bool test = false;
  bool have_config = false;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "-h" || a == "--help") {
      cl.mode = CommandLine::Mode::help;
      return cl;
    }
    if (a == "-V" || a == "--version") {
      cl.mode = CommandLine::Mode::version;
      return cl;
    }
    if (a == "-t") {
      test = true;
    } else if (a == "-c") {
      if (i + 1 >= args.size()) {
        cl.error = "-c needs a file name";
        return cl;
      }
      cl.config_path = args[++i];
      have_config = true;
    } else {
      cl.error = "unknown argument '" + a + "'";
      return cl;
    }
  }
  if (!have_config) {
    cl.error = "a configuration file is required (-c FILE)";
    return cl;
  }
  cl.mode = test ? CommandLine::Mode::test_config : CommandLine::Mode::run;
  return cl;
}

}  // namespace mm::master
