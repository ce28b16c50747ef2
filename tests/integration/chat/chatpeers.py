"""Helpers for the chat integration tests: imptech-cli profiles and slixmpp peers.

Everything runs against a real Prosody (server/fixture/impserver.py) over TLS that trusts only
the fixture's CA. Peers are independent slixmpp clients, each on its own thread and event loop,
so they keep talking while a test waits on an imptech-cli process.
"""
import asyncio
import concurrent.futures
import json
import os
import subprocess
import threading
import time
import uuid
import xml.etree.ElementTree as ET

import slixmpp
from slixmpp.xmlstream.handler import Callback
from slixmpp.xmlstream.matcher import MatchXPath

import imphelpers

CLI = os.environ["IMP_CLI"]
ENV = dict(os.environ, DBUS_SESSION_BUS_ADDRESS="unix:path=/nonexistent",
           IMP_ALLOW_CREDENTIAL_EXPORT="1")

SID = "urn:xmpp:sid:0"
RECEIPTS = "urn:xmpp:receipts"
MARKERS = "urn:xmpp:chat-markers:0"
RETRACT = "urn:xmpp:message-retract:1"
CHATSTATES = "http://jabber.org/protocol/chatstates"


class Profile:
    """One imptech-cli profile folder with a registered account."""

    _n = 0

    def __init__(self, srv, data_dir, phone=None):
        self.srv = srv
        self.dir = data_dir
        Profile._n += 1
        self.phone = phone or imphelpers.unique_phone("+86137")
        self.jid = None
        self.imptech_id = None

    def args(self, *args):
        return [CLI, "--data-dir", self.dir, "--server", f"localhost:{self.srv.https_port}",
                "--ca-file", str(self.srv.ca_file), *args]

    def run(self, *args, stdin=None, timeout=120, check=True):
        r = subprocess.run(self.args(*args), input=stdin, capture_output=True, text=True,
                           timeout=timeout, env=ENV)
        if check and r.returncode != 0:
            raise AssertionError("imptech-cli %s failed (%d): %s" % (args[0], r.returncode,
                                                                      r.stderr[-2000:]))
        return r

    def popen(self, *args, stdin=subprocess.DEVNULL, preexec_fn=None):
        return subprocess.Popen(self.args(*args), stdin=stdin, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True, env=ENV, bufsize=1,
                                preexec_fn=preexec_fn)

    def register(self):
        self.run("agree", "--birth-date", "1990-05-17", "--yes")
        sent_before = self.codes_sent()
        proc = subprocess.Popen(self.args("signup", self.phone[3:]), stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                env=ENV)
        # The number may have signed up before (a new phone): wait for this sign-up's code.
        deadline = time.time() + 10
        while self.codes_sent() == sent_before and time.time() < deadline:
            time.sleep(0.05)
        code = self.srv.last_code(self.phone, timeout=1)
        out, err = proc.communicate(code + "\n", timeout=60)
        assert proc.returncode == 0, err
        for line in out.splitlines():
            if line.startswith("jid: "):
                self.jid = line.split(": ", 1)[1]
            if line.startswith("imptech-id: "):
                self.imptech_id = line.split(": ", 1)[1]
        assert self.jid, out
        return self

    def codes_sent(self):
        return sum(1 for p, _, purpose in self.srv.sms_lines()
                   if p == self.phone and purpose == "account")

    def history(self, peer, limit=100000):
        r = self.run("history", peer, "--limit", str(limit), "--wait", "30")
        return [json.loads(l) for l in r.stdout.splitlines() if l.startswith("{")]

    def credentials(self):
        r = self.run("credentials")
        return json.loads(r.stdout.splitlines()[-1])


class Listener:
    """`imptech-cli listen` in the background, collecting its JSON lines."""

    def __init__(self, profile, *extra, preexec_fn=None):
        self.proc = profile.popen("listen", "--wait", "30", *extra, preexec_fn=preexec_fn)
        self.messages = []
        self.ready = threading.Event()
        self._out = threading.Thread(target=self._read_out, daemon=True)
        self._err = threading.Thread(target=self._read_err, daemon=True)
        self._out.start()
        self._err.start()
        self.stderr = []

    def _read_out(self):
        for line in self.proc.stdout:
            if line.startswith("{"):
                self.messages.append(json.loads(line))

    def _read_err(self):
        for line in self.proc.stderr:
            self.stderr.append(line)
            if line.strip() == "ready":
                self.ready.set()

    def wait_ready(self, timeout=30):
        assert self.ready.wait(timeout), "listener never came online: %s" % "".join(self.stderr)

    def wait_count(self, n, timeout=60):
        end = time.time() + timeout
        while len(self.messages) < n and time.time() < end and self.proc.poll() is None:
            time.sleep(0.05)
        return len(self.messages) >= n

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        self._out.join(5)


