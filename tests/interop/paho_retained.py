"""paho-mqtt: retained messages: set, replaced, deleted with an empty payload; retained
delivery QoS; and (5.0) Retain Handling, Retain As Published and No Local."""

import runner
from paho_client import Barrier, Paho, describe
from paho.mqtt.subscribeoptions import SubscribeOptions
from runner import expect_equal, v5_only


def retained_on_subscribe(ctx, name, flt, qos=1, options=None):
    """What a new subscriber to flt gets before a barrier: the retained messages."""
    s = Paho(ctx, name)
    s.connect()
    barrier = Barrier(ctx, name)
    barrier.join(s)
    s.subscribe(flt, qos=qos, options=options)
    got = barrier.before(s)
    s.disconnect()
    return got


def check_set_replace_delete(ctx):
    topic = ctx.topic("r")
    pub = Paho(ctx, "pub")
    pub.connect()
    live = Paho(ctx, "live")
    live.connect()
    live.subscribe(topic, qos=1)

    pub.publish(topic, b"v1", qos=1, retain=True)
    got = retained_on_subscribe(ctx, "new1", topic)
    expect_equal([(m.payload, m.retain) for m in got], [(b"v1", 1)], "a new subscriber gets the retained message, retain=1")

    pub.publish(topic, b"v2", qos=1, retain=True)
    got = retained_on_subscribe(ctx, "new2", topic)
    expect_equal([(m.payload, m.retain) for m in got], [(b"v2", 1)], "the replacement, and only it")

    pub.publish(topic, b"", qos=1, retain=True)
    got = retained_on_subscribe(ctx, "new3", topic)
    expect_equal(describe(got), [], "nothing retained after an empty retained payload")

    live_got = live.receive(3)
    expect_equal(
        [(m.payload, m.retain) for m in live_got],
        [(b"v1", 0), (b"v2", 0), (b"", 0)],
        "an existing subscriber gets every retained publish live, retain=0 (empty one included)",
    )
    pub.disconnect()
    live.disconnect()


def check_wildcard_gets_every_retained_topic(ctx):
    pub = Paho(ctx, "pub")
    pub.connect()
    expected = {}
    for i in range(5):
        topic = ctx.topic("w/%d" % i)
        pub.publish(topic, b"r%d" % i, qos=1, retain=True)
        expected[topic] = b"r%d" % i
    pub.publish(ctx.topic("w/2"), b"", qos=1, retain=True)
    del expected[ctx.topic("w/2")]
    got = retained_on_subscribe(ctx, "new", ctx.topic("w/+"))
    expect_equal({m.topic: m.payload for m in got}, expected, "one retained message per topic matching w/+")
    expect_equal(len(got), len(expected), "no topic twice")
    pub.disconnect()


def check_retained_delivery_qos(ctx):
    pub = Paho(ctx, "pub")
    pub.connect()
    for qos in (0, 1, 2):
        pub.publish(ctx.topic("q/%d" % qos), b"%d" % qos, qos=qos, retain=True)
    for sub_qos in (0, 1, 2):
        got = retained_on_subscribe(ctx, "sub%d" % sub_qos, ctx.topic("q/+"), qos=sub_qos)
        got = sorted(got, key=lambda m: m.topic)
        expect_equal(
            [m.qos for m in got],
            [min(p, sub_qos) for p in (0, 1, 2)],
            "retained delivered at min(stored QoS, subscription QoS %d)" % sub_qos,
        )
    pub.disconnect()


@v5_only
def check_v5_retain_handling(ctx):
    topic = ctx.topic("h")
    pub = Paho(ctx, "pub")
    pub.connect()
    pub.publish(topic, b"kept", qos=1, retain=True)
    got = retained_on_subscribe(ctx, "rh2", topic, options=SubscribeOptions(qos=1, retainHandling=2))
    expect_equal(describe(got), [], "Retain Handling 2: no retained message at subscribe")

    s = Paho(ctx, "rh1")
    s.connect()
    barrier = Barrier(ctx, "rh1")
    barrier.join(s)
    s.subscribe(topic, options=SubscribeOptions(qos=1, retainHandling=1))
    s.subscribe(topic, options=SubscribeOptions(qos=1, retainHandling=1))
    got = barrier.before(s)
    expect_equal([m.payload for m in got], [b"kept"], "Retain Handling 1: retained only when the subscription is new")
    s.disconnect()
    pub.disconnect()


@v5_only
def check_v5_retain_as_published_and_no_local(ctx):
    s = Paho(ctx, "sub")
    s.connect()
    s.subscribe(ctx.topic("rap"), options=SubscribeOptions(qos=1, retainAsPublished=True))
    s.subscribe(ctx.topic("nl"), options=SubscribeOptions(qos=1, noLocal=True))
    barrier = Barrier(ctx)
    barrier.join(s)
    other = Paho(ctx, "other")
    other.connect()
    other.publish(ctx.topic("rap"), b"as published", qos=1, retain=True)
    other.publish(ctx.topic("rap"), b"", qos=1, retain=True)
    s.publish(ctx.topic("nl"), b"own", qos=1)
    other.publish(ctx.topic("nl"), b"other's", qos=1)
    got = barrier.before(s)
    expect_equal(
        [(m.topic, m.payload, m.retain) for m in got],
        [(ctx.topic("rap"), b"as published", 1), (ctx.topic("rap"), b"", 1), (ctx.topic("nl"), b"other's", 0)],
        "Retain As Published keeps retain=1 live; No Local drops the subscriber's own publish",
    )
    other.disconnect()
    s.disconnect()


if __name__ == "__main__":
    runner.main([
        check_set_replace_delete,
        check_wildcard_gets_every_retained_topic,
        check_retained_delivery_qos,
        check_v5_retain_handling,
        check_v5_retain_as_published_and_no_local,
    ])
