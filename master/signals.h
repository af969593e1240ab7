#pragma once
// The one table of signals the master acts on: signal, name, action and what it does. The
// master's signal set, its log lines and the documentation all come from it.

#include <span>

namespace mm::master {

enum class SignalAction { reload, stop, reopen_logs, reap };

struct SignalSpec {
  int signo;
  const char* name;
  SignalAction action;
  const char* doc;
};

std::span<const SignalSpec> signal_table();
const SignalSpec* find_signal(int signo);

}  // namespace mm::master
