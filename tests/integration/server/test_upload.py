"""XEP-0363 HTTP File Upload (Prosody's mod_http_file_share on upload.localhost), over real
XMPP and real HTTPS that trusts only the fixture's CA: discovery, slots, PUT/GET, the size
limit, the slot's size and Authorization, the daily quota and the expiry."""
import asyncio
import base64
import hashlib
import http.client
import json
import os
import socket
import ssl
import unittest
import urllib.parse
import xml.etree.ElementTree as ET
from pathlib import Path

from chathelpers import OnlineTestCase
from imphelpers import IqError, ssl_context

UPLOAD_NS = "urn:xmpp:http:upload:0"
DISCO_INFO = "http://jabber.org/protocol/disco#info"
DISCO_ITEMS = "http://jabber.org/protocol/disco#items"
STANZAS_NS = "urn:ietf:params:xml:ns:xmpp-stanzas"
DAY = 86400


# ----------------------------------------------------------------------------- helpers
def iq_to(client, to, xml, itype="get", timeout=5):
    """<iq type=itype to=to> with child `xml`; the reply's child, or raises IqError."""
    iq = client.xmpp.make_iq_get(ito=to) if itype == "get" else client.xmpp.make_iq_set(ito=to)
    iq.xml.append(ET.fromstring(xml))
    reply = client.loop.run_until_complete(
        asyncio.ensure_future(iq.send(timeout=timeout), loop=client.loop))
    children = list(reply.xml)
    return children[0] if children else None


def slot_xml(filename, size, content_type="application/octet-stream"):
    return ET.tostring(ET.Element("{%s}request" % UPLOAD_NS, {
        "filename": filename, "size": str(size), "content-type": content_type}),
        encoding="unicode")


def request_slot(client, filename, size, content_type="application/octet-stream"):
    """Returns (put_url, put_headers, get_url) of a granted slot."""
    slot = iq_to(client, client.srv.upload_domain, slot_xml(filename, size, content_type))
    assert slot is not None and slot.tag == "{%s}slot" % UPLOAD_NS, slot
    put = slot.find("{%s}put" % UPLOAD_NS)
    get = slot.find("{%s}get" % UPLOAD_NS)
    headers = {h.get("name"): h.text for h in put.iter("{%s}header" % UPLOAD_NS)}
    return put.get("url"), headers, get.get("url")


def slot_error(client, filename, size):
    """(type, condition, error element) of a refused slot request."""
    try:
        request_slot(client, filename, size)
    except IqError as e:
        return e.iq["error"]["type"], e.iq["error"]["condition"], e.iq.xml.find(
            "{jabber:client}error")
    raise AssertionError("slot for %d bytes was granted" % size)


def https(srv, method, url, body=None, headers=None, chunked=False):
    """One HTTPS request to a slot URL, verifying the fixture's CA and the URL's host name.
    Returns (status, body bytes, headers dict with lower-case names)."""
    u = urllib.parse.urlsplit(url)
    assert u.scheme == "https", url
    conn = http.client.HTTPSConnection(u.hostname, u.port, context=ssl_context(srv), timeout=10)
    try:
        h = dict(headers or {})
        if chunked:
            conn.request(method, u.path, body=iter([body[i:i + 700]
                                                    for i in range(0, len(body), 700)]),
                         headers=h, encode_chunked=True)
        else:
            conn.request(method, u.path, body=body, headers=h)
        r = conn.getresponse()
        data = r.read()
        return r.status, data, {k.lower(): v for k, v in r.getheaders()}
    finally:
        conn.close()


def jwt_claims(token):
    payload = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))


class UploadBase(OnlineTestCase):
    def put(self, put_url, headers, data, **kw):
        h = dict(headers)
        h.setdefault("Content-Type", "application/octet-stream")
        return https(self.srv, "PUT", put_url, data, h, **kw)

    def assert_too_large(self, client, size, limit):
        etype, cond, err = slot_error(client, "big.bin", size)
        self.assertEqual((etype, cond), ("modify", "not-acceptable"))
        ftl = err.find("{%s}file-too-large" % UPLOAD_NS)
        self.assertIsNotNone(ftl, ET.tostring(err))
        self.assertEqual(ftl.findtext("{%s}max-file-size" % UPLOAD_NS), str(limit))


