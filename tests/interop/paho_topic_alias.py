"""paho-mqtt 5.0: Topic Alias from a publisher. The broker advertises Topic Alias Maximum;
a PUBLISH that sets an alias with its topic, then uses it with an empty topic, reaches the
subscriber on the right topic (which never sees an alias it did not ask for); an alias out
of range or never set is refused with DISCONNECT."""

import runner
from paho_client import Barrier, Paho, prop, publish_properties
from runner import expect, expect_equal, v5_only


def alias_maximum(client):
    return getattr(client.connack[2], "TopicAliasMaximum", 0)


@v5_only
def check_alias_set_then_used(ctx):
    sub = Paho(ctx, "sub")
    sub.connect()
    sub.subscribe(ctx.topic("#"), qos=1)
    pub = Paho(ctx, "pub")
    pub.connect()
    maximum = alias_maximum(pub)
    expect(maximum >= 2, "CONNACK advertises a Topic Alias Maximum of at least 2", ">= 2", maximum)
    steps = [
        (ctx.topic("one"), 1, b"sets alias 1"),
        ("", 1, b"uses alias 1"),
        (ctx.topic("two"), 2, b"sets alias 2"),
        ("", 2, b"uses alias 2"),
        (ctx.topic("three"), 1, b"remaps alias 1"),
        ("", 1, b"uses remapped alias 1"),
        ("", 2, b"alias 2 unchanged"),
    ]
    for topic, alias, payload in steps:
        pub.publish(topic, payload, qos=1, properties=publish_properties(TopicAlias=alias))
    got = sub.receive(len(steps))
    expect_equal(
        [(m.topic, m.payload) for m in got],
        [
            (ctx.topic("one"), b"sets alias 1"),
            (ctx.topic("one"), b"uses alias 1"),
            (ctx.topic("two"), b"sets alias 2"),
            (ctx.topic("two"), b"uses alias 2"),
            (ctx.topic("three"), b"remaps alias 1"),
            (ctx.topic("three"), b"uses remapped alias 1"),
            (ctx.topic("two"), b"alias 2 unchanged"),
        ],
        "each message on the topic its alias stood for",
    )
    leaked = [prop(m, "TopicAlias") for m in got if prop(m, "TopicAlias") is not None]
    expect_equal(leaked, [], "no Topic Alias towards a subscriber that allowed none")
    pub.disconnect()
    sub.disconnect()


@v5_only
def check_aliases_are_per_connection(ctx):
    sub = Paho(ctx, "sub")
    sub.connect()
    barrier = Barrier(ctx)
    barrier.join(sub)
    sub.subscribe(ctx.topic("#"), qos=1)
    a = Paho(ctx, "a")
    a.connect()
    b = Paho(ctx, "b")
    b.connect()
    a.publish(ctx.topic("a"), b"a1", qos=1, properties=publish_properties(TopicAlias=1))
    b.publish(ctx.topic("b"), b"b1", qos=1, properties=publish_properties(TopicAlias=1))
    a.publish("", b"a2", qos=1, properties=publish_properties(TopicAlias=1))
    b.publish("", b"b2", qos=1, properties=publish_properties(TopicAlias=1))
    got = [(m.topic, m.payload) for m in barrier.before(sub)]
    # MQTT orders messages per publisher, not across publishers: at worker_num > 1 the two
    # publishers' messages reach the subscriber's worker on different links.
    for name in ("a", "b"):
        expect_equal(
            [g for g in got if g[0] == ctx.topic(name)],
            [(ctx.topic(name), name.encode() + b"1"), (ctx.topic(name), name.encode() + b"2")],
            "the same alias number on two connections maps to each one's own topic",
        )
    expect_equal(len(got), 4, "four messages, nothing else")
    for c in (a, b, sub):
        c.disconnect()


@v5_only
def check_alias_above_maximum_is_refused(ctx):
    pub = Paho(ctx, "pub")
    pub.connect()
    maximum = alias_maximum(pub)
    pub.client.publish(ctx.topic("x"), b"", qos=0, properties=publish_properties(TopicAlias=maximum + 1))
    pub.await_disconnect()


@v5_only
def check_unknown_alias_is_refused(ctx):
    sub = Paho(ctx, "sub")
    sub.connect()
    barrier = Barrier(ctx)
    barrier.join(sub)
    sub.subscribe(ctx.topic("#"), qos=1)
    pub = Paho(ctx, "pub")
    pub.connect()
    pub.client.publish("", b"alias never set", qos=0, properties=publish_properties(TopicAlias=3))
    pub.await_disconnect()
    expect_equal([m.payload for m in barrier.before(sub)], [], "a PUBLISH with an unknown alias goes nowhere")
    sub.disconnect()


if __name__ == "__main__":
    runner.main([
        check_alias_set_then_used,
        check_aliases_are_per_connection,
        check_alias_above_maximum_is_refused,
        check_unknown_alias_is_refused,
    ])
