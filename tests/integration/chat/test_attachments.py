"""Voice notes, photos and files end to end: imptech-cli against a real Prosody with
mod_http_file_share (XEP-0363), slixmpp bots as peers that upload and download over the same
TLS. Each test states what a user would lose if it broke."""
import hashlib
import json
import os
import shutil
import struct
import subprocess
import tempfile
import time
import unittest
import urllib.error
import urllib.request
import uuid
import wave
import xml.etree.ElementTree as ET

from impserver import ImpServer
import imphelpers
from chatpeers import Profile, make_friends, profile_bytes
from test_chat import new_bot

OOB = "jabber:x:oob"
SFS = "urn:xmpp:sfs:0"
FILE_META = "urn:xmpp:file:metadata:0"
HASHES = "urn:xmpp:hashes:2"
UPLOAD = "urn:xmpp:http:upload:0"


def speech_wav(path, text="你好，这是一条 IMpTech 语音消息，测试一二三四五。"):
    """A spoken sentence, as a person would record it: espeak-ng, then sox to 16 kHz mono."""
    raw = path + ".raw.wav"
    subprocess.run(["espeak-ng", "-v", "cmn", "-w", raw, text], check=True, capture_output=True)
    subprocess.run(["sox", raw, "-r", "16000", "-c", "1", "-b", "16", path], check=True,
                   capture_output=True)
    os.remove(raw)
    with wave.open(path) as w:
        return w.getnframes() / w.getframerate()


def ogg_opus_seconds(data):
    """The length of an Ogg/Opus stream from its headers and last granule position."""
    assert data[:4] == b"OggS", "not an Ogg stream"
    head = data.find(b"OpusHead")
    assert head > 0, "no OpusHead"
    pre_skip = struct.unpack_from("<H", data, head + 10)[0]
    last = data.rfind(b"OggS")
    granule = struct.unpack_from("<q", data, last + 6)[0]
    return (granule - pre_skip) / 48000.0


def write_png(path, width, height):
    """A real PNG, made here (no image tool needed)."""
    import zlib
    rows = b"".join(b"\x00" + bytes([y * 5 % 256, 80, 255 - y * 5 % 256]) * width
                    for y in range(height))

    def chunk(tag, data):
        return (struct.pack(">I", len(data)) + tag + data +
                struct.pack(">I", zlib.crc32(tag + data) & 0xffffffff))
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" +
                chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)) +
                chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def https_get(srv, url):
    with urllib.request.urlopen(url, context=imphelpers.ssl_context(srv), timeout=30) as r:
        return r.read()


def bot_upload(srv, bot, data, filename, content_type):
    """The bot asks our server's upload service for a slot and PUTs the bytes, as any XMPP
    client does. Returns the GET URL."""
    async def slot():
        iq = bot.xmpp.make_iq_get(ito="upload." + srv.domain)
        req = ET.SubElement(iq.xml, "{%s}request" % UPLOAD, filename=filename,
                            size=str(len(data)))
        req.set("content-type", content_type)
        return await iq.send(timeout=15)
    reply = bot.call(slot)
    s = reply.xml.find("{%s}slot" % UPLOAD)
    put = s.find("{%s}put" % UPLOAD)
    headers = {h.get("name"): h.text for h in put.findall("{%s}header" % UPLOAD)}
    headers["Content-Type"] = content_type
    req = urllib.request.Request(put.get("url"), data=data, method="PUT", headers=headers)
    urllib.request.urlopen(req, context=imphelpers.ssl_context(srv), timeout=30).read()
    return s.find("{%s}get" % UPLOAD).get("url")


def send_like_conversations(bot, to, url):
    """A voice note the way Conversations sends one: the URL as the body and in OOB only."""
    def go():
        m = bot.xmpp.make_message(mto=to, mbody=url, mtype="chat")
        m["id"] = str(uuid.uuid4())
        x = ET.SubElement(m.xml, "{%s}x" % OOB)
        ET.SubElement(x, "{%s}url" % OOB).text = url
        m.send()
    bot.later(go)


def oob_url(msg):
    x = msg["xml"].find("{%s}x/{%s}url" % (OOB, OOB))
    return x.text if x is not None else None


