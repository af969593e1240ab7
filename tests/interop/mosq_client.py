"""mosquitto_sub / mosquitto_pub / mosquitto_rr 2.0 as test clients.

MosqSub runs mosquitto_sub in the background with -d (so its SUBACK can be awaited) and
a tab-separated -F format (payload in hex), and hands parsed messages over a queue. Every
process gets -W so it ends by itself, and is killed by pid if it has not.
"""

import queue
import signal
import subprocess
import threading
from collections import namedtuple

from runner import EVENT_TIMEOUT, CheckFailed, expect

PROCESS_TIMEOUT = 10  # seconds: -W for mosquitto_sub/_rr, and the wait for any one process
FORMAT = "MSG\t%t\t%q\t%r\t%x\t%E\t%R\t%C\t%P\t%D"

Message = namedtuple("Message", "topic qos retain payload expiry response_topic content_type user correlation")


def base_args(tool, ctx, client_id=None):
    args = [tool, "-h", ctx.host, "-p", str(ctx.port), "-V", "mqttv5" if ctx.v5 else "mqttv311"]
    if client_id:
        args += ["-i", client_id]
    return args


def _parse(line):
    f = line.rstrip("\n").split("\t")
    return Message(
        topic=f[1], qos=int(f[2]), retain=int(f[3]), payload=bytes.fromhex(f[4]),
        expiry=int(f[5]) if f[5] else None, response_topic=f[6] or None, content_type=f[7] or None,
        user=f[8] or None, correlation=f[9] or None,
    )


class MosqSub:
    def __init__(self, ctx, name, topics, qos=0, count=None, client_id=None, extra=()):
        self.name = name
        # mosquitto_sub does not flush its debug lines into a pipe: line-buffer it.
        self.args = ["stdbuf", "-oL"] + base_args("mosquitto_sub", ctx, client_id) + ["-q", str(qos), "-d", "-F", FORMAT,
                                                              "-W", str(PROCESS_TIMEOUT)]
        for t in topics:
            self.args += ["-t", t]
        if count is not None:
            self.args += ["-C", str(count)]
        self.args += list(extra)
        self.messages = queue.Queue()
        self.output = []
        self._subscribed = threading.Event()

    def start(self, await_subscribed=True):
        self.process = subprocess.Popen(self.args, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                        stderr=subprocess.STDOUT, text=True, errors="replace")
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        if await_subscribed:
            ok = self._subscribed.wait(EVENT_TIMEOUT)
            expect(ok, "%s: mosquitto_sub never got its SUBACK; it said:\n%s" % (self.name, self.transcript()))
        return self

    def _read(self):
        for line in self.process.stdout:
            self.output.append(line)
            if line.startswith("MSG\t"):
                self.messages.put(_parse(line))
            elif line.startswith("Subscribed (mid"):
                self._subscribed.set()
        self.messages.put(None)  # end of output

    def transcript(self, lines=20):
        return "".join("      " + l for l in self.output[-lines:])

    def next(self, timeout=EVENT_TIMEOUT):
        try:
            m = self.messages.get(timeout=timeout)
        except queue.Empty:
            m = None
        if m is None:
            raise CheckFailed("%s: expected another message; mosquitto_sub said:\n%s" % (self.name, self.transcript()))
        return m

    def receive(self, count, timeout=EVENT_TIMEOUT):
        return [self.next(timeout) for _ in range(count)]

    def until(self, barrier_topic):
        got = []
        while True:
            m = self.next()
            if m.topic == barrier_topic:
                return got
            got.append(m)

    def finish(self):
        """Wait for it to end by itself (-C, -E); it must exit 0."""
        try:
            code = self.process.wait(PROCESS_TIMEOUT)
        except subprocess.TimeoutExpired:
            self.kill()
            raise CheckFailed("%s: mosquitto_sub did not end by itself" % self.name) from None
        self._reader.join(EVENT_TIMEOUT)
        expect(code == 0, "%s: mosquitto_sub exit code 0; it said:\n%s" % (self.name, self.transcript()), 0, code)
        out = []
        while True:
            m = self.messages.get_nowait() if not self.messages.empty() else None
            if m is None:
                return out
            out.append(m)

    def kill(self):
        """SIGKILL by pid: it vanishes without DISCONNECT."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
        self.process.wait(EVENT_TIMEOUT)


def mosq_pub(ctx, topic, payload=b"", qos=0, retain=False, props=(), lines=None, client_id=None):
    """mosquitto_pub one message (payload from stdin, -n when empty) or, with lines, one
    message per line over one connection. props: ("user-property", "k", "v"), ... for -D."""
    args = base_args("mosquitto_pub", ctx, client_id) + ["-t", topic, "-q", str(qos)]
    if retain:
        args.append("-r")
    for p in props:
        args += ["-D", "publish"] + list(p)
    if lines is not None:
        args.append("-l")
        stdin = b"".join(l + b"\n" for l in lines)
    elif payload:
        args.append("-s")
        stdin = payload
    else:
        args.append("-n")
        stdin = b""
    run("mosquitto_pub", args, stdin)


def run(name, args, stdin=b""):
    try:
        done = subprocess.run(args, input=stdin, capture_output=True, timeout=PROCESS_TIMEOUT)
    except subprocess.TimeoutExpired:
        raise CheckFailed("%s did not finish in %d s: %s" % (name, PROCESS_TIMEOUT, args)) from None
    expect(done.returncode == 0, "%s exit code 0 (%s); it said: %s" % (name, " ".join(args), done.stderr + done.stdout),
           0, done.returncode)
    return done.stdout


class MosqBarrier:
    """The Barrier of paho_client for mosquitto_sub: join by subscribing to self.topic
    (pass it in the subscriber's topics), then before(sub) publishes a QoS 2 marker."""

    def __init__(self, ctx, name="barrier"):
        self.ctx = ctx
        self.topic = ctx.topic("zz-" + name)

    def before_all(self, *subs):
        mosq_pub(self.ctx, self.topic, b"barrier", qos=2)
        return [s.until(self.topic) for s in subs]

    def before(self, sub):
        return self.before_all(sub)[0]
