#include "tests/support/server_process.h"

#include <sys/wait.h>

#include <algorithm>
#include <csignal>

namespace mm::test {

ServerProcess::ServerProcess(std::string binary, nlohmann::json config,
                             std::vector<std::string> env)
    : binary_(std::move(binary)), env_(std::move(env)), log_(dir_.file("output.log")) {
  write_config(config);
}

ServerProcess::~ServerProcess() {
  kill_all();
}

void ServerProcess::launch() {
  SpawnOptions o;
  o.args = {"-c", config_path()};
  o.env = env_;
  o.stdout_path = log_.path();
  process_ = std::make_unique<Process>(binary_, o);
}

bool ServerProcess::start(Ms timeout) {
  launch();
  return wait_ready(timeout);
}

bool ServerProcess::wait_ready(Ms timeout) {
  auto ready = log_.wait_for(R"(master\[\d+\] ready: \d+ workers serving)", timeout);
  if (!ready) {
    error_ = "no 'ready' line in time; output:\n" + log_.text();
    return false;
  }
  port_ = wait_logged_port(log_, "127.0.0.1", 0, Ms(0)).value_or(0);
  return true;
}

std::optional<uint16_t> wait_logged_port(const LogWatch& log, const std::string& host, size_t from,
                                         Ms timeout) {
  auto line = log.wait_for(
      "master\\[\\d+\\] listening on " + regex_escape(host) + " port \\d+ \\(ephemeral\\)", timeout,
      from);
  if (!line) return std::nullopt;
  return static_cast<uint16_t>(std::stoi(line->message.substr(line->message.rfind("port ") + 5)));
}

std::optional<uint16_t> ServerProcess::wait_port(const std::string& host, size_t from,
                                                 Ms timeout) const {
  return wait_logged_port(log_, host, from, timeout);
}

void ServerProcess::write_config(const nlohmann::json& config) {
  write_config_text(config.dump(2));
}

void ServerProcess::write_config_text(const std::string& text) {
  dir_.write("server.json", text);
}

size_t ServerProcess::reload(const nlohmann::json& config) {
  write_config(config);
  size_t mark = log_.mark();
  signal(SIGHUP);
  return mark;
}

bool ServerProcess::signal(int signo) const {
  return process_ && process_->signal(signo);
}

std::optional<ExitStatus> ServerProcess::wait_exit(Ms timeout) {
  if (!process_) return std::nullopt;
  return process_->wait(timeout);
}

std::map<unsigned, pid_t> ServerProcess::workers() {
  std::map<unsigned, pid_t> out;
  if (!process_ || !process_->running()) return out;
  for (const ProcInfo& p : children_of(process_->pid(), kWorkerComm)) {
    out[static_cast<unsigned>(std::stoul(p.comm.substr(std::string(kWorkerComm).size())))] = p.pid;
    remember(p.pid);
  }
  return out;
}

std::optional<std::map<unsigned, pid_t>> ServerProcess::wait_workers(size_t n, Ms timeout) {
  std::map<unsigned, pid_t> w;
  bool ok = wait_until(
      [&] {
        w = workers();
        return w.size() == n && children_of(pid()).size() == n;
      },
      timeout);
  if (!ok) return std::nullopt;
  return w;
}

std::string ServerProcess::sanitizer_reports() const {
  std::string out;
  for (const LogLine& l : log_.lines()) {
    const std::string& t = l.text;
    if (t.find("ERROR: AddressSanitizer") != std::string::npos ||
        t.find("ERROR: LeakSanitizer") != std::string::npos ||
        t.find("runtime error:") != std::string::npos || t.find("SUMMARY: ") != std::string::npos) {
      out += t + "\n";
    }
  }
  return out;
}

void ServerProcess::remember(pid_t worker) {
  if (std::find(seen_workers_.begin(), seen_workers_.end(), worker) == seen_workers_.end()) {
    seen_workers_.push_back(worker);
  }
}

// The master's children are listed while it still runs; once it is reaped they are orphans
// adopted by this process (become_subreaper), so killing them by pid cannot hit a reused pid.
void ServerProcess::kill_all() {
  if (!process_) return;
  if (process_->running()) {
    for (const ProcInfo& p : children_of(pid())) remember(p.pid);
  }
  process_->kill_and_reap();
  for (pid_t w : seen_workers_) {
    int ws = 0;
    if (waitpid(w, &ws, WNOHANG) != 0) continue;  // reaped now, or not our child (gone)
    kill(w, SIGKILL);
    waitpid(w, &ws, 0);
  }
}

}  // namespace mm::test
