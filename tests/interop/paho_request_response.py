"""paho-mqtt 5.0: request/response. Response Topic, Correlation Data, User Properties,
Content Type and Payload Format Indicator reach the subscriber unchanged (user properties
in order, duplicates kept), a responder answers on the Response Topic, and a 3.1.1
subscriber gets the same payload without properties."""

import runner
from paho_client import Paho, prop, publish_properties
from runner import Context, expect_equal, v5_only

CORRELATION = bytes([0, 255, 1, 254]) + b"id-42"
USER = [("region", "eu"), ("trace", "a"), ("trace", "b"), ("empty", ""), ("\u00fcnicode", "\u2603")]
PASSED = ["ResponseTopic", "CorrelationData", "UserProperty", "ContentType", "PayloadFormatIndicator"]


def properties_of(message):
    return {name: prop(message, name) for name in PASSED}


@v5_only
def check_request_response_round_trip(ctx):
    responder = Paho(ctx, "responder")
    responder.connect()
    responder.subscribe(ctx.topic("req"), qos=2)
    requester = Paho(ctx, "requester")
    requester.connect()
    reply_to = ctx.topic("reply/" + requester.client_id)
    requester.subscribe(reply_to, qos=2)

    for qos in (0, 1, 2):
        sent = {
            "ResponseTopic": reply_to,
            "CorrelationData": CORRELATION + bytes([qos]),
            "UserProperty": USER,
            "ContentType": "application/json; charset=utf-8",
            "PayloadFormatIndicator": 1,
        }
        requester.publish(ctx.topic("req"), b'{"q": %d}' % qos, qos=qos, properties=publish_properties(**sent))
        [request] = responder.receive(1, what="request")
        expect_equal(properties_of(request), sent, "request properties at QoS %d, unchanged" % qos)

        answer = {"CorrelationData": prop(request, "CorrelationData"), "UserProperty": [("status", "ok")]}
        responder.publish(prop(request, "ResponseTopic"), b"answer %d" % qos, qos=qos,
                          properties=publish_properties(**answer))
        [response] = requester.receive(1, what="response")
        expect_equal(
            (response.topic, response.payload, prop(response, "CorrelationData"), prop(response, "UserProperty")),
            (reply_to, b"answer %d" % qos, CORRELATION + bytes([qos]), [("status", "ok")]),
            "response on the Response Topic with the request's Correlation Data (QoS %d)" % qos,
        )
    responder.disconnect()
    requester.disconnect()


@v5_only
def check_properties_to_a_311_subscriber(ctx):

    old_ctx = Context(ctx.broker, 311, ctx.workers, ctx.check)
    old = Paho(old_ctx, "old")
    old.connect()
    old.subscribe(ctx.topic("mixed"), qos=1)
    new = Paho(ctx, "new")
    new.connect()
    new.subscribe(ctx.topic("mixed"), qos=1)
    pub = Paho(ctx, "pub")
    pub.connect()
    props = {"ResponseTopic": ctx.topic("r"), "CorrelationData": CORRELATION, "UserProperty": USER}
    pub.publish(ctx.topic("mixed"), b"from 5.0", qos=1, properties=publish_properties(**props))
    old_pub = Paho(old_ctx, "oldpub")
    old_pub.connect()
    old_pub.publish(ctx.topic("mixed"), b"from 3.1.1", qos=1)

    got = old.receive(2)
    expect_equal([(m.topic, m.payload) for m in got], [(ctx.topic("mixed"), b"from 5.0"), (ctx.topic("mixed"), b"from 3.1.1")],
                 "a 3.1.1 subscriber gets both (5.0 properties dropped)")
    got = new.receive(2)
    expect_equal([m.payload for m in got], [b"from 5.0", b"from 3.1.1"], "a 5.0 subscriber gets both")
    expect_equal(properties_of(got[0])["UserProperty"], USER, "user properties from the 5.0 publisher")
    expect_equal(properties_of(got[1]), dict.fromkeys(PASSED), "no properties on a 3.1.1 publisher's message")
    for c in (old, new, pub, old_pub):
        c.disconnect()


if __name__ == "__main__":
    runner.main([check_request_response_round_trip, check_properties_to_a_311_subscriber])
