"""mosquitto_pub/mosquitto_sub: QoS 0/1/2 publish and subscribe, wildcards. Payloads
arrive byte for byte at min(publish QoS, subscription QoS), exactly once, in order."""

import runner
from mosq_client import MosqBarrier, MosqSub, mosq_pub
from runner import expect_equal

PAYLOADS = [b"hello", bytes(range(256)), "gr\u00fc\u00df \u2603".encode(), bytes(50 * 1024), b""]


def check_payloads_at_every_qos(ctx):
    barrier = MosqBarrier(ctx)
    sub = MosqSub(ctx, "sub", [ctx.topic("#")], qos=2).start()
    sent = []
    for qos in (0, 1, 2):
        for i, payload in enumerate(PAYLOADS):
            topic = ctx.topic("q%d/%d" % (qos, i))
            mosq_pub(ctx, topic, payload, qos=qos)
            sent.append((topic, payload, qos, 0))
    got = barrier.before(sub)  # the barrier topic is under ctx.topic("#") too
    # One mosquitto_pub per message: MQTT orders messages per publisher only (and at
    # worker_num > 1 each may take another route between workers), so compared unordered.
    expect_equal(sorted((m.topic, m.payload, m.qos, m.retain) for m in got), sorted(sent),
                 "every payload once, byte for byte, at its QoS")
    sub.kill()


def check_downgrade_to_subscription_qos(ctx):
    subs = [MosqSub(ctx, "sub%d" % q, [ctx.topic("d")], qos=q, count=3).start() for q in (0, 1, 2)]
    for pub_qos in (0, 1, 2):
        mosq_pub(ctx, ctx.topic("d"), b"at %d" % pub_qos, qos=pub_qos)
    for sub_qos, sub in enumerate(subs):
        got = sub.finish()
        # Three publishers, one message each: MQTT orders messages per publisher only, and at
        # worker_num > 1 each publisher's message may reach the subscriber by another route.
        expect_equal(sorted((m.payload, m.qos) for m in got),
                     [(b"at %d" % p, min(p, sub_qos)) for p in (0, 1, 2)],
                     "delivered at min(publish QoS, subscription QoS %d)" % sub_qos)


def check_many_qos2_in_order(ctx):
    count = 200
    sub = MosqSub(ctx, "sub", [ctx.topic("n")], qos=2, count=count).start()
    mosq_pub(ctx, ctx.topic("n"), qos=2, lines=[b"%d" % i for i in range(count)])
    got = sub.finish()
    expect_equal([int(m.payload) for m in got], list(range(count)), "%d QoS 2 messages, once each, in order" % count)


def check_wildcards(ctx):
    barrier = MosqBarrier(ctx)
    filters = ["a/+/t", "a/#", "+/b/t"]
    subs = [MosqSub(ctx, f, [ctx.topic(f), barrier.topic], qos=1).start() for f in filters]
    for topic in ["a/b/t", "a/c/t", "a", "a/b/t/x", "x/b/t"]:
        mosq_pub(ctx, ctx.topic(topic), topic.encode(), qos=1)
    got = barrier.before_all(*subs)
    expected = [[b"a/b/t", b"a/c/t"], [b"a/b/t", b"a/c/t", b"a", b"a/b/t/x"], [b"a/b/t", b"x/b/t"]]
    for f, g, e in zip(filters, got, expected):
        expect_equal([m.payload for m in g], e, "topics delivered to %r" % f)
    for s in subs:
        s.kill()


if __name__ == "__main__":
    runner.main([
        check_payloads_at_every_qos,
        check_downgrade_to_subscription_qos,
        check_many_qos2_in_order,
        check_wildcards,
    ])
