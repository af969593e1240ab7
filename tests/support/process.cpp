#include "tests/support/process.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "tests/support/temp_dir.h"

extern char** environ;

namespace mm::test {
namespace {

std::vector<std::string> merged_environment(const std::vector<std::string>& extra) {
  std::vector<std::string> env;
  for (char** e = environ; *e != nullptr; ++e) {
    std::string_view entry(*e);
    bool replaced = false;
    for (const auto& x : extra) {
      auto eq = x.find('=');
      replaced = replaced || entry.substr(0, eq + 1) == std::string_view(x).substr(0, eq + 1);
    }
    if (!replaced) env.emplace_back(entry);
  }
  env.insert(env.end(), extra.begin(), extra.end());
  return env;
}

std::vector<char*> c_strings(std::vector<std::string>& v) {
  std::vector<char*> out;
  for (auto& s : v) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

void redirect(posix_spawn_file_actions_t* fa, int fd, const std::string& path) {
  const char* p = path.empty() ? "/dev/null" : path.c_str();
  posix_spawn_file_actions_addopen(fa, fd, p, O_WRONLY | O_CREAT | O_APPEND, 0644);
}

}  // namespace

std::string ExitStatus::describe() const {
  if (signaled) return "signal " + std::to_string(code) + " (" + strsignal(code) + ")";
  return "exit code " + std::to_string(code);
}

ExitStatus exit_status_from_wait(int wstatus) {
  ExitStatus s;
  s.signaled = WIFSIGNALED(wstatus);
  s.code = s.signaled ? WTERMSIG(wstatus) : WEXITSTATUS(wstatus);
  return s;
}

void become_subreaper() {
  static bool done = false;
  if (!done) done = prctl(PR_SET_CHILD_SUBREAPER, 1) == 0;
}

Process::Process(const std::string& program, const SpawnOptions& options) {
  become_subreaper();
  std::vector<std::string> argv_s{program};
  argv_s.insert(argv_s.end(), options.args.begin(), options.args.end());
  std::vector<std::string> env_s = merged_environment(options.env);
  std::vector<char*> argv = c_strings(argv_s);
  std::vector<char*> envp = c_strings(env_s);
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
  redirect(&fa, 1, options.stdout_path);
  if (options.stderr_path.empty() && !options.stdout_path.empty()) {
    posix_spawn_file_actions_adddup2(&fa, 1, 2);
  } else {
    redirect(&fa, 2, options.stderr_path);
  }
  int rc = posix_spawn(&pid_, program.c_str(), &fa, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&fa);
  if (rc != 0) {
    fprintf(stderr, "cannot start %s: %s\n", program.c_str(), strerror(rc));
    abort();
  }
}

Process::~Process() {
  kill_and_reap();
}

bool Process::signal(int signo) const {
  return !status_ && ::kill(pid_, signo) == 0;
}

std::optional<ExitStatus> Process::wait(Ms timeout) {
  wait_until(
      [&] {
        int ws = 0;
        if (!status_ && waitpid(pid_, &ws, WNOHANG) == pid_) status_ = exit_status_from_wait(ws);
        return status_.has_value();
      },
      timeout);
  return status_;
}

void Process::kill_and_reap() {
  if (status_) return;
  ::kill(pid_, SIGKILL);
  int ws = 0;
  while (waitpid(pid_, &ws, 0) < 0 && errno == EINTR) {
  }
  status_ = exit_status_from_wait(ws);
}

RunResult run_program(const std::string& program, std::vector<std::string> args, Ms timeout) {
  TempDir dir;
  SpawnOptions o;
  o.args = std::move(args);
  o.stdout_path = dir.file("stdout");
  o.stderr_path = dir.file("stderr");
  Process p(program, o);
  RunResult r;
  r.status = p.wait(timeout);
  p.kill_and_reap();
  r.out = dir.read("stdout");
  r.err = dir.read("stderr");
  return r;
}

}  // namespace mm::test
