"""Shared helpers for the server integration tests: HTTPS calls and a slixmpp client.

Everything talks to a real Prosody started by server/fixture/impserver.py, over real TLS
that trusts only the fixture's throwaway CA.
"""
import asyncio
import base64
import itertools
import json
import os
import ssl
import sys
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from pathlib import Path

FIXTURE = Path(__file__).resolve().parents[3] / "server" / "fixture"
if str(FIXTURE) not in sys.path:
    sys.path.insert(0, str(FIXTURE))

from impserver import ImpServer, mask_phone  # noqa: E402,F401

import slixmpp  # noqa: E402
from slixmpp.exceptions import IqError, IqTimeout  # noqa: E402,F401

DIR_NS = "urn:imptech:directory:0"
CONSENT_NS = "urn:imptech:consent:0"
STREAMS_NS = "urn:ietf:params:xml:ns:xmpp-streams"
SIGNOUT_TEXT = "your account was signed in on another device"
AGREEMENT_SHA = "c4a3199962dcf474d8691a0f008b6837ee2680368784734e1a9557b7009f728e"

_counter = itertools.count(1)


def unique_phone(prefix="+86139"):
    """A fresh, valid E.164 number per call (13 digits after '+')."""
    return "%s%08d" % (prefix, (os.getpid() * 1000 + next(_counter)) % 10**8)


def unique_ip():
    n = next(_counter) + os.getpid() % 200 * 256
    return "10.%d.%d.%d" % ((n >> 16) % 250 + 1, (n >> 8) % 256, n % 250 + 1)


def new_password():
    return base64.b64encode(os.urandom(32)).decode()


def ssl_context(srv):
    ctx = ssl.create_default_context(cafile=srv.ca_file)
    ctx.check_hostname = True
    ctx.verify_mode = ssl.CERT_REQUIRED
    return ctx


class Api:
    """POST/GET JSON to /signup/v1/ with real HTTPS. Each instance has its own client IP
    (X-Forwarded-For, honoured from the loopback trusted proxy) so tests don't share
    per-IP quotas unless they mean to."""

    def __init__(self, srv, ip=None, version="1.0.0"):
        self.srv = srv
        self.ip = ip or unique_ip()
        self.version = version
        self.ctx = ssl_context(srv)

    def call(self, method, path, body=None, headers=None, raw=None):
        h = {"Content-Type": "application/json", "X-Forwarded-For": self.ip}
        if self.version:
            h["X-IMpTech-Client-Version"] = self.version
        h.update(headers or {})
        data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
        req = urllib.request.Request(self.srv.https_base + "/signup/v1/" + path, data=data,
                                     method=method, headers=h)
        try:
            with urllib.request.urlopen(req, context=self.ctx, timeout=10) as r:
                return r.status, json.loads(r.read() or b"null"), dict(r.headers)
        except urllib.error.HTTPError as e:
            payload = e.read()
            try:
                payload = json.loads(payload)
            except ValueError:
                pass
            return e.code, payload, dict(e.headers)

    def code(self, phone, purpose="account", install_id="install-test", **kw):
        return self.call("POST", "code", {"phone": phone, "purpose": purpose,
                                          "install_id": install_id}, **kw)

    def verify(self, phone, code, password=None, install_id="install-test", consent=None,
               guardian=None, device_id="dev-1", **kw):
        body = {"phone": phone, "code": code, "install_id": install_id,
                "password": password or new_password(),
                "device": {"id": device_id, "name": "Test device", "platform": "linux"},
                "consent": consent or adult_consent()}
        if guardian is not None:
            body["guardian"] = guardian
        return self.call("POST", "verify", body, **kw)


def adult_consent():
    return {"document": "imptech-agreement", "version": 1, "sha256": AGREEMENT_SHA,
            "accepted_at": "2026-11-02T10:00:00Z", "locale": "zh_CN", "app_version": "1.0.0",
            "age_bracket": "adult"}


def minor_consent():
    c = adult_consent()
    c["age_bracket"] = "minor"
    return c


