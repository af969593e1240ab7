"""mosquitto clients with MQTT 5.0 properties: user properties, Response Topic,
Correlation Data, Content Type and Message Expiry pass through between mosquitto and paho;
mosquitto_rr gets its answer; queued messages expire; $share groups split the messages."""

import subprocess
import time

import runner
from mosq_client import MosqBarrier, MosqSub, base_args, mosq_pub
from paho_client import Paho, prop, publish_properties
from runner import expect, expect_equal, v5_only


@v5_only
def check_mosquitto_pub_properties_reach_paho(ctx):
    sub = Paho(ctx, "paho-sub")
    sub.connect()
    sub.subscribe(ctx.topic("p"), qos=1)
    props = [("user-property", "k", "v1"), ("user-property", "k", "v2"), ("user-property", "other", "x"),
             ("response-topic", ctx.topic("reply")), ("correlation-data", "corr-7"),
             ("content-type", "text/plain"), ("payload-format-indicator", "1"), ("message-expiry-interval", "90")]
    mosq_pub(ctx, ctx.topic("p"), b"with properties", qos=1, props=props)
    [m] = sub.receive(1)
    got = {n: prop(m, n) for n in ("UserProperty", "ResponseTopic", "CorrelationData", "ContentType",
                                   "PayloadFormatIndicator")}
    expect_equal(got, {"UserProperty": [("k", "v1"), ("k", "v2"), ("other", "x")], "ResponseTopic": ctx.topic("reply"),
                       "CorrelationData": b"corr-7", "ContentType": "text/plain", "PayloadFormatIndicator": 1},
                 "mosquitto_pub -D properties as paho sees them")
    expiry = prop(m, "MessageExpiryInterval")
    expect(expiry is not None and 89 <= expiry <= 90, "Message Expiry Interval kept", "89..90", expiry)
    sub.disconnect()


@v5_only
def check_paho_properties_reach_mosquitto_sub(ctx):
    sub = MosqSub(ctx, "mosq-sub", [ctx.topic("p")], qos=1, count=1).start()
    pub = Paho(ctx, "paho-pub")
    pub.connect()
    pub.publish(ctx.topic("p"), b"hi", qos=1, properties=publish_properties(
        UserProperty=[("a", "1"), ("b", "2")], ResponseTopic=ctx.topic("reply"), CorrelationData=b"abc",
        ContentType="ct", MessageExpiryInterval=30))
    pub.disconnect()
    [m] = sub.finish()
    expect_equal((m.payload, m.user, m.response_topic, m.correlation, m.content_type),
                 (b"hi", "a:1 b:2", ctx.topic("reply"), "abc", "ct"), "properties as mosquitto_sub prints them")
    expect(m.expiry is not None and 29 <= m.expiry <= 30, "Message Expiry Interval", "29..30", m.expiry)


@v5_only
def check_mosquitto_rr_gets_its_response(ctx):
    responder = Paho(ctx, "responder")
    responder.connect()
    responder.subscribe(ctx.topic("req"), qos=1)
    args = base_args("mosquitto_rr", ctx) + ["-t", ctx.topic("req"), "-e", ctx.topic("resp"), "-m", "question",
                                         "-q", "1", "-W", "10", "-D", "publish", "correlation-data", "rr-1"]
    rr = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        [request] = responder.receive(1, what="mosquitto_rr's request")
        expect_equal((request.payload, prop(request, "ResponseTopic"), prop(request, "CorrelationData")),
                     (b"question", ctx.topic("resp"), b"rr-1"), "the request as mosquitto_rr sent it")
        responder.publish(prop(request, "ResponseTopic"), b"answer", qos=1,
                          properties=publish_properties(CorrelationData=prop(request, "CorrelationData")))
        out, _ = rr.communicate(timeout=10)
    finally:
        if rr.poll() is None:
            rr.kill()
            rr.wait()
    expect_equal((rr.returncode, out.strip()), (0, b"answer"), "mosquitto_rr prints the response and exits 0")
    responder.disconnect()


@v5_only
def check_queued_message_expiry(ctx):
    id_args = dict(client_id=ctx.client_id("p"), qos=1)
    MosqSub(ctx, "persistent", [ctx.topic("q")], extra=["-c", "-x", "300", "-E"], **id_args).start().finish()
    mosq_pub(ctx, ctx.topic("q"), b"short", qos=1, props=[("message-expiry-interval", "1")])
    published = time.monotonic()
    mosq_pub(ctx, ctx.topic("q"), b"long", qos=1, props=[("message-expiry-interval", "60")])
    time.sleep(max(0.0, published + 2.0 - time.monotonic()))  # the passing of time is under test
    barrier = MosqBarrier(ctx)
    back = MosqSub(ctx, "persistent", [ctx.topic("q"), barrier.topic], extra=["-c", "-x", "300"], **id_args).start()
    got = barrier.before(back)
    back.kill()
    expect_equal([m.payload for m in got], [b"long"], "after 2 s only the 60 s message is left in the queue")
    expect(got[0].expiry is not None and 50 <= got[0].expiry <= 59, "its interval reduced by the wait", "50..59",
           got[0].expiry)


@v5_only
def check_shared_subscription_with_mosquitto_sub(ctx):
    barrier = MosqBarrier(ctx)
    group = [MosqSub(ctx, "m%d" % i, ["$share/g/" + ctx.topic("s"), barrier.topic], qos=1).start() for i in range(2)]
    count = 30
    mosq_pub(ctx, ctx.topic("s"), qos=1, lines=[b"%d" % i for i in range(count)])
    got = [[int(m.payload) for m in g] for g in barrier.before_all(*group)]
    expect_equal(sorted(got[0] + got[1]), list(range(count)), "each message once across the group")
    expect(all(got), "both members get some", "both non-empty", [len(g) for g in got])
    for s in group:
        s.kill()


if __name__ == "__main__":
    runner.main([
        check_mosquitto_pub_properties_reach_paho,
        check_paho_properties_reach_mosquitto_sub,
        check_mosquitto_rr_gets_its_response,
        check_queued_message_expiry,
        check_shared_subscription_with_mosquitto_sub,
    ])
