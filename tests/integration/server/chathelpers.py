"""Helpers for tests (and bench/) that chat, subscribe and block through a real Prosody.

Builds on imphelpers.Client: an online (available) slixmpp client that records incoming
messages and subscription presences, raw IQs to one's own account, and a reader for the
server's file storage (keyval stores are Lua files; Prosody's own util.json turns them
into JSON so the tests read exactly what the module wrote).
"""
import asyncio
import json
import unittest
import subprocess
import time
import xml.etree.ElementTree as ET
from pathlib import Path

from imphelpers import Api, Client, ImpServer, IqError, minor_consent, signup, unique_phone

PROSODY_LIB = "/usr/lib/prosody"
BLOCKING_NS = "urn:xmpp:blocking"
REPORTING_NS = "urn:xmpp:reporting:1"


def signup_minor(srv):
    """A minors'-mode account: age bracket "minor" plus a guardian's code (see signup docs)."""
    api = Api(srv)
    parent = unique_phone("+86137")
    status, body, _ = api.code(parent, purpose="guardian")
    assert status == 202, (status, body)
    code = srv.last_code(parent, purpose="guardian")
    return signup(srv, api=api, consent=minor_consent(),
                  guardian={"phone": parent, "code": code})


def read_store(srv, store, username):
    """The keyval record `username` of host store `store` (None when absent)."""
    path = Path(srv.data_dir) / "data" / srv.domain / store / (username + ".dat")
    if not path.exists():
        return None
    lua = ("package.path='%s/?.lua;'..package.path; package.cpath='%s/?.so;'..package.cpath;"
           "local f = assert(loadfile(%s, 't', {})); io.write(require'util.json'.encode(f()))"
           % (PROSODY_LIB, PROSODY_LIB, json.dumps(str(path))))
    out = subprocess.run(["lua5.4", "-e", lua], check=True, capture_output=True,
                         text=True).stdout
    return json.loads(out)


class Chatter(Client):
    """An available client: sends initial presence, keeps incoming chat messages and
    subscription presences, and does not auto-answer subscription requests."""

    def __init__(self, srv, account, **kw):
        super().__init__(srv, account["jid"], account["password"], **kw)
        self.account = account
        self.bare = account["jid"]
        self.messages = []        # (from bare JID, body, receive time.time())
        self.errors = []          # message errors (bounces)
        self.presences = []       # (type, from bare JID)
        roster = self.xmpp.roster
        roster.auto_authorize = None
        roster.auto_subscribe = False
        self.xmpp.add_event_handler("message", self._on_message)
        self.xmpp.add_event_handler("message_error", self._on_message)
        for ptype in ("subscribe", "subscribed", "unsubscribe", "unsubscribed"):
            self.xmpp.add_event_handler("presence_" + ptype, self._on_presence)

    def _on_message(self, msg):
        if msg["type"] == "error":
            self.errors.append((msg["from"].bare, msg["error"]["condition"]))
        elif msg["body"]:
            self.messages.append((msg["from"].bare, msg["body"], time.time()))

    def _on_presence(self, pres):
        self.presences.append((pres["type"], pres["from"].bare))

    def connect(self, timeout=10):
        if not super().connect(timeout):
            return False
        self.xmpp.send_presence()
        self.pump(0.2)
        return True

    def pump(self, seconds):
        """Let the shared loop run (every client makes progress)."""
        self.loop.run_until_complete(asyncio.sleep(seconds))

    def wait_for(self, predicate, timeout=5.0):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if predicate():
                return True
            self.pump(0.02)
        return predicate()

    def say(self, to, body):
        self.xmpp.send_message(mto=to, mbody=body, mtype="chat")

    def presence(self, to, ptype):
        self.xmpp.send_presence(pto=to, ptype=ptype)

    def self_iq(self, itype, xml, timeout=5):
        """IQ without 'to' (handled by the account itself, like XEP-0191 blocking)."""
        iq = self.xmpp.make_iq_get() if itype == "get" else self.xmpp.make_iq_set()
        iq.xml.append(ET.fromstring(xml))
        reply = self.loop.run_until_complete(
            asyncio.ensure_future(iq.send(timeout=timeout), loop=self.loop))
        children = list(reply.xml)
        return children[0] if children else None

    def self_iq_error(self, itype, xml):
        try:
            self.self_iq(itype, xml)
        except IqError as e:
            return e.iq["error"]["condition"]
        return None

    def disco_features(self, to):
        iq = self.xmpp.make_iq_get(ito=to)
        iq.xml.append(ET.fromstring("<query xmlns='http://jabber.org/protocol/disco#info'/>"))
        reply = self.loop.run_until_complete(
            asyncio.ensure_future(iq.send(timeout=5), loop=self.loop))
        return {f.get("var") for f in reply.xml.iter(
            "{http://jabber.org/protocol/disco#info}feature")}

    def blocklist(self):
        bl = self.self_iq("get", "<blocklist xmlns='%s'/>" % BLOCKING_NS)
        return {i.get("jid") for i in bl.iter("{%s}item" % BLOCKING_NS)}

    def roster(self):
        """{bare JID: (subscription, ask)} fetched from the server now."""
        iq = self.xmpp.make_iq_get()
        iq.xml.append(ET.fromstring("<query xmlns='jabber:iq:roster'/>"))
        reply = self.loop.run_until_complete(
            asyncio.ensure_future(iq.send(timeout=5), loop=self.loop))
        return {i.get("jid"): (i.get("subscription"), i.get("ask"))
                for i in reply.xml.iter("{jabber:iq:roster}item")}


class OnlineTestCase(unittest.TestCase):
    """One server per test class and online clients that are closed with it. Subclasses set
    `server_options` (ImpServer arguments) and `client_class` (Chatter or a subclass)."""
    server_options = {}
    client_class = Chatter

    @classmethod
    def setUpClass(cls):
        cls.srv = ImpServer(**cls.server_options).start()
        cls.clients = []

    @classmethod
    def tearDownClass(cls):
        for c in cls.clients:
            c.close()
        cls.srv.cleanup()

    def online(self, account=None):
        """A connected client of `account`, or of a new account."""
        c = self.client_class(self.srv, account or signup(self.srv))
        self.clients.append(c)
        self.assertTrue(c.connect())
        return c
