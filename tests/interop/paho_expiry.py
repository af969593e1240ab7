"""paho-mqtt 5.0: Message Expiry Interval. A message queued for an offline session, or
retained, is dropped once its interval has passed; one still alive is delivered with the
interval reduced by the time it waited (MQTT 5.0 3.3.2.3.3)."""

import time

import runner
from paho_client import Barrier, Paho, prop, publish_properties
from runner import expect, expect_equal, v5_only

WAIT = 2.0  # seconds the messages wait; the short-lived ones expire after 1


def wait_until(deadline):
    # Here the passing of time is the event under test: nothing to await but the clock.
    remaining = deadline - time.monotonic()
    if remaining > 0:
        time.sleep(remaining)


@v5_only
def check_queued_and_retained_expiry(ctx):
    sub = Paho(ctx, "sub")
    sub.connect(clean=True, session_expiry=300)
    sub.subscribe(ctx.topic("q"), qos=1)
    sub.disconnect()

    pub = Paho(ctx, "pub")
    pub.connect()
    pub.publish(ctx.topic("q"), b"expires in 1 s", qos=1, properties=publish_properties(MessageExpiryInterval=1))
    pub.publish(ctx.topic("r/short"), b"retained 1 s", qos=1, retain=True,
                properties=publish_properties(MessageExpiryInterval=1))
    published = time.monotonic()
    pub.publish(ctx.topic("q"), b"expires in 60 s", qos=1, properties=publish_properties(MessageExpiryInterval=60))
    pub.publish(ctx.topic("q"), b"never expires", qos=1)
    pub.publish(ctx.topic("r/long"), b"retained 60 s", qos=1, retain=True,
                properties=publish_properties(MessageExpiryInterval=60))
    pub.disconnect()
    wait_until(published + WAIT)

    present = sub.connect(clean=False, session_expiry=300)
    expect_equal(present, 1, "session present")
    barrier = Barrier(ctx, "queued")
    barrier.join(sub)
    got = barrier.before(sub)
    expect_equal(
        [m.payload for m in got], [b"expires in 60 s", b"never expires"],
        "after %.0f s the queue holds only the unexpired messages" % WAIT,
    )
    remaining = prop(got[0], "MessageExpiryInterval")
    expect(
        remaining is not None and 50 <= remaining <= 59,
        "the 60 s message arrives with its interval reduced by the %.0f s it waited" % WAIT, "50..59", remaining,
    )
    expect_equal(prop(got[1], "MessageExpiryInterval"), None, "no Message Expiry Interval where none was set")
    sub.disconnect()

    late = Paho(ctx, "late")
    late.connect()
    barrier = Barrier(ctx, "retained")
    barrier.join(late)
    late.subscribe(ctx.topic("r/+"), qos=1)
    got = barrier.before(late)
    expect_equal([m.payload for m in got], [b"retained 60 s"], "an expired retained message is not delivered")
    remaining = prop(got[0], "MessageExpiryInterval")
    expect(remaining is not None and 50 <= remaining <= 59, "retained: interval reduced", "50..59", remaining)
    late.disconnect()


@v5_only
def check_live_delivery_keeps_interval(ctx):
    sub = Paho(ctx, "sub")
    sub.connect()
    sub.subscribe(ctx.topic("live"), qos=1)
    pub = Paho(ctx, "pub")
    pub.connect()
    pub.publish(ctx.topic("live"), b"x", qos=1, properties=publish_properties(MessageExpiryInterval=60))
    [m] = sub.receive(1)
    remaining = prop(m, "MessageExpiryInterval")
    expect(remaining is not None and 59 <= remaining <= 60, "a live message carries its interval", "59..60", remaining)
    pub.disconnect()
    sub.disconnect()


if __name__ == "__main__":
    runner.main([check_queued_and_retained_expiry, check_live_delivery_keeps_interval])
