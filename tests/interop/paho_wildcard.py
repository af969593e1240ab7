"""paho-mqtt: wildcard subscriptions. One subscriber per filter; each gets exactly the
topics the filter matches (MQTT 3.1.1 section 4.7, 5.0 section 4.7), in publish order."""

import runner
from paho_client import Barrier, Paho
from runner import expect_equal

# Relative to the check's topic prefix P: "+" and "#" are expanded below.
FILTERS = ["a/+/temp", "a/#", "a/b/#", "a/+", "a/b/temp", "a/+/+/+", "a/+/#"]
TOPICS = ["a", "a/b", "a/b/temp", "a/c/temp", "a/b/c/d", "a//temp", "a/b/c", "a/b/temp/x", "b/b/temp"]


def matches(filter_levels, topic_levels):
    """The reference matcher, from the specification's rules."""
    for i, level in enumerate(filter_levels):
        if level == "#":
            return True
        if i >= len(topic_levels):
            return False
        if level != "+" and level != topic_levels[i]:
            return False
    return len(filter_levels) == len(topic_levels)


def check_single_and_multi_level_wildcards(ctx):
    prefix = ctx.topic()
    subs = []
    for i, flt in enumerate(FILTERS):
        s = Paho(ctx, "sub%d" % i)
        s.connect()
        s.subscribe(prefix + "/" + flt, qos=1)
        subs.append(s)
    barrier = Barrier(ctx)
    barrier.join(*subs)
    pub = Paho(ctx, "pub")
    pub.connect()
    for topic in TOPICS:
        pub.publish(prefix + "/" + topic, topic.encode(), qos=1)
    got = barrier.before_all(*subs)
    for flt, received in zip(FILTERS, got):
        expected = [t for t in TOPICS if matches(flt.split("/"), t.split("/"))]
        expect_equal([m.payload.decode() for m in received], expected, "topics delivered to filter %r" % flt)
        expect_equal(
            [m.topic for m in received], [prefix + "/" + t for t in expected], "topic names as published, for %r" % flt
        )
    for s in subs + [pub]:
        s.disconnect()


def check_hash_matches_parent_level(ctx):
    sub = Paho(ctx, "sub")
    sub.connect()
    sub.subscribe(ctx.topic("p/#"), qos=0)
    barrier = Barrier(ctx)
    barrier.join(sub)
    pub = Paho(ctx, "pub")
    pub.connect()
    pub.publish(ctx.topic("p"), b"parent", qos=1)
    pub.publish(ctx.topic("pp"), b"not a child", qos=1)
    expect_equal([m.payload for m in barrier.before(sub)], [b"parent"], '"p/#" matches "p" itself and not "pp"')
    pub.disconnect()
    sub.disconnect()


def check_dollar_topics_not_matched_by_leading_wildcard(ctx):
    sub = Paho(ctx, "sub")
    sub.connect()
    sub.subscribe("#", qos=0)
    sub.subscribe("+/" + ctx.check, qos=0)
    barrier = Barrier(ctx)
    barrier.join(sub)
    pub = Paho(ctx, "pub")
    pub.connect()
    pub.publish("$it/" + ctx.check, b"dollar", qos=1)
    before = barrier.before(sub)
    leaked = [m.topic for m in before if m.topic.startswith("$")]
    expect_equal(leaked, [], 'topics starting with "$" are not matched by "#" or "+/..." (4.7.2)')
    pub.disconnect()
    sub.disconnect()


if __name__ == "__main__":
    runner.main([
        check_single_and_multi_level_wildcards,
        check_hash_matches_parent_level,
        check_dollar_topics_not_matched_by_leading_wildcard,
    ])
