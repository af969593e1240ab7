// systemd notification (Type=notify) with a fake NOTIFY_SOCKET: READY=1 once every worker
// serves, RELOADING=1 and READY=1 around each reload, STOPPING=1 at stop, with STATUS= lines.

#include <unistd.h>

#include <csignal>

#include "tests/process/harness.h"
#include "tests/support/notify_socket.h"
#include "tests/support/temp_dir.h"

namespace mm::test {
namespace {

std::string status_serving(unsigned n) {
  return "READY=1\nSTATUS=" + std::to_string(n) + " workers serving";
}

MM_SERVING_TEST("sd_notify: READY, RELOADING, STOPPING and STATUS on a fake NOTIFY_SOCKET",
                notify) {
  TempDir sock_dir;
  NotifyReceiver notify(sock_dir.file("notify"));
  TestServer s(base_config(workers), {notify.env()});
  INFO(s.output());
  s.launch();
  // The first message is READY=1, and by then every worker serves.
  auto ready = notify.receive(kWait);
  REQUIRE(ready.has_value());
  CHECK(*ready == status_serving(workers));
  REQUIRE(s.wait_ready(kWait));  // reads the port from the log
  CHECK(s.workers().size() == workers);
  TcpClient c = mqtt_client(s.port());

  // A reload that adds a worker: READY=1 only once the new worker is ready too.
  size_t mark = s.reload(base_config(workers + 1));
  CHECK(notify.receive(kWait) == "RELOADING=1");
  CHECK(notify.receive(kWait) == status_serving(workers + 1));
  CHECK(s.workers().size() == workers + 1);  // renamed before it reports ready
  CHECK(s.log().find("reload: worker_num changed", mark));

  // A broken file: RELOADING=1, then READY=1 with the failure in STATUS.
  s.write_config_text("{");
  REQUIRE(s.signal(SIGHUP));
  CHECK(notify.receive(kWait) == "RELOADING=1");
  auto failed = notify.receive(kWait);
  REQUIRE(failed.has_value());
  CHECK(failed->rfind("READY=1\nSTATUS=reload failed", 0) == 0);

  // Down to one worker: the retiring ones no longer count as serving.
  s.reload(base_config(1));
  CHECK(notify.receive(kWait) == "RELOADING=1");
  CHECK(notify.receive(kWait) == status_serving(1));

  REQUIRE(s.signal(SIGTERM));
  CHECK(c.wait_closed(kWait));
  c.close();
  auto stopping = notify.receive(kWait);
  REQUIRE(stopping.has_value());
  CHECK(stopping->rfind("STOPPING=1\nSTATUS=", 0) == 0);
  auto status = s.wait_exit(kWait);
  REQUIRE(status.has_value());
  CHECK(status->exited_with(0));
  CHECK(notify.empty());
}

TEST_CASE("sd_notify: an abstract NOTIFY_SOCKET (@name) works too - 2 workers") {
  NotifyReceiver notify("@mm-test-notify-" + std::to_string(getpid()));
  TestServer s(base_config(2), {notify.env()});
  INFO(s.output());
  s.start_serving(2);
  CHECK(notify.receive(kWait) == status_serving(2));
  REQUIRE(s.signal(SIGTERM));
  auto stopping = notify.receive(kWait);
  REQUIRE(stopping.has_value());
  CHECK(stopping->rfind("STOPPING=1", 0) == 0);
  CHECK(s.wait_exit(kWait).has_value());
}

}  // namespace
}  // namespace mm::test
