#pragma once
// The real mqtt-master binary under test: a temporary directory with its configuration
// (server.json) and its output (output.log), started in the foreground with `-c`, and the
// tools to watch it: its log, its port, its workers. The destructor kills the master and every
// worker (SIGKILL, by pid) and reaps them.

#include <sys/types.h>

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "tests/support/log_watch.h"
#include "tests/support/proc_scan.h"
#include "tests/support/process.h"
#include "tests/support/temp_dir.h"

namespace mm::test {

// Worker processes are named "mqtt-worker N" (N = slot).
inline constexpr const char* kWorkerComm = "mqtt-worker ";

// The port a master logged for `host`'s port-0 listener after `from`
// ("listening on HOST port P (ephemeral)"); nullopt if that line does not come in time.
std::optional<uint16_t> wait_logged_port(const LogWatch& log, const std::string& host,
                                         size_t from = 0, Ms timeout = Ms(10000));

class ServerProcess {
 public:
  ServerProcess(std::string binary, nlohmann::json config, std::vector<std::string> env = {});
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;
  ~ServerProcess();

  // Starts the master. Returns false (with the reason in error()) if it does not log
  // "ready: N workers serving" in time; then the port of the first port-0 listener is known.
  bool start(Ms timeout = Ms(10000));
  // Starts without waiting for anything; wait_ready() then does the rest of start().
  void launch();
  bool wait_ready(Ms timeout = Ms(10000));
  const std::string& error() const { return error_; }

  TempDir& dir() { return dir_; }
  const LogWatch& log() const { return log_; }  // the master's stdout and stderr
  std::string config_path() const { return dir_.file("server.json"); }
  pid_t pid() const { return process_ ? process_->pid() : -1; }
  uint16_t port() const { return port_; }  // of the 127.0.0.1 port-0 listener
  std::optional<uint16_t> wait_port(const std::string& host, size_t from = 0,
                                    Ms timeout = Ms(10000)) const;

  // Rewrites server.json (atomically). reload() then sends SIGHUP; both return the log mark
  // taken before the signal.
  void write_config(const nlohmann::json& config);
  void write_config_text(const std::string& text);
  size_t reload(const nlohmann::json& config);
  bool signal(int signo) const;
  std::optional<ExitStatus> wait_exit(Ms timeout = Ms(10000));

  // The master's live worker children, by slot (from their names).
  std::map<unsigned, pid_t> workers();
  // Polls until exactly `n` workers run (each renamed "mqtt-worker N"); returns them.
  std::optional<std::map<unsigned, pid_t>> wait_workers(size_t n, Ms timeout = Ms(10000));

  // Sanitizer or runtime-error reports in the output; "" when there are none.
  std::string sanitizer_reports() const;

 private:
  void kill_all();
  void remember(pid_t worker);

  std::string binary_;
  std::vector<std::string> env_;
  TempDir dir_;
  LogWatch log_;
  std::unique_ptr<Process> process_;
  uint16_t port_ = 0;
  std::string error_;
  std::vector<pid_t> seen_workers_;  // every worker pid observed, to clean up after the master
};

}  // namespace mm::test
