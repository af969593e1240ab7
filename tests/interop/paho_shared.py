"""paho-mqtt 5.0: shared subscriptions ($share/GROUP/FILTER). Each message goes to exactly
one member of a group, every member gets some, and ordinary subscribers and other groups
still get every message."""

import runner
from paho_client import Barrier, Paho, describe
from runner import expect, expect_equal, v5_only

COUNT = 40


def members(ctx, group, flt, count, qos=1):
    out = []
    for i in range(count):
        m = Paho(ctx, "%s-m%d" % (group, i))
        m.connect()
        m.subscribe("$share/%s/%s" % (group, flt), qos=qos)
        out.append(m)
    return out


def collect_group(group, barrier):
    """What each member got before the barrier (sent to each member directly)."""
    return [[int(m.payload) for m in got] for got in barrier.before_all(*group)]


@v5_only
def check_each_message_once_across_group(ctx):
    group = members(ctx, "g", ctx.topic("t"), 2)
    barrier = Barrier(ctx)
    barrier.join(*group)
    pub = Paho(ctx, "pub")
    pub.connect()
    for i in range(COUNT):
        pub.publish(ctx.topic("t"), b"%d" % i, qos=1)
    per_member = collect_group(group, barrier)
    everything = sorted(sum(per_member, []))
    expect_equal(everything, list(range(COUNT)), "each of %d messages exactly once across the group" % COUNT)
    expect(all(per_member), "every member gets some messages", "both non-empty", [len(p) for p in per_member])
    for got in per_member:
        expect_equal(got, sorted(got), "a member gets its share in publish order")
    for c in group + [pub]:
        c.disconnect()


@v5_only
def check_groups_and_plain_subscribers_each_get_all(ctx):
    g1 = members(ctx, "g1", ctx.topic("t/#"), 2, qos=2)
    g2 = members(ctx, "g2", ctx.topic("t/+"), 3, qos=0)
    plain = Paho(ctx, "plain")
    plain.connect()
    plain.subscribe(ctx.topic("t/+"), qos=1)
    barrier = Barrier(ctx)
    barrier.join(*g1, *g2, plain)
    pub = Paho(ctx, "pub")
    pub.connect()
    for i in range(COUNT):
        pub.publish(ctx.topic("t/x"), b"%d" % i, qos=2)
    got = collect_group(g1 + g2 + [plain], barrier)
    g1_got, g2_got, plain_got = got[:2], got[2:5], got[5]
    expect_equal(sorted(sum(g1_got, [])), list(range(COUNT)), "group g1 (QoS 2): every message once")
    expect_equal(sorted(sum(g2_got, [])), list(range(COUNT)), "group g2 (QoS 0): every message once")
    expect_equal(plain_got, list(range(COUNT)), "a plain subscriber: every message, in order")
    for c in g1 + g2 + [plain, pub]:
        c.disconnect()


@v5_only
def check_member_leaving_gets_nothing_more(ctx):
    group = members(ctx, "g", ctx.topic("t"), 2)
    group[1].unsubscribe("$share/g/%s" % ctx.topic("t"))
    barrier = Barrier(ctx)
    barrier.join(*group)
    pub = Paho(ctx, "pub")
    pub.connect()
    for i in range(10):
        pub.publish(ctx.topic("t"), b"%d" % i, qos=1)
    stayed, left = barrier.before_all(*group)
    expect_equal([int(m.payload) for m in stayed], list(range(10)), "the remaining member gets all")
    expect_equal(describe(left), [], "the member that unsubscribed gets none")
    for c in group + [pub]:
        c.disconnect()


if __name__ == "__main__":
    runner.main([
        check_each_message_once_across_group,
        check_groups_and_plain_subscribers_each_get_all,
        check_member_leaving_gets_nothing_more,
    ])
