#include "master/pid_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>

namespace mm::master {

std::string write_pid_file(const std::string& path) {
  if (path.empty()) return "";
  std::string tmp = path + ".tmp";
  int fd = open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return tmp + ": " + strerror(errno);
  std::string text = std::to_string(getpid()) + "\n";
  bool ok = write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  int err = errno;
  close(fd);
  if (!ok || rename(tmp.c_str(), path.c_str()) != 0) {
    if (ok) err = errno;
    unlink(tmp.c_str());
    return path + ": " + strerror(err);
  }
  return "";
}

void remove_pid_file(const std::string& path) {
  if (path.empty()) return;
  std::ifstream in(path);
  long pid = 0;
  if (in >> pid && pid == static_cast<long>(getpid())) unlink(path.c_str());
}

}  // namespace mm::master
