"""paho-mqtt: persistent sessions. Messages published at QoS 1 and 2 while a persistent
subscriber is away are queued and delivered, once and in order, when it resumes
(3.1.1 clean_session=0; 5.0 Clean Start 0 with a Session Expiry Interval); a clean start
discards the session."""

import runner
from paho.mqtt.packettypes import PacketTypes
from paho.mqtt.properties import Properties
from paho_client import Barrier, Paho, describe, wire_order
from runner import expect_equal, v5_only

EXPIRY = 300  # seconds, for 5.0 persistent sessions


def persistent(ctx, name="sub"):
    return Paho(ctx, name)


def connect_persistent(client, first=False):
    """Resume (or, first=True, start afresh) a session that outlives the connection."""
    if client.ctx.v5:
        return client.connect(clean=first, session_expiry=EXPIRY)
    if first:  # 3.1.1 has no "clean start but keep": wipe, then persist
        client.connect(clean=True)
        client.disconnect()
    return client.connect(clean=False)


def publish_while_away(ctx, count=10):
    pub = Paho(ctx, "pub")
    pub.connect()
    sent = []
    for i in range(count):  # one topic: MQTT-4.6.0-6 then requires publish order
        qos = 1 + i % 2
        pub.publish(ctx.topic("data/q"), b"queued %d" % i, qos=qos)
        sent.append((ctx.topic("data/q"), b"queued %d" % i, qos))
    pub.disconnect()
    return sent


def check_resume_delivers_queued_qos1_and_qos2(ctx):
    sub = persistent(ctx)
    present = connect_persistent(sub, first=True)
    expect_equal(present, 0, "session present on a fresh session")
    sub.subscribe(ctx.topic("data/#"), qos=2)
    sub.disconnect()

    sent = publish_while_away(ctx)

    present = connect_persistent(sub)
    expect_equal(present, 1, "session present when resuming")
    got = wire_order(sub.receive(len(sent), what="queued messages"))
    expect_equal(
        [(m.topic, m.payload, m.qos) for m in got], sent, "queued QoS 1 and 2 messages, in order, at their QoS"
    )
    barrier = Barrier(ctx)
    barrier.join(sub)
    expect_equal(describe(barrier.before(sub)), [], "each queued message once")

    # The subscription survived too: a live message arrives without re-subscribing.
    pub = Paho(ctx, "pub")
    pub.connect()
    pub.publish(ctx.topic("data/live"), b"live", qos=2)
    expect_equal([m.payload for m in sub.receive(1)], [b"live"], "the resumed subscription delivers live messages")
    pub.disconnect()
    sub.disconnect()


def check_resume_after_abrupt_loss(ctx):
    sub = persistent(ctx)
    connect_persistent(sub, first=True)
    sub.subscribe(ctx.topic("data/#"), qos=2)
    sub.kill()
    sent = publish_while_away(ctx, count=6)
    present = connect_persistent(sub)
    expect_equal(present, 1, "session present after the connection was lost")
    got = wire_order(sub.receive(len(sent), what="queued messages"))
    expect_equal([(m.topic, m.payload, m.qos) for m in got], sent, "queued messages after a lost connection")
    sub.disconnect()


def check_clean_start_discards_session(ctx):
    sub = persistent(ctx)
    connect_persistent(sub, first=True)
    sub.subscribe(ctx.topic("data/#"), qos=2)
    sub.disconnect()
    publish_while_away(ctx, count=2)

    present = sub.connect(clean=True)
    expect_equal(present, 0, "session present after a clean start")
    barrier = Barrier(ctx)
    barrier.join(sub)
    pub = Paho(ctx, "pub")
    pub.connect()
    pub.publish(ctx.topic("data/after"), b"after", qos=1)
    pub.disconnect()
    expect_equal(describe(barrier.before(sub)), [], "neither queued messages nor old subscriptions after a clean start")
    sub.disconnect()


@v5_only
def check_v5_zero_session_expiry_ends_session(ctx):
    sub = persistent(ctx)
    sub.connect(clean=True)  # no Session Expiry Interval: 0, the session ends with the connection
    sub.subscribe(ctx.topic("data/#"), qos=1)
    sub.disconnect()
    present = sub.connect(clean=False, session_expiry=EXPIRY)
    expect_equal(present, 0, "no session to resume when Session Expiry Interval was 0")
    sub.disconnect()


@v5_only
def check_v5_disconnect_can_shorten_expiry(ctx):
    sub = persistent(ctx)
    connect_persistent(sub, first=True)
    sub.subscribe(ctx.topic("data/#"), qos=1)
    props = Properties(PacketTypes.DISCONNECT)
    props.SessionExpiryInterval = 0
    sub.disconnect(reason=0, properties=props)
    present = sub.connect(clean=False, session_expiry=EXPIRY)
    expect_equal(present, 0, "DISCONNECT with Session Expiry Interval 0 ends the session")
    sub.disconnect()


def check_session_takeover(ctx):
    first = persistent(ctx, "first")
    first.client_id = ctx.client_id("same")
    connect_persistent(first, first=True)
    first.subscribe(ctx.topic("data/#"), qos=1)
    second = persistent(ctx, "second")
    second.client_id = ctx.client_id("same")
    present = connect_persistent(second)
    expect_equal(present, 1, "the second connection with the same client id takes the session over")
    # paho 1.6.1 drops the reason code of a DISCONNECT shorter than 3 bytes, so 0x8E
    # (Session taken over) is checked by the wire tests (tests/broker), not here.
    first.await_disconnect()
    pub = Paho(ctx, "pub")
    pub.connect()
    pub.publish(ctx.topic("data/x"), b"to the new owner", qos=1)
    pub.disconnect()
    expect_equal([m.payload for m in second.receive(1)], [b"to the new owner"], "delivery follows the session")
    first.client.loop_stop()
    second.disconnect()


if __name__ == "__main__":
    runner.main([
        check_resume_delivers_queued_qos1_and_qos2,
        check_resume_after_abrupt_loss,
        check_clean_start_discards_session,
        check_v5_zero_session_expiry_ends_session,
        check_v5_disconnect_can_shorten_expiry,
        check_session_takeover,
    ])
