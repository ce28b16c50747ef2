"""imp::xmpp stream management (XEP-0198), ping (XEP-0199) and IQ request handling against a
real Prosody, with the link broken on purpose by server/fixture/tcpproxy.py.

xmpp_probe runs in --interactive mode (JSON events out, commands in) through the proxy; a
slixmpp bot talks to it directly.
"""
import asyncio
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
import unittest
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(os.environ.get("IMP_SOURCE_DIR", Path(__file__).resolve().parents[3]))
sys.path.insert(0, str(ROOT / "server" / "fixture"))
sys.path.insert(0, str(ROOT / "tests" / "integration" / "server"))
from impserver import ImpServer  # noqa: E402
from tcpproxy import TcpProxy  # noqa: E402
from chathelpers import Chatter, IqError  # noqa: E402

PROBE = os.environ.get("IMP_XMPP_PROBE", "")
PASSWORD = "sm-Passw0rd-\u00e9"
BOT_PASSWORD = "bot-Passw0rd"


def register(srv, user, password):
    subprocess.run(["prosodyctl", "--config", srv.config_file, "register", user, srv.domain,
                    password], check=True, capture_output=True, timeout=30)


class Probe:
    """xmpp_probe --interactive: events are collected from stdout by a reader thread."""

    def __init__(self, srv, port, *extra):
        self.stderr = tempfile.TemporaryFile(mode="w+")
        args = [PROBE, "--interactive", "--domain", srv.domain, "--host", "127.0.0.1",
                "--direct-tls-port", str(port), "--starttls-port", "0", "--user", "alice",
                "--resource", "probe-device", "--ca-file", srv.ca_file, "--backoff-ms", "200",
                *extra]
        self.proc = subprocess.Popen(args, env=dict(os.environ, IMP_PROBE_PASSWORD=PASSWORD),
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=self.stderr, text=True, bufsize=1)
        self.events = []
        self.cond = threading.Condition()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.proc.stdout:
            if line.startswith("{"):
                with self.cond:
                    self.events.append(json.loads(line))
                    self.cond.notify_all()

    def cmd(self, line):
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()

    def matching(self, event, **match):
        with self.cond:
            return [e for e in self.events if e.get("event") == event
                    and all(e.get(k) == v for k, v in match.items())]

    def wait(self, event, timeout=10.0, after=0, **match):
        """The first event of that kind (matching `match`) at index >= after."""
        deadline = time.monotonic() + timeout
        with self.cond:
            while True:
                for e in self.events[after:]:
                    if e.get("event") == event and all(e.get(k) == v for k, v in match.items()):
                        return e
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError("no %s %s within %.0f s; events: %s\nstderr: %s" % (
                        event, match, timeout, self.events[after:], self.stderr_text()))
                self.cond.wait(left)

    def mark(self):
        with self.cond:
            return len(self.events)

    def stderr_text(self):
        self.stderr.seek(0)
        return self.stderr.read()[-3000:]

    def close(self):
        try:
            if self.proc.poll() is None:
                self.cmd("quit")
                self.proc.wait(timeout=5)
        except (OSError, subprocess.TimeoutExpired):
            self.proc.kill()
            self.proc.wait()
        out = self.stderr_text()
        self.stderr.close()
        self.proc.stdin.close()
        self.proc.stdout.close()
        # The password must never be logged by the client.
        assert PASSWORD not in out


