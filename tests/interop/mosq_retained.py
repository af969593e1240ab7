"""mosquitto_pub/mosquitto_sub: retained messages set (-r), replaced, deleted (-r -n)."""

import runner
from mosq_client import MosqBarrier, MosqSub, mosq_pub
from runner import expect_equal


def retained_now(ctx, name, flt, qos=1):
    """What a new mosquitto_sub on flt gets before a barrier: the retained messages."""
    barrier = MosqBarrier(ctx, name)
    sub = MosqSub(ctx, name, [barrier.topic, flt], qos=qos).start()
    got = barrier.before(sub)
    sub.kill()
    return [(m.topic, m.payload, m.retain) for m in got]


def check_set_replace_delete(ctx):
    topic = ctx.topic("r")
    live = MosqSub(ctx, "live", [topic], qos=1, count=3).start()
    mosq_pub(ctx, topic, b"v1", qos=1, retain=True)
    expect_equal(retained_now(ctx, "new1", topic), [(topic, b"v1", 1)], "a new subscriber gets the retained message")
    mosq_pub(ctx, topic, b"v2", qos=1, retain=True)
    expect_equal(retained_now(ctx, "new2", topic), [(topic, b"v2", 1)], "the replacement, and only it")
    mosq_pub(ctx, topic, b"", qos=1, retain=True)
    expect_equal(retained_now(ctx, "new3", topic), [], "nothing retained after an empty retained payload")
    expect_equal([(m.payload, m.retain) for m in live.finish()], [(b"v1", 0), (b"v2", 0), (b"", 0)],
                 "a subscriber already there gets each one live, retain=0")


def check_wildcard_and_qos(ctx):
    for qos in (0, 1, 2):
        mosq_pub(ctx, ctx.topic("w/%d" % qos), b"%d" % qos, qos=qos, retain=True)
    for sub_qos in (0, 1, 2):
        barrier = MosqBarrier(ctx, "b%d" % sub_qos)
        sub = MosqSub(ctx, "sub%d" % sub_qos, [barrier.topic, ctx.topic("w/+")], qos=sub_qos).start()
        got = sorted(barrier.before(sub), key=lambda m: m.topic)
        sub.kill()
        expect_equal([(m.payload, m.qos, m.retain) for m in got], [(b"%d" % p, min(p, sub_qos), 1) for p in (0, 1, 2)],
                     "every retained topic under w/+, at min(QoS, %d)" % sub_qos)


if __name__ == "__main__":
    runner.main([check_set_replace_delete, check_wildcard_and_qos])