def signup(srv, phone=None, api=None, password=None, expect=201, consent=None, guardian=None):
    """Full signup; returns dict(jid, imptech_id, password, phone)."""
    api = api or Api(srv)
    phone = phone or unique_phone()
    password = password or new_password()
    st, body, _ = api.code(phone)
    assert st == 202, (st, body)
    code = srv.last_code(phone)
    st, body, _ = api.verify(phone, code, password=password, consent=consent, guardian=guardian)
    assert st == expect, (st, body)
    return {"jid": body["jid"], "imptech_id": body["imptech_id"], "password": password,
            "phone": phone}


# ----------------------------------------------------------------------------- XMPP
_LOOP = None


def shared_loop():
    """One asyncio loop for every client in the process, so that all clients make progress
    whenever any of them is driven (slixmpp creates futures on the current loop)."""
    global _LOOP
    if _LOOP is None or _LOOP.is_closed():
        _LOOP = asyncio.new_event_loop()
    asyncio.set_event_loop(_LOOP)
    return _LOOP


class Client:
    """A real slixmpp client on the shared asyncio loop, driven synchronously from tests."""

    def __init__(self, srv, jid, password, direct_tls=False, mech=None):
        self.srv = srv
        self.loop = shared_loop()
        cfg = {}
        if mech:
            cfg["feature_mechanisms"] = {"use_mech": mech}
        self.xmpp = slixmpp.ClientXMPP("%s/test%d" % (jid, next(_counter)), password, plugin_config=cfg)
        self.xmpp.ssl_context = ssl_context(srv)
        self.direct_tls = direct_tls
        self.stream_errors = []
        self.events = []
        self.xmpp.add_event_handler("stream_error", self.stream_errors.append)
        for ev in ("session_start", "failed_auth", "disconnected", "connection_failed"):
            self.xmpp.add_event_handler(ev, (lambda name: lambda *_: self.events.append(name))(ev))

    def run_until(self, names, timeout=10):
        async def wait():
            while not any(n in self.events for n in names):
                await asyncio.sleep(0.02)
        try:
            self.loop.run_until_complete(asyncio.wait_for(wait(), timeout))
        except asyncio.TimeoutError:
            pass
        return [n for n in names if n in self.events]

    def connect(self, timeout=10):
        """Returns True on session_start, False on failed auth/connection."""
        port = self.srv.direct_tls_port if self.direct_tls else self.srv.c2s_port
        self.xmpp.connect(("127.0.0.1", port), use_ssl=self.direct_tls,
                          force_starttls=not self.direct_tls)
        got = self.run_until(["session_start", "failed_auth", "disconnected",
                              "connection_failed"], timeout)
        return "session_start" in got

    def mechanism(self):
        mech = getattr(self.xmpp.plugin["feature_mechanisms"], "mech", None)
        return getattr(mech, "name", None)

    def iq(self, itype, xml, timeout=5):
        """Send <iq type=itype to=domain> with child `xml`; returns the reply child Element,
        or raises IqError (e.iq['error']['condition'])."""
        iq = self.xmpp.make_iq_get(ito=self.srv.domain) if itype == "get" \
            else self.xmpp.make_iq_set(ito=self.srv.domain)
        iq.xml.append(ET.fromstring(xml))
        fut = asyncio.ensure_future(iq.send(timeout=timeout), loop=self.loop)
        reply = self.loop.run_until_complete(fut)
        children = list(reply.xml)
        return children[0] if children else None

    def error_condition(self, itype, xml):
        try:
            self.iq(itype, xml)
        except IqError as e:
            return e.iq["error"]["condition"]
        return None

    def close(self):
        try:
            if "session_start" in self.events and "disconnected" not in self.events:
                self.xmpp.disconnect()
                self.run_until(["disconnected"], 3)
        finally:
            task = getattr(self.xmpp, "_run_out_filters", None)
            if task is not None and not task.done():
                task.cancel()
            self.loop.run_until_complete(asyncio.sleep(0.01))
