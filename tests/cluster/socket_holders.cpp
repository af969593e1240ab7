#include "tests/cluster/socket_holders.h"

#include <dirent.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <unordered_map>

namespace mm::test::cluster {
namespace {

// "0100007F:075B" -> 0x075B
uint16_t port_of(const std::string& address) {
  size_t colon = address.rfind(':');
  if (colon == std::string::npos) return 0;
  return static_cast<uint16_t>(std::stoul(address.substr(colon + 1), nullptr, 16));
}

void scan_table(const char* path, uint16_t server_port, std::map<uint16_t, unsigned long>& out) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::istringstream row(line);
    std::string slot, local, remote, state, queues, timer, retr, uid, timeout;
    unsigned long inode = 0;
    row >> slot >> local >> remote >> state >> queues >> timer >> retr >> uid >> timeout >> inode;
    if (!row || inode == 0 || port_of(local) != server_port) continue;
    out[port_of(remote)] = inode;
  }
}

}  // namespace

std::map<uint16_t, unsigned long> server_socket_inodes(uint16_t server_port) {
  std::map<uint16_t, unsigned long> out;
  scan_table("/proc/net/tcp", server_port, out);
  scan_table("/proc/net/tcp6", server_port, out);
  return out;
}

std::vector<unsigned long> socket_inodes_of(pid_t pid) {
  std::vector<unsigned long> out;
  std::string dir = "/proc/" + std::to_string(pid) + "/fd";
  DIR* d = opendir(dir.c_str());
  if (d == nullptr) return out;
  char target[128];
  while (dirent* e = readdir(d)) {
    std::string link = dir + "/" + e->d_name;
    ssize_t n = readlink(link.c_str(), target, sizeof target - 1);
    if (n <= 0) continue;
    target[n] = '\0';
    unsigned long inode = 0;
    if (std::sscanf(target, "socket:[%lu]", &inode) == 1) out.push_back(inode);
  }
  closedir(d);
  return out;
}

std::map<uint16_t, std::vector<pid_t>> holders(uint16_t server_port,
                                               const std::vector<uint16_t>& client_ports,
                                               const std::vector<pid_t>& candidates) {
  std::map<uint16_t, unsigned long> inodes = server_socket_inodes(server_port);
  std::unordered_map<unsigned long, std::vector<pid_t>> by_inode;
  for (pid_t pid : candidates) {
    for (unsigned long inode : socket_inodes_of(pid)) by_inode[inode].push_back(pid);
  }
  std::map<uint16_t, std::vector<pid_t>> out;
  for (uint16_t port : client_ports) {
    auto it = inodes.find(port);
    out[port] = it == inodes.end() ? std::vector<pid_t>{} : by_inode[it->second];
  }
  return out;
}

pid_t holder_of(uint16_t server_port, uint16_t client_port, const std::vector<pid_t>& candidates) {
  auto found = holders(server_port, {client_port}, candidates)[client_port];
  return found.size() == 1 ? found.front() : 0;
}

}  // namespace mm::test::cluster