class Bot:
    """A slixmpp peer on its own thread. Records every message and presence it receives, sends
    receipts when asked (XEP-0184), and answers friend requests only when told to."""

    def __init__(self, srv, jid, password, resource=None):
        self.srv = srv
        self.jid = jid
        self.messages = []   # dicts: from, body, id, origin_id, received, displayed, retract, ...
        self.presences = []  # dicts: from, type, status
        self.sessions = 0
        self.auto_receipts = True
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        full = "%s/%s" % (jid, resource or "bot%d" % int(time.time() * 1000 % 100000))
        self.xmpp = self.call(self._make, full, password)

    async def _make(self, full, password):
        x = slixmpp.ClientXMPP(full, password)
        x.ssl_context = imphelpers.ssl_context(self.srv)
        x.register_plugin("xep_0030")
        x.register_plugin("xep_0199")
        x.register_plugin("xep_0280")
        x.roster.auto_authorize = None  # neither accept nor refuse: the test decides
        x.roster.auto_subscribe = False
        x.add_event_handler("session_start", self._session)
        # slixmpp's "message" event skips messages without a body (receipts, markers,
        # retractions): take every <message/> from the stream instead.
        x.register_handler(Callback("every message", MatchXPath("{jabber:client}message"),
                                    self._message))
        for t in ("subscribe", "subscribed", "unsubscribe", "unsubscribed"):
            x.add_event_handler("presence_" + t, self._presence)
        return x

    def call(self, coro_fn, *args, timeout=30):
        fut = asyncio.run_coroutine_threadsafe(coro_fn(*args), self.loop)
        return fut.result(timeout)

    def later(self, fn, *args):
        self.loop.call_soon_threadsafe(fn, *args)

    async def _session(self, _):
        self.xmpp.send_presence()
        try:
            await self.xmpp.get_roster()
        except Exception:  # noqa: BLE001 - the roster is not what these tests check
            pass
        self.sessions += 1

    def _message(self, msg):
        x = msg.xml
        rec = {"from": str(msg["from"]), "to": str(msg["to"]), "type": msg["type"],
               "body": msg["body"], "id": msg["id"], "time": time.time()}
        oid = x.find("{%s}origin-id" % SID)
        rec["origin_id"] = oid.get("id") if oid is not None else None
        got = x.find("{%s}received" % RECEIPTS)
        rec["received"] = got.get("id") if got is not None else None
        shown = x.find("{%s}displayed" % MARKERS)
        rec["displayed"] = shown.get("id") if shown is not None else None
        ret = x.find("{%s}retract" % RETRACT)
        rec["retract"] = ret.get("id") if ret is not None else None
        rec["composing"] = x.find("{%s}composing" % CHATSTATES) is not None
        rec["xml"] = x
        self.messages.append(rec)
        if self.auto_receipts and x.find("{%s}request" % RECEIPTS) is not None and msg["id"]:
            reply = self.xmpp.make_message(mto=msg["from"], mtype="chat")
            reply.xml.append(ET.Element("{%s}received" % RECEIPTS, id=msg["id"]))
            reply.send()

    def _presence(self, p):
        self.presences.append({"from": str(p["from"].bare), "type": p["type"],
                               "status": p["status"]})

    def connect(self, timeout=15):
        before = self.sessions

        async def go():
            self.xmpp.connect(("127.0.0.1", self.srv.c2s_port), force_starttls=True)
        self.call(go)
        return self.wait(lambda: self.sessions > before, timeout)

    def disconnect(self):
        async def go():
            self.xmpp.disconnect()
            await asyncio.sleep(0.2)
        try:
            self.call(go)
        finally:
            self.loop.call_soon_threadsafe(self.loop.stop)

    def drain(self, timeout=60):
        """Returns once the server has processed everything this bot sent (a ping round trip
        after the queued sends)."""
        async def go():
            await self.xmpp.plugin["xep_0199"].send_ping(self.srv.domain, timeout=timeout)
        self.call(go, timeout=timeout + 5)

    def wait(self, predicate, timeout=30):
        end = time.time() + timeout
        while time.time() < end:
            if predicate():
                return True
            time.sleep(0.02)
        return predicate()

    def send(self, to, body, origin_id=None, receipt=True, markable=True):
        origin_id = origin_id or str(uuid.uuid4())

        def go():
            m = self.xmpp.make_message(mto=to, mbody=body, mtype="chat")
            m["id"] = origin_id
            m.xml.append(ET.Element("{%s}origin-id" % SID, id=origin_id))
            if receipt:
                m.xml.append(ET.Element("{%s}request" % RECEIPTS))
            if markable:
                m.xml.append(ET.Element("{%s}markable" % MARKERS))
            m.send()
        self.later(go)
        return origin_id

    def send_raw(self, to, children):
        def go():
            m = self.xmpp.make_message(mto=to, mtype="chat")
            m["id"] = str(uuid.uuid4())
            for c in children:
                m.xml.append(c)
            m.send()
        self.later(go)

    def displayed(self, to, message_id):
        self.send_raw(to, [ET.Element("{%s}displayed" % MARKERS, id=message_id)])

    def retract(self, to, origin_id):
        self.send_raw(to, [ET.Element("{%s}retract" % RETRACT, id=origin_id),
                           ET.Element("{urn:xmpp:hints}store")])

    def presence(self, to, ptype, status=None):
        def go():
            self.xmpp.send_presence(pto=to, ptype=ptype, pstatus=status)
        self.later(go)

    def bodies_from(self, jid):
        return [m for m in self.messages if m["body"] and m["from"].split("/")[0] == jid]


def make_friends(profile, bot):
    """profile adds bot by IMpTech ID; bot accepts and asks back; profile's pending request
    answers the counter-request by itself (we asked first)."""
    r = profile.run("add", bot.imptech_id, "--greeting", "hi")
    assert json.loads(r.stdout.splitlines()[-1])["jid"] == bot.jid
    assert bot.wait(lambda: any(p["type"] == "subscribe" for p in bot.presences), 10)
    bot.presence(profile.jid, "subscribed")
    bot.presence(profile.jid, "subscribe")
    profile.run("sync")


def profile_bytes(data_dir):
    blob = b""
    for root, _, files in os.walk(data_dir):
        for f in files:
            with open(os.path.join(root, f), "rb") as fh:
                blob += fh.read()
    return blob