# ----------------------------------------------------------------------------- defaults
class Upload(UploadBase):
    """The fixture's defaults: 100 MiB per file, 1 GiB per user and day."""

    def test_service_is_discovered_from_the_domain(self):
        c = self.online()
        items = iq_to(c, self.srv.domain, "<query xmlns='%s'/>" % DISCO_ITEMS)
        jids = {i.get("jid") for i in items.iter("{%s}item" % DISCO_ITEMS)}
        self.assertIn(self.srv.upload_domain, jids)
        info = iq_to(c, self.srv.upload_domain, "<query xmlns='%s'/>" % DISCO_INFO)
        self.assertIn(("store", "file"), {(i.get("category"), i.get("type"))
                                          for i in info.iter("{%s}identity" % DISCO_INFO)})
        self.assertIn(UPLOAD_NS, {f.get("var") for f in info.iter("{%s}feature" % DISCO_INFO)})
        fields = {}
        for x in info.iter("{jabber:x:data}x"):
            vals = {f.get("var"): f.findtext("{jabber:x:data}value")
                    for f in x.iter("{jabber:x:data}field")}
            if vals.get("FORM_TYPE") == UPLOAD_NS:
                fields = vals
        self.assertEqual(fields.get("max-file-size"), str(100 << 20))
        self.assertEqual(self.srv.upload_size_limit, 100 << 20)

    def test_upload_then_another_user_downloads(self):
        alice, bob = self.online(), self.online()
        data = os.urandom(200 * 1024)
        name = "photo 照片.jpg"
        put_url, headers, get_url = request_slot(alice, name, len(data), "image/jpeg")
        # Slots are https on the fixture's HTTPS port under "localhost" (resolvable, in the SAN).
        self.assertTrue(put_url.startswith(self.srv.upload_base), put_url)
        self.assertEqual(urllib.parse.urlsplit(put_url).port, self.srv.https_port)
        self.assertEqual(get_url, put_url)
        self.assertEqual(set(headers), {"Authorization"})
        self.assertTrue(headers["Authorization"].startswith("Bearer "))
        self.assertTrue(urllib.parse.unquote(put_url).endswith("/" + name))
        st, _, _ = self.put(put_url, headers, data)
        self.assertEqual(st, 201)
        # Alice sends the URL; Bob (another account, no credentials on the GET) fetches it.
        alice.say(bob.bare, get_url)
        self.assertTrue(bob.wait_for(lambda: bob.messages))
        self.assertEqual(bob.messages[-1][:2], (alice.bare, get_url))
        st, body, h = https(self.srv, "GET", bob.messages[-1][1])
        self.assertEqual(st, 200)
        self.assertEqual(hashlib.sha256(body).hexdigest(), hashlib.sha256(data).hexdigest())
        self.assertEqual(h["content-type"], "image/jpeg")
        self.assertEqual(int(h["content-length"]), len(data))
        self.assertEqual(h["x-content-type-options"], "nosniff")
        # An uploaded file is never replaced, even with the slot's own token.
        st, _, _ = self.put(put_url, headers, os.urandom(len(data)))
        self.assertEqual(st, 409)
        st, body, _ = https(self.srv, "GET", get_url)
        self.assertEqual(hashlib.sha256(body).digest(), hashlib.sha256(data).digest())
        # Resumed download (Range from the middle to the end).
        st, tail, h = https(self.srv, "GET", get_url, headers={"Range": "bytes=1000-"})
        self.assertEqual((st, tail), (206, data[1000:]))
        # Unknown slot.
        st, _, _ = https(self.srv, "GET", self.srv.upload_base + "no-such-slot/x.jpg")
        self.assertEqual(st, 404)

    def test_file_above_limit_is_refused_at_slot_request(self):
        c = self.online()
        self.assert_too_large(c, (100 << 20) + 1, 100 << 20)
        put_url, _, _ = request_slot(c, "exactly-the-limit.mp4", 100 << 20, "video/mp4")
        self.assertTrue(put_url.startswith(self.srv.upload_base))

    def test_put_must_match_the_declared_size(self):
        c = self.online()
        data = os.urandom(1000)
        put_url, headers, get_url = request_slot(c, "doc.pdf", len(data), "application/pdf")
        st, _, _ = self.put(put_url, headers, data + b"x")            # Content-Length too big
        self.assertEqual(st, 413)
        st, _, _ = self.put(put_url, headers, data * 3, chunked=True)  # no length, streamed
        self.assertEqual(st, 413)
        st, _, _ = self.put(put_url, headers, data[:-1])               # too short
        self.assertEqual(st, 413)
        self.assertEqual(https(self.srv, "GET", get_url)[0], 410)      # nothing stored
        st, _, _ = self.put(put_url, headers, data)                    # a retry still works
        self.assertEqual(st, 201)
        st, body, _ = https(self.srv, "GET", get_url)
        self.assertEqual((st, body), (200, data))

    def test_put_needs_the_slots_authorization(self):
        c = self.online()
        data = os.urandom(500)
        put_url, headers, get_url = request_slot(c, "voice.ogg", len(data), "audio/ogg")
        _, other_headers, _ = request_slot(c, "other.ogg", len(data), "audio/ogg")
        st, _, h = self.put(put_url, {}, data)
        self.assertEqual(st, 401)
        self.assertEqual(h.get("www-authenticate"), "Bearer")
        token = headers["Authorization"][len("Bearer "):]
        forged = token[:-4] + ("AAAA" if not token.endswith("AAAA") else "BBBB")
        st, _, _ = self.put(put_url, {"Authorization": "Bearer " + forged}, data)
        self.assertEqual(st, 401)
        st, _, _ = self.put(put_url, {"Authorization": token}, data)     # not "Bearer ..."
        self.assertEqual(st, 401)
        st, _, _ = self.put(put_url, other_headers, data)                # another slot's token
        self.assertEqual(st, 400)
        self.assertEqual(https(self.srv, "GET", get_url)[0], 410)
        st, _, _ = self.put(put_url, headers, data)
        self.assertEqual(st, 201)
        self.assertEqual(https(self.srv, "GET", get_url)[1], data)

    def test_expiry_is_the_archives_plus_a_day(self):
        c = self.online()
        _, headers, _ = request_slot(c, "a.bin", 10)
        claims = jwt_claims(headers["Authorization"][len("Bearer "):])
        self.assertEqual(claims["sub"], c.bare)
        self.assertEqual(claims["exp"] - claims["iat"], 300)              # PUT token: 5 min
        self.assertEqual(claims["expires"] - claims["iat"], 366 * DAY)    # the file
        config = Path(self.srv.config_file).read_text()
        self.assertIn('archive_expires_after = "365d"', config)
        self.assertIn('http_file_share_access = { "localhost" }', config)

    def test_only_https(self):
        # The plain-HTTP listener is off: slots (and the signup API) are never served in clear.
        with self.assertRaises(ConnectionRefusedError):
            socket.create_connection(("127.0.0.1", self.srv.http_port), timeout=2).close()
        self.assertIsNone(self.srv.info()["http_port"])
        # And the HTTPS side verifies as "localhost" against the fixture CA only.
        u = urllib.parse.urlsplit(self.srv.upload_base)
        with socket.create_connection(("127.0.0.1", u.port), timeout=5) as raw:
            with ssl_context(self.srv).wrap_socket(raw, server_hostname=u.hostname) as tls:
                sans = {v for k, v in tls.getpeercert()["subjectAltName"]}
        self.assertTrue({"localhost", "upload.localhost"} <= sans, sans)
        with socket.create_connection(("127.0.0.1", u.port), timeout=5) as raw:
            with self.assertRaises(ssl.SSLCertVerificationError):
                ssl.create_default_context().wrap_socket(raw, server_hostname=u.hostname)


