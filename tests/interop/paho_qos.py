"""paho-mqtt: QoS 0/1/2 publish and subscribe. Payloads arrive byte for byte, at
min(publish QoS, subscription QoS), exactly once, in the publisher's order."""

import runner
from paho_client import Barrier, Paho, describe
from runner import expect, expect_equal

PAYLOADS = [
    b"hello",
    b"",
    bytes(range(256)),
    "gr\u00fc\u00df dich \u2603".encode(),
    bytes(100 * 1024),
]


def check_granted_qos(ctx):
    sub = Paho(ctx, "sub")
    sub.connect()
    for qos in (0, 1, 2):
        granted = sub.subscribe(ctx.topic("q%d" % qos), qos=qos)
        expect_equal(granted, qos, "granted QoS in SUBACK for a QoS %d subscription" % qos)
    sub.disconnect()


def check_payloads_at_every_qos(ctx):
    sub = Paho(ctx, "sub")
    sub.connect()
    sub.subscribe(ctx.topic("#"), qos=2)
    pub = Paho(ctx, "pub")
    pub.connect()
    sent = []
    for qos in (0, 1, 2):
        for i, payload in enumerate(PAYLOADS):
            topic = ctx.topic("q%d/%d" % (qos, i))
            pub.publish(topic, payload, qos=qos)
            sent.append((topic, payload, qos))
    got = sub.receive(len(sent))
    for (topic, payload, qos), message in zip(sent, got):
        expect_equal(message.topic, topic, "topic (messages in publish order)")
        expect(message.payload == payload, "payload on %s arrives byte for byte" % topic, len(payload), len(message.payload))
        expect_equal(message.qos, qos, "delivered QoS on %s (subscription QoS 2)" % topic)
        expect_equal(message.retain, 0, "retain flag of a live message")
    barrier = Barrier(ctx)
    barrier.join(sub)
    extra = barrier.before(sub)
    expect_equal(describe(extra), [], "no duplicate after the %d expected messages" % len(sent))
    pub.disconnect()
    sub.disconnect()


def check_downgrade_to_subscription_qos(ctx):
    subs = []
    for qos in (0, 1, 2):
        s = Paho(ctx, "sub%d" % qos)
        s.connect()
        s.subscribe(ctx.topic("d"), qos=qos)
        subs.append(s)
    pub = Paho(ctx, "pub")
    pub.connect()
    for pub_qos in (0, 1, 2):
        pub.publish(ctx.topic("d"), b"published at %d" % pub_qos, qos=pub_qos)
    for sub_qos, s in enumerate(subs):
        got = s.receive(3)
        expect_equal(
            [m.qos for m in got],
            [min(p, sub_qos) for p in (0, 1, 2)],
            "delivered QoS = min(publish QoS, subscription QoS %d)" % sub_qos,
        )
        expect_equal([m.payload for m in got], [b"published at %d" % p for p in (0, 1, 2)], "payloads")
    for s in subs + [pub]:
        s.disconnect()


def many_in_order(ctx, qos, count=300):
    """count messages published without waiting in between (paho keeps its own in-flight
    window): all arrive, once, in publish order."""
    sub = Paho(ctx, "sub")
    sub.connect()
    sub.subscribe(ctx.topic("n"), qos=qos)
    pub = Paho(ctx, "pub")
    pub.connect()
    infos = [pub.client.publish(ctx.topic("n"), b"%d" % i, qos=qos) for i in range(count)]
    for info in infos:
        info.wait_for_publish(runner.EVENT_TIMEOUT)
        expect(info.is_published(), "QoS %d publish %d acknowledged" % (qos, info.mid))
    got = sub.receive(count)
    expect_equal([int(m.payload) for m in got], list(range(count)), "every QoS %d message, in order" % qos)
    barrier = Barrier(ctx)
    barrier.join(sub)
    expect_equal(describe(barrier.before(sub)), [], "no duplicates after %d QoS %d messages" % (count, qos))
    pub.disconnect()
    sub.disconnect()


def check_many_qos2_exactly_once_in_order(ctx):
    many_in_order(ctx, 2)


def check_many_qos1_in_order(ctx):
    many_in_order(ctx, 1)


def check_unsubscribe_stops_delivery(ctx):
    sub = Paho(ctx, "sub")
    sub.connect()
    sub.subscribe(ctx.topic("u"), qos=1)
    barrier = Barrier(ctx)
    barrier.join(sub)
    pub = Paho(ctx, "pub")
    pub.connect()
    pub.publish(ctx.topic("u"), b"before", qos=1)
    expect_equal([m.payload for m in sub.receive(1)], [b"before"], "delivered while subscribed")
    sub.unsubscribe(ctx.topic("u"))
    pub.publish(ctx.topic("u"), b"after", qos=1)
    expect_equal(describe(barrier.before(sub)), [], "nothing after UNSUBSCRIBE")
    pub.disconnect()
    sub.disconnect()


if __name__ == "__main__":
    runner.main([
        check_granted_qos,
        check_payloads_at_every_qos,
        check_downgrade_to_subscription_qos,
        check_many_qos2_exactly_once_in_order,
        check_many_qos1_in_order,
        check_unsubscribe_stops_delivery,
    ])
