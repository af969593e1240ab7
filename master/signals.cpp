#include "master/signals.h"

#include <csignal>

namespace mm::master {
namespace {

constexpr SignalSpec kSignals[] = {
    {SIGHUP, "SIGHUP", SignalAction::reload,
     "re-read the configuration; keep the old one if the new one is invalid"},
    {SIGTERM, "SIGTERM", SignalAction::stop,
     "graceful stop: stop accepting, close clients cleanly, exit 0"},
    {SIGINT, "SIGINT", SignalAction::stop, "same as SIGTERM"},
    {SIGUSR1, "SIGUSR1", SignalAction::reopen_logs, "reopen the log file (after rotation)"},
    {SIGCHLD, "SIGCHLD", SignalAction::reap, "reap exited workers and respawn their slots"},
};

}  // namespace

std::span<const SignalSpec> signal_table() {
  return kSignals;
}

const SignalSpec* find_signal(int signo) {
  for (const SignalSpec& s : kSignals) {
    if (s.signo == signo) return &s;
  }
  return nullptr;
}

}  // namespace mm::master
