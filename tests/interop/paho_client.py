"""A blocking face for paho-mqtt 1.6.1: every call waits for its acknowledgement (with a
deadline) so scenarios read top to bottom and never sleep.

    sub = Paho(ctx, "sub")
    sub.connect()
    sub.subscribe(ctx.topic("#"), qos=2)
    pub.publish(ctx.topic("a"), b"x", qos=2)
    [msg] = sub.receive(1)
"""

import queue
import socket
import threading

import paho.mqtt.client as mqtt
from paho.mqtt.packettypes import PacketTypes
from paho.mqtt.properties import Properties
from paho.mqtt.reasoncodes import ReasonCodes
from paho.mqtt.subscribeoptions import SubscribeOptions

from runner import EVENT_TIMEOUT, CheckFailed, expect


def publish_properties(**values):
    """Properties for a 5.0 PUBLISH: publish_properties(ResponseTopic="r", UserProperty=[...])."""
    props = Properties(PacketTypes.PUBLISH)
    for name, value in values.items():
        setattr(props, name, value)
    return props


def connect_properties(**values):
    props = Properties(PacketTypes.CONNECT)
    for name, value in values.items():
        setattr(props, name, value)
    return props


def prop(message, name, default=None):
    """A property of a received message, or default when absent (or under 3.1.1)."""
    props = getattr(message, "properties", None)
    return getattr(props, name, default) if props is not None else default


class Paho:
    def __init__(self, ctx, name, client_id=None):
        self.ctx = ctx
        self.name = name
        self.client_id = client_id if client_id is not None else ctx.client_id(name)
        self.messages = queue.Queue()
        self._acks = {}  # mid -> event, for SUBSCRIBE/UNSUBSCRIBE
        self._results = {}
        self._lock = threading.Lock()
        self._connected = threading.Event()
        self._disconnected = threading.Event()
        self.connack = None  # (session_present, reason code, properties)
        self.disconnect_reason = None
        self.client = None

    # -- connection -------------------------------------------------------------------

    def connect(self, clean=True, session_expiry=None, will=None, keepalive=60, properties=None, expect_rc=0):
        """CONNECT and await CONNACK. will = dict(topic, payload, qos, retain, properties).
        Returns session_present."""
        protocol = mqtt.MQTTv5 if self.ctx.v5 else mqtt.MQTTv311
        if self.ctx.v5:
            self.client = mqtt.Client(client_id=self.client_id, protocol=protocol)
        else:
            self.client = mqtt.Client(client_id=self.client_id, clean_session=clean, protocol=protocol)
        self._install_callbacks()
        if will:
            self.client.will_set(**will)
        self._connected.clear()
        self._disconnected.clear()
        if self.ctx.v5:
            props = properties or connect_properties()
            if session_expiry is not None:
                props.SessionExpiryInterval = session_expiry
            self.client.connect(
                self.ctx.host, self.ctx.port, keepalive, clean_start=clean,
                properties=props if props.json() else None)
        else:
            self.client.connect(self.ctx.host, self.ctx.port, keepalive)
        self.client.loop_start()
        expect(self._connected.wait(EVENT_TIMEOUT), "%s: no CONNACK within %.0f s" % (self.name, EVENT_TIMEOUT))
        session_present, rc, _ = self.connack
        expect(rc == expect_rc, "%s: CONNACK reason code" % self.name, expect_rc, rc)
        return session_present

    def _install_callbacks(self):
        c = self.client

        def on_connect(client, userdata, flags, rc, properties=None):
            self.connack = (flags.get("session present", 0), _code(rc), properties)
            self._connected.set()

        def on_disconnect(client, userdata, rc, properties=None):
            client._thread_terminate = True  # paho 1.6.1 would reconnect on its own
            self.disconnect_reason = _code(rc)
            self._disconnected.set()

        def on_message(client, userdata, message):
            self.messages.put(message)

        def on_ack(client, userdata, mid, result, properties=None):
            with self._lock:
                self._results[mid] = result
                self._acks.setdefault(mid, threading.Event()).set()

        c.on_connect = on_connect
        c.on_disconnect = on_disconnect
        c.on_message = on_message
        c.on_subscribe = on_ack
        c.on_unsubscribe = lambda client, userdata, mid, *rest: on_ack(client, userdata, mid, rest)

    def disconnect(self, reason=None, properties=None):
        """A clean DISCONNECT; reason is a 5.0 reason code number (0 normal, 4 with will)."""
        rc = ReasonCodes(PacketTypes.DISCONNECT, identifier=reason) if reason is not None else None
        self.client.disconnect(reasoncode=rc, properties=properties)
        expect(self._disconnected.wait(EVENT_TIMEOUT), "%s: disconnect did not complete" % self.name)
        self.client.loop_stop()

    def kill(self):
        """Vanish without DISCONNECT: shut the socket down under the network thread (which
        then sees EOF and, told to terminate, neither reconnects nor sends anything)."""
        self.client._thread_terminate = True  # paho 1.6.1: what loop_stop() sets first
        sock = self.client.socket()
        if sock is not None:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        self.client.loop_stop()
        if sock is not None:
            sock.close()

    def go_silent(self):
        """Stop talking (no PINGREQ) but keep the socket open: the keep-alive must expire."""
        self.client.loop_stop()

    def await_disconnect(self, timeout=EVENT_TIMEOUT):
        """Wait for the broker to end the connection; returns the reason code (5.0) or rc."""
        expect(self._disconnected.wait(timeout), "%s: the broker did not disconnect it" % self.name)
        return self.disconnect_reason

    # -- subscribe / publish ----------------------------------------------------------

    def subscribe(self, topic, qos=0, options=None, properties=None):
        """SUBSCRIBE one filter and await SUBACK; returns the granted QoS / reason code."""
        if self.ctx.v5:
            options = options or SubscribeOptions(qos=qos)
            result, mid = self.client.subscribe(topic, options=options, properties=properties)
        else:
            result, mid = self.client.subscribe(topic, qos)
        expect(result == mqtt.MQTT_ERR_SUCCESS, "%s: subscribe not sent (%d)" % (self.name, result))
        granted = self._await_ack(mid, "SUBACK for " + topic)
        code = granted[0]
        return code.value if isinstance(code, ReasonCodes) else code

    def unsubscribe(self, topic):
        result, mid = self.client.unsubscribe(topic)
        expect(result == mqtt.MQTT_ERR_SUCCESS, "%s: unsubscribe not sent" % self.name)
        self._await_ack(mid, "UNSUBACK for " + topic)

    def _await_ack(self, mid, what):
        with self._lock:
            event = self._acks.setdefault(mid, threading.Event())
        expect(event.wait(EVENT_TIMEOUT), "%s: no %s within %.0f s" % (self.name, what, EVENT_TIMEOUT))
        with self._lock:
            del self._acks[mid]
            return self._results.pop(mid)

    def publish(self, topic, payload=b"", qos=0, retain=False, properties=None):
        """PUBLISH and await its PUBACK / PUBCOMP (for QoS 0: until it is written)."""
        info = self.client.publish(topic, payload, qos=qos, retain=retain, properties=properties)
        expect(info.rc == mqtt.MQTT_ERR_SUCCESS, "%s: publish to %r not sent (%d)" % (self.name, topic, info.rc))
        info.wait_for_publish(EVENT_TIMEOUT)
        expect(info.is_published(), "%s: publish to %r (QoS %d) not acknowledged" % (self.name, topic, qos))

    # -- receiving --------------------------------------------------------------------

    def receive(self, count, timeout=EVENT_TIMEOUT, what="messages"):
        """Exactly the next `count` messages, or fail naming what did arrive."""
        got = []
        try:
            for _ in range(count):
                got.append(self.messages.get(timeout=timeout))
        except queue.Empty:
            raise CheckFailed(
                "%s: expected %d %s, got %d: %s" % (self.name, count, what, len(got), describe(got))
            ) from None
        return got

    def receive_until(self, barrier_topic, timeout=EVENT_TIMEOUT):
        """Every message that arrives before the first one on barrier_topic."""
        got = []
        while True:
            try:
                message = self.messages.get(timeout=timeout)
            except queue.Empty:
                raise CheckFailed(
                    "%s: the barrier on %r never arrived; before it came: %s"
                    % (self.name, barrier_topic, describe(got))
                ) from None
            if message.topic == barrier_topic:
                return got
            got.append(message)