def declared_sha256(msg):
    h = msg["xml"].find(".//{%s}file/{%s}hash" % (FILE_META, HASHES))
    import base64
    return base64.b64decode(h.text).hex() if h is not None else None


def attachment_messages(bot, jid):
    return [m for m in bot.messages if m["from"].split("/")[0] == jid and oob_url(m)]


class AttachmentTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = ImpServer(resend_interval=1, quota_per_ip=1000, verify_quota_per_ip=1000,
                            quota_per_install=1000).start()

    @classmethod
    def tearDownClass(cls):
        cls.srv.stop()
        cls.srv.cleanup()

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.work = tempfile.TemporaryDirectory()
        self.me = Profile(self.srv, self.tmp.name).register()
        self.bob = new_bot(self.srv)
        make_friends(self.me, self.bob)

    def tearDown(self):
        self.bob.disconnect()
        self.tmp.cleanup()
        self.work.cleanup()

    def path(self, name):
        return os.path.join(self.work.name, name)

    def test_voice_note_from_speech_reaches_a_plain_xmpp_client(self):
        wav = self.path("hello.wav")
        seconds = speech_wav(wav)
        self.assertGreater(seconds, 2.0)
        self.me.run("send-voice", self.bob.jid, wav)
        self.assertTrue(self.bob.wait(lambda: attachment_messages(self.bob, self.me.jid), 20))
        msg = attachment_messages(self.bob, self.me.jid)[0]
        url = oob_url(msg)
        self.assertEqual(msg["body"], url, "clients without OOB see the link")
        data = https_get(self.srv, url)
        self.assertEqual(hashlib.sha256(data).hexdigest(), declared_sha256(msg))
        # Opus in Ogg, about as long as what was said, at a voice bitrate.
        self.assertAlmostEqual(ogg_opus_seconds(data), seconds, delta=0.15)
        self.assertLess(len(data) / seconds, 6000, "bytes per second of audio")
        meta = msg["xml"].find(".//{%s}file" % FILE_META)
        self.assertEqual(meta.find("{%s}media-type" % FILE_META).text, "audio/ogg")
        self.assertAlmostEqual(int(meta.find("{%s}length" % FILE_META).text) / 1000, seconds,
                               delta=0.15)
        hist = [h for h in self.me.history(self.bob.jid) if "attachment" in h]
        self.assertEqual(len(hist), 1)
        self.assertEqual(hist[0]["attachment"]["kind"], "voice")
        self.assertEqual(hist[0]["attachment"]["state"], "ready")
        self.assertGreaterEqual(hist[0]["state"], 1, "sent")

    def test_voice_the_way_conversations_and_we_send_it_shows_and_saves(self):
        # An .m4a (AAC) from a Conversations-like peer, and an Ogg/Opus one made as we make them.
        m4a = self.path("conv.m4a")
        subprocess.run(["gst-launch-1.0", "-q", "audiotestsrc", "num-buffers=100", "!",
                        "audioconvert", "!", "avenc_aac", "!", "mp4mux", "!", "filesink",
                        "location=" + m4a], check=True, capture_output=True)
        m4a_bytes = open(m4a, "rb").read()
        url = bot_upload(self.srv, self.bob, m4a_bytes, "voice-2026.m4a", "audio/mp4")
        send_like_conversations(self.bob, self.me.jid, url)
        hist = self.wait_attachment_ready()
        self.assertEqual(hist["attachment"]["kind"], "voice")
        self.assertEqual(hist["body"], "", "the URL is not shown as text")
        out = self.path("saved.m4a")
        self.me.run("save", self.bob.jid, hist["id"], out)
        self.assertEqual(open(out, "rb").read(), m4a_bytes)

    def wait_attachment_ready(self, count=1, timeout=30):
        end = time.time() + timeout
        while True:
            self.me.run("sync")
            hist = [h for h in self.me.history(self.bob.jid) if "attachment" in h
                    and h["direction"] == "in"]
            if len(hist) >= count and hist[count - 1]["attachment"]["state"] != "remote":
                return hist[count - 1]
            if time.time() > end:
                self.fail("attachment not fetched: %s" % hist)
            time.sleep(0.5)

    def test_photo_and_file_both_ways_with_hash_checked(self):
        png = self.path("sunset.png")
        write_png(png, 64, 48)
        self.me.run("send-file", self.bob.jid, png)
        pdf = self.path("年度报告.pdf")
        open(pdf, "wb").write(b"%PDF-1.4\n" + os.urandom(200000) + b"\n%%EOF\n")
        self.me.run("send-file", self.bob.jid, pdf)
        self.assertTrue(self.bob.wait(lambda: len(attachment_messages(self.bob, self.me.jid)) >= 2,
                                      30))
        photo, doc = attachment_messages(self.bob, self.me.jid)[:2]
        for msg, path in ((photo, png), (doc, pdf)):
            data = https_get(self.srv, oob_url(msg))
            self.assertEqual(data, open(path, "rb").read())
            self.assertEqual(hashlib.sha256(data).hexdigest(), declared_sha256(msg))
        meta = doc["xml"].find(".//{%s}file" % FILE_META)
        self.assertEqual(meta.find("{%s}name" % FILE_META).text, "年度报告.pdf")
        self.assertEqual(meta.find("{%s}media-type" % FILE_META).text, "application/pdf")
        kinds = [h["attachment"]["kind"] for h in self.me.history(self.bob.jid)
                 if "attachment" in h]
        self.assertEqual(kinds, ["image", "file"])

        # The other way: Bob sends a file; we fetch it when asked and save it intact.
        payload = os.urandom(300000)
        url = bot_upload(self.srv, self.bob, payload, "data.bin", "application/octet-stream")
        send_like_conversations(self.bob, self.me.jid, url)
        self.assertTrue(self.wait_in(lambda h: "attachment" in h and h["direction"] == "in"))
        incoming = [h for h in self.me.history(self.bob.jid)
                    if "attachment" in h and h["direction"] == "in"][-1]
        self.assertEqual(incoming["attachment"]["kind"], "file")
        self.assertEqual(incoming["attachment"]["state"], "remote", "files wait for a tap")
        out = self.path("out.bin")
        self.me.run("save", self.bob.jid, incoming["id"], out)
        self.assertEqual(open(out, "rb").read(), payload)

    def wait_in(self, predicate, timeout=30):
        end = time.time() + timeout
        while time.time() < end:
            self.me.run("sync")
            if any(predicate(h) for h in self.me.history(self.bob.jid)):
                return True
            time.sleep(0.5)
        return False

    def test_hostile_urls_fetch_nothing_and_say_why(self):
        # Not https, this machine, a private network, and a size beyond any limit.
        fetched = []
        for url in ("http://example.com/a.ogg", "https://127.0.0.1:1/x.ogg",
                    "https://10.1.2.3/x.ogg", "https://[::1]/x.ogg"):
            send_like_conversations(self.bob, self.me.jid, url)
        self.bob.drain()
        self.me.run("sync")
        hist = self.me.history(self.bob.jid)
        voice = [h for h in hist if "attachment" in h]
        # The http:// one is plain text (a link), the others are attachments that failed.
        self.assertIn("http://example.com/a.ogg", [h["body"] for h in hist])
        self.assertEqual(len(voice), 3)
        for h in voice:
            self.assertEqual(h["attachment"]["state"], "download-failed", h)
            self.assertEqual(h["attachment"]["error"], "download.private_address", h)
        self.assertEqual(fetched, [])

    def test_tampered_download_is_refused(self):
        # The peer declares one hash and serves other bytes: nothing playable is kept.
        real = os.urandom(5000)
        url = bot_upload(self.srv, self.bob, real, "voice.ogg", "audio/ogg")

        def go():
            m = self.bob.xmpp.make_message(mto=self.me.jid, mbody=url, mtype="chat")
            m["id"] = str(uuid.uuid4())
            x = ET.SubElement(m.xml, "{%s}x" % OOB)
            ET.SubElement(x, "{%s}url" % OOB).text = url
            sfs = ET.SubElement(m.xml, "{%s}file-sharing" % SFS)
            f = ET.SubElement(sfs, "{%s}file" % FILE_META)
            ET.SubElement(f, "{%s}media-type" % FILE_META).text = "audio/ogg"
            ET.SubElement(f, "{%s}size" % FILE_META).text = str(len(real))
            h = ET.SubElement(f, "{%s}hash" % HASHES, algo="sha-256")
            import base64
            h.text = base64.b64encode(hashlib.sha256(b"other").digest()).decode()
            m.send()
        self.bob.later(go)
        hist = self.wait_attachment_ready()
        self.assertEqual(hist["attachment"]["state"], "download-failed")
        self.assertEqual(hist["attachment"]["error"], "download.hash_mismatch")

    def test_canary_no_plaintext_audio_name_or_url_on_disk(self):
        wav = self.path("secret.wav")
        speech_wav(wav, "秘密 canary 语音")
        self.me.run("send-voice", self.bob.jid, wav)
        pdf = self.path("CANARY-名字-9f2e.pdf")
        body = b"%PDF-1.4\nCANARY-FILE-BODY-77d1" + os.urandom(1000)
        open(pdf, "wb").write(body)
        self.me.run("send-file", self.bob.jid, pdf)
        self.assertTrue(self.bob.wait(lambda: len(attachment_messages(self.bob, self.me.jid)) >= 2,
                                      30))
        voice_url = oob_url(attachment_messages(self.bob, self.me.jid)[0])
        audio = https_get(self.srv, voice_url)
        marker = ("CANARY-INCOMING-%s" % uuid.uuid4().hex).encode()  # made now: in no other file
        incoming = os.urandom(3000) + marker
        url_in = bot_upload(self.srv, self.bob, incoming, "voice-in.ogg", "audio/ogg")
        send_like_conversations(self.bob, self.me.jid, url_in)
        self.wait_attachment_ready()
        blob = profile_bytes(self.me.dir)
        # Runs of the encoded audio itself (past the headers and their zero padding).
        runs = [audio[i:i + 32] for i in range(len(audio) // 2, len(audio) - 32, 997)][:5]
        runs = [r for r in runs if len(set(r)) > 8]
        self.assertTrue(runs)
        for canary in runs + [body[9:40], "CANARY-名字-9f2e".encode(), marker,
                              voice_url.encode(), url_in.encode(),
                              voice_url.rsplit("/", 1)[-1].encode()]:
            self.assertFalse(canary in blob, repr(canary[:40]))
        # Nor in the temporary folders (no plaintext scratch copies), apart from the test's own
        # inputs and the server's upload store, which holds what was uploaded by design.
        for root, _, files in os.walk(tempfile.gettempdir()):
            if root.startswith((self.work.name, str(self.srv.dir))):
                continue
            for f in files:
                try:
                    with open(os.path.join(root, f), "rb") as fh:
                        data = fh.read(8 << 20)
                except OSError:
                    continue
                for canary in (runs[0], marker):
                    self.assertFalse(canary in data, os.path.join(root, f))


class OfflineVoiceTest(unittest.TestCase):
    """Voice composed while the server is down goes out after a restart, once, in order with the
    text around it."""

    def setUp(self):
        self.srv = ImpServer(resend_interval=1).start()
        self.tmp = tempfile.TemporaryDirectory()
        self.work = tempfile.TemporaryDirectory()
        self.me = Profile(self.srv, self.tmp.name).register()
        self.bob = new_bot(self.srv)
        make_friends(self.me, self.bob)

    def tearDown(self):
        self.bob.disconnect()
        self.srv.stop()
        self.srv.cleanup()
        self.tmp.cleanup()
        self.work.cleanup()

    def test_voice_composed_offline_is_sent_once_in_order_after_restart(self):
        wav = os.path.join(self.work.name, "v.wav")
        speech_wav(wav, "离线语音")
        self.srv.stop()
        for args in (("send", self.bob.jid, "before the voice"),
                     ("send-voice", self.bob.jid, wav),
                     ("send", self.bob.jid, "after the voice")):
            r = self.me.run(*args, "--wait", "3", check=False)
            self.assertEqual(r.returncode, 4, r.stderr)  # queued
        self.srv.start()
        self.assertTrue(self.bob.connect(30))
        self.me.run("sync", "--wait", "30")
        self.assertTrue(self.bob.wait(lambda: len(self.bob.bodies_from(self.me.jid)) >= 3, 30))
        time.sleep(1)
        got = self.bob.bodies_from(self.me.jid)
        self.assertEqual(len(got), 3, [m["body"] for m in got])
        self.assertEqual(got[0]["body"], "before the voice")
        self.assertIsNotNone(oob_url(got[1]))
        self.assertEqual(got[2]["body"], "after the voice")


if __name__ == "__main__":
    unittest.main()