# ----------------------------------------------------------------------------- tiny limits
class UploadTinyLimits(UploadBase):
    """A server started with a 4 KiB file limit and a 10 000-byte daily quota."""
    LIMIT, QUOTA = 4096, 10000
    server_options = {"upload_size_limit": LIMIT, "upload_daily_quota": QUOTA}

    def test_limit_comes_from_the_fixture(self):
        c = self.online()
        self.assertEqual(self.srv.upload_size_limit, self.LIMIT)
        info = iq_to(c, self.srv.upload_domain, "<query xmlns='%s'/>" % DISCO_INFO)
        values = {f.get("var"): f.findtext("{jabber:x:data}value")
                  for f in info.iter("{jabber:x:data}field")}
        self.assertEqual(values.get("max-file-size"), str(self.LIMIT))
        self.assert_too_large(c, self.LIMIT + 1, self.LIMIT)
        # Bigger bytes than the limit cannot get through a smaller slot either.
        put_url, headers, _ = request_slot(c, "small.bin", 100)
        st, _, _ = self.put(put_url, headers, os.urandom(self.LIMIT + 1))
        self.assertEqual(st, 413)

    def test_daily_quota(self):
        a, b = self.online(), self.online()
        for _ in range(2):
            request_slot(a, "f.bin", self.LIMIT)                         # 8192 of 10000
        etype, cond, _ = slot_error(a, "f.bin", self.LIMIT)
        self.assertEqual((etype, cond), ("wait", "resource-constraint"))
        # What is left of the quota can still be used, to the byte; then nothing.
        rest = self.QUOTA - 2 * self.LIMIT
        put_url, headers, get_url = request_slot(a, "rest.bin", rest)
        data = os.urandom(rest)
        self.assertEqual(self.put(put_url, headers, data)[0], 201)
        self.assertEqual(https(self.srv, "GET", get_url)[1], data)
        self.assertEqual(slot_error(a, "one-more.bin", 1)[1], "resource-constraint")
        # The quota is per user: another account is unaffected.
        put_url, headers, _ = request_slot(b, "f.bin", self.LIMIT)
        self.assertEqual(self.put(put_url, headers, os.urandom(self.LIMIT))[0], 201)


if __name__ == "__main__":
    unittest.main()
