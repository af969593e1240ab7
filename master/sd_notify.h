#pragma once
// systemd's notification protocol (sd_notify(3)) without libsystemd: one datagram to the
// AF_UNIX socket named by $NOTIFY_SOCKET ("@name" = abstract namespace). A no-op when the
// variable is unset, so the same binary runs under systemd and by hand.

#include <string_view>

namespace mm::master {

// Sends e.g. "READY=1\nSTATUS=2 workers". Returns true when sent (or not under systemd).
bool sd_notify(std::string_view state);

}  // namespace mm::master
