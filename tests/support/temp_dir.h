#pragma once
// A private directory for one test (configuration, logs, sockets), removed with everything in
// it when the test ends.

#include <string>
#include <string_view>

namespace mm::test {

class TempDir {
 public:
  TempDir();  // under $TMPDIR or /tmp; aborts the test program if it cannot be made
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir();

  const std::string& path() const { return path_; }
  std::string file(std::string_view name) const { return path_ + "/" + std::string(name); }
  // Writes `text` to file(name) at once (a temporary file renamed over it), so a process
  // that reads it meanwhile never sees half of it.
  void write(std::string_view name, std::string_view text) const;
  // The whole file, or "" when it does not exist.
  std::string read(std::string_view name) const;
  bool exists(std::string_view name) const;

 private:
  std::string path_;
};

// The content of any file, or "" when it cannot be read.
std::string read_file(const std::string& path);

}  // namespace mm::test
