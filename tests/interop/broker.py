"""Start the broker under test on 127.0.0.1 port 0 and stop it, whatever happens.

    with Broker(binary, workers=1) as broker:
        connect(broker.host, broker.port)

The broker gets a temporary configuration that uses only documented keys
(config/README.md), logs to a file in a temporary directory, and is awaited by polling
that log for its "ready" line under a deadline. Leaving the block sends SIGTERM to the
master (by pid) and SIGKILL if it has not exited in time; the workers die with it.
"""

import json
import os
import re
import signal
import subprocess
import tempfile
import time

READY_TIMEOUT = 10.0
STOP_TIMEOUT = 10.0
POLL_INTERVAL = 0.01

PORT_LINE = re.compile(r"listening on 127\.0\.0\.1 port (\d+) \(ephemeral\)")
READY_LINE = re.compile(r"ready: \d+ workers serving")


class BrokerError(Exception):
    pass


class Broker:
    host = "127.0.0.1"

    def __init__(self, binary, workers=1, log_level="info"):
        self.binary = binary
        self.workers = workers
        self.log_level = log_level
        self.port = None
        self.exit_code = None
        self._process = None
        self._dir = None

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.stop()
        return False

    def start(self):
        self._dir = tempfile.TemporaryDirectory(prefix="mm-interop-")
        self.log_path = os.path.join(self._dir.name, "broker.log")
        self.stderr_path = os.path.join(self._dir.name, "broker.stderr")
        config_path = os.path.join(self._dir.name, "server.json")
        config = {
            "worker_num": self.workers,
            "listeners": [{"host": self.host, "port": 0}],
            "log_file": self.log_path,
            "log_level": self.log_level,
        }
        with open(config_path, "w") as f:
            json.dump(config, f)
        with open(self.stderr_path, "w") as stderr:
            self._process = subprocess.Popen(
                [self.binary, "-c", config_path],
                stdin=subprocess.DEVNULL,
                stdout=stderr,
                stderr=stderr,
            )
        try:
            self._await_ready()
        except BaseException:
            self.stop()
            raise

    def _await_ready(self):
        deadline = time.monotonic() + READY_TIMEOUT
        while time.monotonic() < deadline:
            text = self.log()
            port = PORT_LINE.search(text)
            if port and READY_LINE.search(text):
                self.port = int(port.group(1))
                return
            if self._process.poll() is not None:
                raise BrokerError(
                    "broker exited with %d before it was ready:\n%s"
                    % (self._process.returncode, self.log_tail())
                )
            time.sleep(POLL_INTERVAL)
        raise BrokerError("broker not ready after %.0f s:\n%s" % (READY_TIMEOUT, self.log_tail()))

    def alive(self):
        return self._process is not None and self._process.poll() is None

    def stop(self):
        """SIGTERM, then SIGKILL after STOP_TIMEOUT. Returns the exit code (negative: signal)."""
        if self._process is None:
            return self.exit_code
        if self._process.poll() is None:
            os.kill(self._process.pid, signal.SIGTERM)
            try:
                self._process.wait(STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                os.kill(self._process.pid, signal.SIGKILL)
                self._process.wait()
        self.exit_code = self._process.returncode
        self._final_log = self.log()
        self._process = None
        self._dir.cleanup()
        return self.exit_code

    def log(self):
        """The broker's log so far (log file, then anything it wrote to stdout/stderr)."""
        if self._process is None and hasattr(self, "_final_log"):
            return self._final_log
        text = ""
        for path in (self.log_path, self.stderr_path):
            try:
                with open(path, errors="replace") as f:
                    text += f.read()
            except FileNotFoundError:
                pass
        return text

    def log_tail(self, lines=40):
        return "\n".join(self.log().splitlines()[-lines:])