def wire_order(messages):
    """Messages in the order their PUBLISH packets arrived. paho hands a QoS 2 message to
    on_message only at PUBREL, after the QoS 1 messages that followed it on the wire; the
    timestamp it takes when it parses each PUBLISH keeps the wire order."""
    return sorted(messages, key=lambda m: m.timestamp)


def describe(messages):
    return [(m.topic, bytes(m.payload[:40]), "q%d" % m.qos, "r%d" % m.retain) for m in messages]


def _code(rc):
    return rc.value if isinstance(rc, ReasonCodes) else rc


class Barrier:
    """Proves the absence of a message without sleeping: a fresh client publishes a marker
    after the event under test; every subscriber sees what the broker sent it before the
    marker and can assert nothing unwanted came before it. The marker travels at QoS 2
    because paho hands a QoS 2 message over only at PUBREL: a QoS 2 marker cannot overtake
    a QoS 2 message sent before it, a QoS 0 or 1 marker can."""

    def __init__(self, ctx, name="barrier"):
        self.ctx = ctx
        self.topic = ctx.topic("zz-" + name)

    def join(self, *subscribers):
        for s in subscribers:
            s.subscribe(self.topic, qos=2)

    def before(self, subscriber):
        """The messages subscriber got before the barrier passed."""
        return self.before_all(subscriber)[0]

    def before_all(self, *subscribers):
        pub = Paho(self.ctx, "barrier-pub")
        pub.connect()
        pub.publish(self.topic, b"barrier", qos=2)
        pub.disconnect()
        return [s.receive_until(self.topic) for s in subscribers]
