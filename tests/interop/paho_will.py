"""paho-mqtt: Will messages. A client that vanishes (socket closed without DISCONNECT, or
keep-alive expired) has its will published; a clean DISCONNECT discards it; (5.0) DISCONNECT
with reason 0x04 publishes it, with its properties passed through."""

import runner
from paho.mqtt.packettypes import PacketTypes
from paho.mqtt.properties import Properties
from paho_client import Barrier, Paho, describe, prop
from runner import expect, expect_equal, v5_only


def watcher(ctx, flt):
    w = Paho(ctx, "watcher")
    w.connect()
    w.subscribe(flt, qos=2)
    return w


def with_will(ctx, name, topic, payload, qos=1, retain=False, properties=None, keepalive=60):
    c = Paho(ctx, name)
    will = dict(topic=topic, payload=payload, qos=qos, retain=retain)
    if properties is not None:
        will["properties"] = properties
    c.connect(will=will, keepalive=keepalive)
    return c


def check_will_on_abrupt_close(ctx):
    w = watcher(ctx, ctx.topic("#"))
    for qos in (0, 1, 2):
        c = with_will(ctx, "dying%d" % qos, ctx.topic("gone/%d" % qos), b"bye %d" % qos, qos=qos)
        c.kill()
        [message] = w.receive(1, what="will of a client killed without DISCONNECT")
        expect_equal(
            (message.topic, message.payload, message.qos, message.retain),
            (ctx.topic("gone/%d" % qos), b"bye %d" % qos, qos, 0),
            "the will as set (topic, payload, QoS %d, retain 0)" % qos,
        )
    w.disconnect()


def check_no_will_on_clean_disconnect(ctx):
    w = watcher(ctx, ctx.topic("#"))
    barrier = Barrier(ctx)
    barrier.join(w)
    c = with_will(ctx, "polite", ctx.topic("gone"), b"should not be sent")
    c.disconnect()
    expect_equal(describe(barrier.before(w)), [], "no will after a clean DISCONNECT")
    w.disconnect()


def check_retained_will(ctx):
    c = with_will(ctx, "dying", ctx.topic("status"), b"offline", qos=1, retain=True)
    w = watcher(ctx, ctx.topic("status"))
    c.kill()
    [live] = w.receive(1, what="will")
    expect_equal(live.payload, b"offline", "will payload, live")
    late = Paho(ctx, "late")
    late.connect()
    barrier = Barrier(ctx)
    barrier.join(late)
    late.subscribe(ctx.topic("status"), qos=1)
    got = barrier.before(late)
    expect_equal([(m.payload, m.retain) for m in got], [(b"offline", 1)], "a will with retain set is retained")
    late.disconnect()
    w.disconnect()


def check_will_on_keepalive_expiry(ctx):
    w = watcher(ctx, ctx.topic("#"))
    c = with_will(ctx, "silent", ctx.topic("timeout"), b"timed out", keepalive=1)
    c.go_silent()
    # The broker must give up after 1.5 x keep-alive (MQTT-3.1.2-24): 1.5 s, allow 5 s more.
    [message] = w.receive(1, timeout=6.5, what="will after keep-alive expiry")
    expect_equal(message.payload, b"timed out", "will payload")
    c.kill()
    w.disconnect()


@v5_only
def check_v5_disconnect_with_will(ctx):
    w = watcher(ctx, ctx.topic("#"))
    c = with_will(ctx, "leaving", ctx.topic("gone"), b"sent on purpose")
    c.disconnect(reason=4)
    [message] = w.receive(1, what="will after DISCONNECT 0x04")
    expect_equal(message.payload, b"sent on purpose", "will payload")
    w.disconnect()


@v5_only
def check_v5_will_properties_pass_through(ctx):
    w = watcher(ctx, ctx.topic("#"))
    props = Properties(PacketTypes.WILLMESSAGE)
    props.ContentType = "text/plain"
    props.PayloadFormatIndicator = 1
    props.ResponseTopic = ctx.topic("reply")
    props.CorrelationData = b"\x00\x01corr"
    props.UserProperty = [("k", "v1"), ("k", "v2"), ("z", "")]
    props.MessageExpiryInterval = 120
    c = with_will(ctx, "dying", ctx.topic("gone"), b"props", properties=props)
    c.kill()
    [m] = w.receive(1, what="will")
    got = {
        "ContentType": prop(m, "ContentType"),
        "PayloadFormatIndicator": prop(m, "PayloadFormatIndicator"),
        "ResponseTopic": prop(m, "ResponseTopic"),
        "CorrelationData": prop(m, "CorrelationData"),
        "UserProperty": prop(m, "UserProperty"),
    }
    expected = {
        "ContentType": "text/plain",
        "PayloadFormatIndicator": 1,
        "ResponseTopic": ctx.topic("reply"),
        "CorrelationData": b"\x00\x01corr",
        "UserProperty": [("k", "v1"), ("k", "v2"), ("z", "")],
    }
    expect_equal(got, expected, "will properties passed through unchanged")
    expiry = prop(m, "MessageExpiryInterval")
    expect(expiry is not None and 0 < expiry <= 120, "will Message Expiry Interval in (0, 120]", 120, expiry)
    w.disconnect()


if __name__ == "__main__":
    runner.main([
        check_will_on_abrupt_close,
        check_no_will_on_clean_disconnect,
        check_retained_will,
        check_will_on_keepalive_expiry,
        check_v5_disconnect_with_will,
        check_v5_will_properties_pass_through,
    ])
