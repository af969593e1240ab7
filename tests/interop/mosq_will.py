"""mosquitto_sub with --will-topic: SIGKILLed, its will is published; ending normally
(after -C 1, with DISCONNECT) it is not."""

import runner
from mosq_client import MosqBarrier, MosqSub, mosq_pub
from runner import expect_equal


def will_args(ctx, payload, qos=1, retain=False):
    args = ["--will-topic", ctx.topic("will"), "--will-payload", payload, "--will-qos", str(qos)]
    return args + (["--will-retain"] if retain else [])


def check_will_on_kill(ctx):
    watcher = MosqSub(ctx, "watcher", [ctx.topic("will")], qos=2, count=3).start()
    for qos in (0, 1, 2):
        dying = MosqSub(ctx, "dying%d" % qos, [ctx.topic("unused")], extra=will_args(ctx, "bye %d" % qos, qos)).start()
        dying.kill()
        got = watcher.next()
        expect_equal((got.topic, got.payload, got.qos), (ctx.topic("will"), b"bye %d" % qos, qos),
                     "the will of a SIGKILLed mosquitto_sub (QoS %d)" % qos)
    watcher.kill()


def check_no_will_on_normal_exit(ctx):
    barrier = MosqBarrier(ctx)
    watcher = MosqSub(ctx, "watcher", [ctx.topic("will"), barrier.topic], qos=1).start()
    polite = MosqSub(ctx, "polite", [ctx.topic("go")], count=1, extra=will_args(ctx, "unexpected")).start()
    mosq_pub(ctx, ctx.topic("go"), b"one and done", qos=1)
    expect_equal([m.payload for m in polite.finish()], [b"one and done"], "the polite client's one message")
    expect_equal(barrier.before(watcher), [], "no will after a normal exit (DISCONNECT)")
    watcher.kill()


def check_retained_will(ctx):
    dying = MosqSub(ctx, "dying", [ctx.topic("unused")], extra=will_args(ctx, "offline", retain=True)).start()
    dying.kill()
    late = MosqSub(ctx, "late", [ctx.topic("will")], qos=1, count=1).start()
    expect_equal([(m.payload, m.retain) for m in late.finish()], [(b"offline", 1)], "a retained will is retained")
    mosq_pub(ctx, ctx.topic("will"), b"", qos=1, retain=True)


if __name__ == "__main__":
    runner.main([check_will_on_kill, check_no_will_on_normal_exit, check_retained_will])
