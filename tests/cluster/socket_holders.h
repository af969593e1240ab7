#pragma once
// Which process holds a TCP connection: the client's local port is looked up in
// /proc/net/tcp and /proc/net/tcp6 (the row whose remote port is the server's port) to get the
// socket's inode, and the inode in /proc/PID/fd ("socket:[INODE]") of each candidate process.
// The cluster tests use it to tell which worker serves a client (a candidate for
// tests/support).

#include <sys/types.h>

#include <cstdint>
#include <map>
#include <vector>

namespace mm::test::cluster {

// Local port of each client connection to `server_port` on loopback -> socket inode, for the
// server's side of the connection (the row whose local port is server_port and remote port
// is the client's port).
std::map<uint16_t, unsigned long> server_socket_inodes(uint16_t server_port);

// Socket inodes open in `pid` (its /proc/PID/fd links); empty when the process is gone.
std::vector<unsigned long> socket_inodes_of(pid_t pid);

// For each client port in `client_ports`, the pids among `candidates` holding the server's
// end of its connection (usually one; none while the connection is not accepted yet, or
// after it was closed).
std::map<uint16_t, std::vector<pid_t>> holders(uint16_t server_port,
                                               const std::vector<uint16_t>& client_ports,
                                               const std::vector<pid_t>& candidates);

// The single holder of one client port, or 0 (none, or more than one).
pid_t holder_of(uint16_t server_port, uint16_t client_port, const std::vector<pid_t>& candidates);

}  // namespace mm::test::cluster
