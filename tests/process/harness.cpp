#include "tests/process/harness.h"

#include <algorithm>

namespace mm::test {

nlohmann::json base_config(unsigned workers, const nlohmann::json& overrides) {
  nlohmann::json cfg = {
      {"worker_num", workers},
      {"listeners", nlohmann::json::array({{{"host", "127.0.0.1"}, {"port", 0}}})},
      {"log_level", "info"},
      {"shutdown_timeout", 5},
  };
  cfg.update(overrides);
  return cfg;
}

std::vector<uint8_t> remaining_length(size_t n) {
  std::vector<uint8_t> out;
  do {
    uint8_t b = n % 128;
    n /= 128;
    out.push_back(n > 0 ? (b | 0x80) : b);
  } while (n > 0);
  return out;
}

std::vector<uint8_t> publish(std::string_view topic, std::string_view payload) {
  std::vector<uint8_t> p{0x30};
  auto len = remaining_length(2 + topic.size() + payload.size());
  p.insert(p.end(), len.begin(), len.end());
  p.push_back(static_cast<uint8_t>(topic.size() >> 8));
  p.push_back(static_cast<uint8_t>(topic.size() & 0xFF));
  p.insert(p.end(), topic.begin(), topic.end());
  p.insert(p.end(), payload.begin(), payload.end());
  return p;
}

TestServer::~TestServer() {
  std::string reports = sanitizer_reports();
  if (!reports.empty()) FAIL_CHECK("sanitizer reports in the server's output:\n" << reports);
}

std::map<unsigned, pid_t> TestServer::start_serving(unsigned workers) {
  REQUIRE_MESSAGE(start(kWait), error());
  REQUIRE(port() != 0);
  auto w = wait_workers(workers, kWait);
  REQUIRE_MESSAGE(w.has_value(), "workers: " << workers << "\n" << output());
  return *w;
}

TcpClient mqtt_client(uint16_t port, const std::string& host) {
  TcpClient c;
  REQUIRE(c.connect(host, port, kWait) == 0);
  REQUIRE(c.send(kConnect));
  ReadResult r = c.read(kConnack.size(), kWait);
  REQUIRE(r.complete());
  REQUIRE(r.bytes == kConnack);
  return c;
}

bool ping(TcpClient& c) {
  if (!c.send(kPingreq)) return false;
  ReadResult r = c.read(kPingresp.size(), kWait);
  return r.complete() && r.bytes == kPingresp;
}

pid_t served_by(const LogWatch& log, const TcpClient& c, size_t from) {
  std::string pattern = "worker \\d+\\[\\d+\\] client connected: 127\\.0\\.0\\.\\d+:" +
                        std::to_string(c.local_port()) + " \\(";
  auto line = log.wait_for(pattern, kWait, from);
  REQUIRE_MESSAGE(line.has_value(), "no worker logged " << pattern);
  return line->pid;
}

std::map<pid_t, TcpClient> one_client_per_worker(TestServer& s,
                                                 const std::map<unsigned, pid_t>& workers,
                                                 uint16_t port, const std::string& host) {
  constexpr int kMaxTries = 200;
  std::map<pid_t, TcpClient> out;
  for (int i = 0; i < kMaxTries && out.size() < workers.size(); ++i) {
    TcpClient c = mqtt_client(port != 0 ? port : s.port(), host);
    pid_t pid = served_by(s.log(), c);
    bool known = std::any_of(workers.begin(), workers.end(),
                             [pid](const auto& w) { return w.second == pid; });
    REQUIRE_MESSAGE(known, "served by " << pid << ", not one of the expected workers");
    if (!out.count(pid)) out.emplace(pid, std::move(c));
  }
  REQUIRE_MESSAGE(out.size() == workers.size(),
                  kMaxTries << " connections reached only " << out.size() << " workers");
  return out;
}

pid_t started_pid(const LogLine& line) {
  auto at = line.message.find(": worker ");
  REQUIRE(at != std::string::npos);
  return static_cast<pid_t>(std::stol(line.message.substr(at + 9)));
}

}  // namespace mm::test