@unittest.skipUnless(PROBE and Path(PROBE).exists(), "IMP_XMPP_PROBE not built")
class StreamManagementTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = ImpServer().start()
        register(cls.srv, "alice", PASSWORD)
        register(cls.srv, "bob", BOT_PASSWORD)
        cls.alice = "alice@%s" % cls.srv.domain
        cls.alice_full = cls.alice + "/probe-device"
        cls.bob = "bob@%s" % cls.srv.domain

    @classmethod
    def tearDownClass(cls):
        cls.srv.cleanup()

    def setUp(self):
        self.proxy = TcpProxy(self.srv.direct_tls_port)
        self.addCleanup(self.proxy.close)

    def start_probe(self, *extra):
        probe = Probe(self.srv, self.proxy.port, *extra)
        self.addCleanup(probe.close)
        first = probe.wait("session", timeout=15)
        self.assertEqual((first["resumed"], first["sm"]), (False, True), first)
        self.assertEqual(first["jid"], self.alice_full)
        return probe

    def start_bot(self):
        bot = Chatter(self.srv, {"jid": self.bob, "password": BOT_PASSWORD})
        self.assertTrue(bot.connect())
        self.addCleanup(bot.close)
        return bot

    def bot_count(self, bot, body):
        return sum(1 for _, b, _ in bot.messages if b == body)

    def test_a_sm_enabled_and_iq_requests_answered(self):
        probe = self.start_probe()
        mark = probe.mark()
        probe.cmd("status")
        status = probe.wait("status", after=mark)
        self.assertTrue(status["sm"], status)
        self.assertIn("urn:xmpp:sm:3", status["features"])
        self.assertIn("urn:xmpp:csi:0", status["features"])
        probe.cmd("csi inactive")
        probe.wait("csi", after=mark, active=False)
        # An acknowledged message: the server's <a/> reaches the caller as stanzaAcked.
        bot = self.start_bot()
        probe.cmd("send %s m-a hello-a" % self.bob)
        probe.wait("acked", id="m-a")
        self.assertTrue(bot.wait_for(lambda: self.bot_count(bot, "hello-a") == 1))

        # IQ requests from a peer: ping is answered, an unknown payload gets
        # service-unavailable (and is not silently dropped).
        def iq_to_probe(xml):
            iq = bot.xmpp.make_iq_get(ito=self.alice_full)
            iq.xml.append(ET.fromstring(xml))
            fut = asyncio.ensure_future(iq.send(timeout=5), loop=bot.loop)
            try:
                return bot.loop.run_until_complete(fut)["type"]
            except IqError as e:
                return e.iq["error"]["condition"]
        self.assertEqual(iq_to_probe("<ping xmlns='urn:xmpp:ping'/>"), "result")
        self.assertEqual(iq_to_probe("<query xmlns='jabber:iq:version'/>"),
                         "service-unavailable")
        # Our own ping round trip.
        probe.cmd("ping")
        self.assertTrue(probe.wait("pong", after=mark)["ok"])

    def test_b_cut_resumes_without_loss_or_duplicates(self):
        probe = self.start_probe()
        bot = self.start_bot()

        # 1. A message that never reaches the server: it sits in the paused proxy when the
        #    link is cut; the client must retransmit it after resumption.
        self.proxy.pause()
        mark = probe.mark()
        probe.cmd("send %s m-lost before-cut-1" % self.bob)
        self.assertTrue(probe.wait("sent", after=mark, id="m-lost")["ok"])
        time.sleep(0.2)
        self.assertEqual(self.proxy.cut(), 1)
        probe.wait("error", after=mark)  # the client noticed
        # 2. While the client is cut off (its reconnection is held by the paused proxy),
        #    the bot writes to it; the server keeps that for the hibernating session.
        bot.say(self.alice, "while-cut")
        bot.pump(0.5)
        self.proxy.resume()
        resumed = probe.wait("session", after=mark, timeout=15)
        self.assertEqual((resumed["resumed"], resumed["sm"]), (True, True), resumed)
        self.assertEqual(resumed["jid"], self.alice_full)
        probe.wait("message", after=mark, body="while-cut")
        self.assertTrue(bot.wait_for(lambda: self.bot_count(bot, "before-cut-1") >= 1))
        probe.wait("acked", after=mark, id="m-lost")

        # 3. A message that reaches the server whose ack is lost: after resumption the
        #    server's h covers it, so it must not be sent twice.
        mark = probe.mark()
        self.proxy.pause(upstream=False)
        probe.cmd("send %s m-unacked before-cut-2" % self.bob)
        self.assertTrue(bot.wait_for(lambda: self.bot_count(bot, "before-cut-2") == 1))
        self.assertEqual(probe.matching("acked", id="m-unacked"), [])
        self.proxy.cut()
        self.proxy.resume()
        again = probe.wait("session", after=mark, timeout=15)
        self.assertTrue(again["resumed"], again)
        probe.wait("acked", after=mark, id="m-unacked")

        bot.pump(1.0)  # time for any duplicate to show up
        self.assertEqual(self.bot_count(bot, "before-cut-1"), 1, bot.messages)
        self.assertEqual(self.bot_count(bot, "before-cut-2"), 1, bot.messages)
        self.assertEqual(len(probe.matching("message", body="while-cut")), 1, probe.events)
        self.assertEqual(len(probe.matching("acked", id="m-lost")), 1)
        self.assertEqual(len(probe.matching("acked", id="m-unacked")), 1)

    def test_c_deferred_ack_makes_the_server_redeliver(self):
        # The app has not stored the message yet (no release) when the link dies: the server
        # must deliver it again after resumption. Once released, it is not redelivered.
        probe = self.start_probe("--defer-inbound")
        bot = self.start_bot()
        bot.say(self.alice, "deferred-1")
        bot.pump(0.2)
        probe.wait("message", body="deferred-1")
        time.sleep(0.3)  # let an <r/>/<a/> exchange happen if the server asks
        mark = probe.mark()
        self.proxy.cut()
        self.assertTrue(probe.wait("session", after=mark, timeout=15)["resumed"])
        redelivered = probe.wait("message", after=mark, body="deferred-1")
        probe.cmd("release %s" % redelivered["id"])
        probe.wait("released", after=mark)
        # Force an ack exchange, then cut again: nothing more is redelivered.
        probe.cmd("ping")
        probe.wait("pong", after=mark)
        time.sleep(0.3)
        mark = probe.mark()
        self.proxy.cut()
        self.assertTrue(probe.wait("session", after=mark, timeout=15)["resumed"])
        time.sleep(1.0)
        self.assertEqual(len(probe.matching("message", body="deferred-1")), 2, probe.events)

    def test_d_dead_link_is_detected_by_ping_and_recovered(self):
        probe = self.start_probe("--ping-interval-ms", "500", "--ping-timeout-ms", "1000")
        mark = probe.mark()
        t0 = time.monotonic()
        self.proxy.pause()
        err = probe.wait("error", after=mark, timeout=6)
        self.assertEqual(err["code"], "net.timeout")
        self.assertLess(time.monotonic() - t0, 4.0)
        self.proxy.resume()
        back = probe.wait("session", after=mark, timeout=15)
        # Prosody still held the old connection (it never saw it die): resumption replaces it.
        self.assertEqual((back["resumed"], back["sm"]), (True, True), back)
        self.assertEqual(probe.wait("state", after=mark, state="Online")["state"], "Online")
        bot = self.start_bot()
        m2 = probe.mark()
        bot.say(self.alice, "after-dead-link")
        bot.pump(0.2)
        probe.wait("message", after=m2, body="after-dead-link")

    def test_e_server_restart_gives_a_fresh_session(self):
        probe = self.start_probe()
        mark = probe.mark()
        self.srv.restart()
        fresh = probe.wait("session", after=mark, timeout=20)
        self.assertEqual((fresh["resumed"], fresh["sm"]), (False, True), fresh)
        self.assertEqual(probe.wait("state", after=mark, state="Online")["state"], "Online")
        probe.cmd("status")
        self.assertEqual(probe.wait("status", after=mark)["state"], "Online")


if __name__ == "__main__":
    unittest.main()
