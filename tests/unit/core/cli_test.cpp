#include <doctest/doctest.h>

#include <csignal>
#include <set>

#include "master/cli.h"
#include "master/signals.h"

using mm::master::CommandLine;
using mm::master::parse_command_line;

TEST_CASE("command line modes") {
  CHECK(parse_command_line({"-c", "a.json"}).mode == CommandLine::Mode::run);
  CHECK(parse_command_line({"-c", "a.json"}).config_path == "a.json");
  CHECK(parse_command_line({"-t", "-c", "a.json"}).mode == CommandLine::Mode::test_config);
  CHECK(parse_command_line({"-c", "a.json", "-t"}).mode == CommandLine::Mode::test_config);
  CHECK(parse_command_line({"-h"}).mode == CommandLine::Mode::help);
  CHECK(parse_command_line({"-V"}).mode == CommandLine::Mode::version);
}

TEST_CASE("command line errors say what is wrong") {
  auto missing = parse_command_line({});
  CHECK(missing.mode == CommandLine::Mode::error);
  CHECK(missing.error.find("-c FILE") != std::string::npos);
  auto no_file = parse_command_line({"-c"});
  CHECK(no_file.mode == CommandLine::Mode::error);
  auto unknown = parse_command_line({"-c", "a", "-x"});
  CHECK(unknown.mode == CommandLine::Mode::error);
  CHECK(unknown.error.find("-x") != std::string::npos);
  CHECK(parse_command_line({"-t"}).mode == CommandLine::Mode::error);
}

TEST_CASE("the signal table maps each handled signal once") {
  std::set<int> seen;
  for (const auto& s : mm::master::signal_table()) CHECK(seen.insert(s.signo).second);
  using mm::master::SignalAction;
  CHECK(mm::master::find_signal(SIGHUP)->action == SignalAction::reload);
  CHECK(mm::master::find_signal(SIGTERM)->action == SignalAction::stop);
  CHECK(mm::master::find_signal(SIGINT)->action == SignalAction::stop);
  CHECK(mm::master::find_signal(SIGUSR1)->action == SignalAction::reopen_logs);
  CHECK(mm::master::find_signal(SIGCHLD)->action == SignalAction::reap);
  CHECK(mm::master::find_signal(SIGUSR2) == nullptr);
}
