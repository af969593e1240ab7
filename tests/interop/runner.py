"""Run one scenario file: its checks, in order, against one broker.

A scenario file defines checks (functions taking a Context) and ends with
`runner.main([check_a, check_b, ...])`. Every check gets its own topic prefix and client
ids, so a failing check does not leak messages into the next. A failure prints what was
expected, what came, and the broker's log lines written during that check. The file exits
1 if any check failed or the broker did not stop with exit code 0 on SIGTERM.
"""

import argparse
import sys
import time
import traceback

from broker import Broker

EVENT_TIMEOUT = 5.0  # seconds any one awaited event may take


class CheckFailed(AssertionError):
    pass


def v5_only(check):
    """Mark a check that exercises an MQTT 5.0 feature: skipped under 3.1.1."""
    check.v5_only = True
    return check


def expect(condition, what, expected=None, got=None):
    if not condition:
        message = what
        if expected is not None or got is not None:
            message += "\n    expected: %r\n    got:      %r" % (expected, got)
        raise CheckFailed(message)


def expect_equal(got, expected, what):
    expect(got == expected, what, expected, got)


class Context:
    def __init__(self, broker, protocol, workers, check):
        self.broker = broker
        self.host = broker.host
        self.port = broker.port
        self.protocol = protocol
        self.workers = workers
        self.check = check

    @property
    def v5(self):
        return self.protocol == 5

    def topic(self, suffix=""):
        base = "it/%s/v%d" % (self.check, self.protocol)
        return base + "/" + suffix if suffix else base

    def client_id(self, name):
        return "%s-%s-v%d" % (name, self.check, self.protocol)


def parse_args():
    parser = argparse.ArgumentParser()
    parser.add_argument("--broker", required=True, help="the broker binary")
    parser.add_argument("--protocol", type=int, choices=(311, 5), required=True)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--only", help="run only the check with this name")
    return parser.parse_args()


def _run_check(check, broker, args):
    name = check.__name__.removeprefix("check_")
    if getattr(check, "v5_only", False) and args.protocol != 5:
        print("SKIP %s (MQTT 5.0 only)" % name)
        return True
    log_start = len(broker.log())
    started = time.monotonic()
    try:
        if not broker.alive():
            raise CheckFailed("the broker is not running any more")
        check(Context(broker, args.protocol, args.workers, name))
    except Exception as error:
        elapsed = time.monotonic() - started
        print("FAIL %s (%.2f s)" % (name, elapsed))
        if isinstance(error, CheckFailed):
            print("  " + str(error))
        else:
            print(traceback.format_exc())
        lines = broker.log()[log_start:].splitlines()[-30:]
        print("  broker log during this check:")
        for line in lines:
            print("    " + line)
        return False
    print("PASS %s (%.2f s)" % (name, time.monotonic() - started))
    return True


def main(checks):
    args = parse_args()
    if args.only:
        checks = [c for c in checks if c.__name__.removeprefix("check_") == args.only]
    failed = 0
    with Broker(args.broker, workers=args.workers) as broker:
        for check in checks:
            if not _run_check(check, broker, args):
                failed += 1
    if broker.exit_code != 0:
        print("FAIL broker exit code on SIGTERM: expected 0, got %s" % broker.exit_code)
        print("\n".join("    " + l for l in broker.log().splitlines()[-30:]))
        failed += 1
    print("%d of %d checks failed" % (failed, len(checks)) if failed else "all %d checks passed" % len(checks))
    sys.exit(1 if failed else 0)
