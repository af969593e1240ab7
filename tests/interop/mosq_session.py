"""mosquitto_sub -c -i ID (5.0: -x): QoS 1 and 2 messages published while it is away are
queued and delivered once, in order, when it comes back; without -c nothing is kept."""

import runner
from mosq_client import MosqBarrier, MosqSub, mosq_pub
from runner import expect_equal


def persistent(ctx, count=None, extra=()):
    x = ["-x", "300"] if ctx.v5 else []
    return MosqSub(ctx, "persistent", [ctx.topic("data")], qos=2, count=count, client_id=ctx.client_id("p"),
                   extra=["-c"] + x + list(extra))


def check_queued_qos1_and_qos2_delivered_on_resume(ctx):
    persistent(ctx, extra=["-E"]).start().finish()  # subscribe, then DISCONNECT: the session stays
    mosq_pub(ctx, ctx.topic("data"), qos=1, lines=[b"q1 %d" % i for i in range(5)])
    mosq_pub(ctx, ctx.topic("data"), qos=2, lines=[b"q2 %d" % i for i in range(5)])
    got = persistent(ctx, count=10).start(await_subscribed=False).finish()
    expect_equal([(m.payload, m.qos) for m in got],
                 [(b"q1 %d" % i, 1) for i in range(5)] + [(b"q2 %d" % i, 2) for i in range(5)],
                 "queued messages, once each, in order, at their QoS")


def check_resume_after_kill(ctx):
    sub = persistent(ctx).start()
    sub.kill()
    mosq_pub(ctx, ctx.topic("data"), qos=2, lines=[b"m%d" % i for i in range(3)])
    got = persistent(ctx, count=3).start(await_subscribed=False).finish()
    expect_equal([m.payload for m in got], [b"m0", b"m1", b"m2"], "queued while the killed client was away")


def check_clean_session_keeps_nothing(ctx):
    x = ["-x", "0"] if ctx.v5 else []
    MosqSub(ctx, "clean", [ctx.topic("data")], qos=2, client_id=ctx.client_id("c"), extra=["-E"] + x).start().finish()
    mosq_pub(ctx, ctx.topic("data"), b"lost", qos=2)
    barrier = MosqBarrier(ctx)
    back = MosqSub(ctx, "clean", [barrier.topic], qos=2, client_id=ctx.client_id("c"), extra=x).start()
    expect_equal(barrier.before(back), [], "no queue and no subscription for a clean session")
    back.kill()


if __name__ == "__main__":
    runner.main([
        check_queued_qos1_and_qos2_delivered_on_resume,
        check_resume_after_kill,
        check_clean_session_keeps_nothing,
    ])
