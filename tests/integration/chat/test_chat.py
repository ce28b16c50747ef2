"""Friends and text chat end to end: imptech-cli against a real Prosody, with slixmpp bots as
independent peers. Each test states what a user would lose if it broke."""
import json
import os
import resource
import signal
import tempfile
import xml.etree.ElementTree as ET
import time
import unittest

from impserver import ImpServer
import imphelpers
from chatpeers import Bot, Listener, Profile, make_friends, profile_bytes


def new_bot(srv, resource=None):
    acc = imphelpers.signup(srv)
    bot = Bot(srv, acc["jid"], acc["password"], resource)
    bot.imptech_id = acc["imptech_id"]
    bot.phone = acc["phone"]
    assert bot.connect(), "bot could not log in"
    return bot


class ChatTest(unittest.TestCase):
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
        self.me = Profile(self.srv, self.tmp.name).register()
        self.bots = []

    def tearDown(self):
        for b in self.bots:
            b.disconnect()
        self.tmp.cleanup()

    def bot(self, resource=None):
        b = new_bot(self.srv, resource)
        self.bots.append(b)
        return b

    # -- friends ---------------------------------------------------------------------------

    def test_friend_request_both_ways(self):
        bob = self.bot()
        # We find Bob by IMpTech ID and ask, with a greeting.
        r = self.me.run("add", bob.imptech_id, "--greeting", "我是小明")
        self.assertIn(bob.jid, r.stdout)
        self.assertTrue(bob.wait(lambda: any(
            p["type"] == "subscribe" and p["from"] == self.me.jid for p in bob.presences)))
        greeting = [p["status"] for p in bob.presences if p["type"] == "subscribe"][0]
        self.assertEqual(greeting, "我是小明")
        bob.presence(self.me.jid, "subscribed")
        bob.presence(self.me.jid, "subscribe")
        self.me.run("sync")
        # Our client answered Bob's counter-request by itself: mutual friends.
        self.assertTrue(bob.wait(lambda: any(
            p["type"] == "subscribed" and p["from"] == self.me.jid for p in bob.presences)))

        # The other way: Carol asks us; we accept by JID.
        carol = self.bot()
        carol.presence(self.me.jid, "subscribe", "hello from carol")
        time.sleep(0.5)
        self.me.run("accept", carol.jid)
        self.assertTrue(carol.wait(lambda: any(
            p["type"] == "subscribed" and p["from"] == self.me.jid for p in carol.presences)))
        self.assertTrue(carol.wait(lambda: any(
            p["type"] == "subscribe" and p["from"] == self.me.jid for p in carol.presences)))

    def test_unknown_id_is_not_found(self):
        r = self.me.run("add", "nobody_here_123", check=False)
        self.assertEqual(r.returncode, 3, r.stderr)

    def test_block_stops_their_messages_and_report_is_accepted(self):
        eve = self.bot()
        make_friends(self.me, eve)
        self.me.run("report", eve.jid, "--reason", "spam", "--text", "buy now")
        lis = Listener(self.me, "--timeout", "4")
        lis.wait_ready()
        eve.send(self.me.jid, "spam after the block")
        lis.proc.wait(20)
        lis.stop()
        self.assertEqual([m for m in lis.messages if m["body"] == "spam after the block"], [])
        self.me.run("unblock", eve.jid)
        lis = Listener(self.me, "--count", "1", "--timeout", "20")
        lis.wait_ready()
        eve.send(self.me.jid, "hello again")
        self.assertTrue(lis.wait_count(1, 20), (lis.proc.poll(), "".join(lis.stderr)[-2000:]))
        lis.stop()

    # -- messages --------------------------------------------------------------------------

    def test_thousand_messages_each_way_in_order_once(self):
        bob = self.bot()
        make_friends(self.me, bob)
        n = 1000
        lis = Listener(self.me, "--count", str(n), "--timeout", "120")
        lis.wait_ready()
        texts = ["in %04d 你好 مرحبا" % i for i in range(n)]
        for t in texts:
            bob.send(self.me.jid, t)
        self.assertTrue(lis.wait_count(n, 120), "got %d of %d; missing %s; exit %s; %s" % (
            len(lis.messages), n, sorted(set(texts) - {m["body"] for m in lis.messages})[:5],
            lis.proc.poll(), "".join(lis.stderr)[-1500:]))
        lis.stop()
        self.assertEqual([m["body"] for m in lis.messages], texts)

        out = ["out %04d\nsecond line" % i for i in range(n)]
        stdin = "".join(t.replace("\n", " / ") + "\n" for t in out)
        r = self.me.run("send", bob.jid, "--stdin", "--wait", "120", stdin=stdin, timeout=180)
        self.assertEqual(len([l for l in r.stdout.splitlines() if l.startswith("{")]), n)
        self.assertTrue(bob.wait(lambda: len(bob.bodies_from(self.me.jid)) >= n, 60))
        got = [m["body"] for m in bob.bodies_from(self.me.jid)]
        self.assertEqual(got, [t.replace("\n", " / ") for t in out])
        self.assertEqual(len({m["origin_id"] for m in bob.bodies_from(self.me.jid)}), n)

        # Everything is in the local history, once, in order.
        hist = self.me.history(bob.jid)
        self.assertEqual([h["body"] for h in hist if h["direction"] == "in"], texts)
        self.assertEqual(len([h for h in hist if h["direction"] == "out"]), n)

    def test_long_unicode_message_round_trip(self):
        bob = self.bot()
        make_friends(self.me, bob)
        text = ("长消息 🙂 שלום " * 700)[:10000]
        self.me.run("send", bob.jid, text)
        self.assertTrue(bob.wait(lambda: bob.bodies_from(self.me.jid), 10))
        self.assertEqual(bob.bodies_from(self.me.jid)[0]["body"], text)

    def test_receipts_and_read_markers_both_ways(self):
        bob = self.bot()
        make_friends(self.me, bob)
        self.me.run("send", bob.jid, "did you get this?")
        self.assertTrue(bob.wait(lambda: bob.bodies_from(self.me.jid), 10))
        mine = bob.bodies_from(self.me.jid)[0]
        # Bob's client confirmed delivery (auto receipt); then he reads it.
        time.sleep(0.5)
        bob.displayed(self.me.jid, mine["id"])
        time.sleep(0.5)
        hist = self.me.history(bob.jid)
        self.assertEqual(hist[-1]["state"], 3, "read (XEP-0333) after delivered (XEP-0184)")

        # Bob writes to us: we confirm delivery on receipt and send a read marker on `read`.
        oid = bob.send(self.me.jid, "and this?")
        self.me.run("sync")
        self.assertTrue(bob.wait(lambda: any(m["received"] == oid for m in bob.messages), 10),
                        (oid, bob.messages[-3:]))
        self.me.run("read", bob.jid)
        self.assertTrue(bob.wait(lambda: any(m["displayed"] == oid for m in bob.messages), 10))

    def test_recall_both_ways(self):
        bob = self.bot()
        make_friends(self.me, bob)
        self.me.run("send", bob.jid, "oops, wrong chat")
        self.assertTrue(bob.wait(lambda: bob.bodies_from(self.me.jid), 10))
        oid = bob.bodies_from(self.me.jid)[0]["origin_id"]
        self.me.run("recall", bob.jid, oid)
        self.assertTrue(bob.wait(lambda: any(m["retract"] == oid for m in bob.messages), 10))
        hist = self.me.history(bob.jid)
        self.assertTrue(hist[-1]["recalled"])
        self.assertEqual(hist[-1]["body"], "")

        theirs = bob.send(self.me.jid, "take this back")
        self.me.run("sync")
        bob.retract(self.me.jid, theirs)
        time.sleep(0.5)
        hist = self.me.history(bob.jid)
        recalled = [h for h in hist if h["id"] == theirs]
        self.assertEqual(len(recalled), 1)
        self.assertTrue(recalled[0]["recalled"])
        self.assertNotIn("take this back", [h["body"] for h in hist])

    def test_hostile_peer_can_neither_forge_nor_crash(self):
        mallory = self.bot()
        make_friends(self.me, mallory)
        self.me.run("send", mallory.jid, "mine, not yours")
        self.assertTrue(mallory.wait(lambda: mallory.bodies_from(self.me.jid), 10))
        ours = mallory.bodies_from(self.me.jid)[0]["origin_id"]
        lis = Listener(self.me, "--timeout", "60")
        lis.wait_ready()
        me = self.me.jid

        def el(tag, attrib=None, text=None, children=()):
            e = ET.Element(tag, attrib or {})
            e.text = text
            for c in children:
                e.append(c)
            return e

        def inner(body, frm, to):
            return el("{jabber:client}message", {"from": frm, "to": to, "type": "chat"},
                      children=[el("{jabber:client}body", text=body)])

        forward = "urn:xmpp:forward:0"
        # A body over the client's limit (64 Ki UTF-16 units), in a stanza near the server's
        # own size limit: the message is dropped whole, the connection stays.
        mallory.send(me, "x" * 200000)
        # A carbon claiming we sent something, from someone who is not us.
        mallory.send_raw(me, [el("{urn:xmpp:carbons:2}sent", children=[
            el("{%s}forwarded" % forward, children=[inner("forged carbon", me + "/phone",
                                                          mallory.jid)])])])
        # An archive result outside any query of ours (forged results inside one are refused
        # by Forwarded::unwrap: ForwardedTest.ForgedEnvelopesAreDropped).
        mallory.send_raw(me, [el("{urn:xmpp:mam:2}result", {"queryid": "nope", "id": "a1"},
                                 children=[el("{%s}forwarded" % forward, children=[
                                     el("{urn:xmpp:delay}delay",
                                        {"stamp": "2020-01-01T00:00:00Z"}),
                                     inner("forged archive", mallory.jid, me)])])])
        # Our own message recalled by someone else.
        mallory.retract(me, ours)
        # Receipts and markers for ids that do not exist; a typing flood.
        mallory.send_raw(me, [el("{%s}received" % "urn:xmpp:receipts", {"id": "no-such"})])
        mallory.displayed(me, "no-such-either")
        for _ in range(200):
            mallory.send_raw(me, [el("{http://jabber.org/protocol/chatstates}composing")])
        # Unknown elements, nested deep, around a real body: the body counts, the rest not.
        junk = el("{urn:example:junk}x")
        for _ in range(40):
            junk = el("{urn:example:junk}x", children=[junk])
        mallory.send_raw(me, [el("{jabber:client}body", text="unknown elements ignored"), junk])
        mallory.send(me, "still here")
        self.assertTrue(lis.wait_count(2, 30), "the client stopped listening: %s"
                        % "".join(lis.stderr)[-2000:])
        self.assertIsNone(lis.proc.poll(), "the client exited")
        lis.stop()
        self.assertNotIn("connection failed", "".join(lis.stderr))
        self.assertEqual([m["body"] for m in lis.messages],
                         ["unknown elements ignored", "still here"])
        hist = self.me.history(mallory.jid)
        self.assertEqual([(h["direction"], h["body"], h["recalled"]) for h in hist],
                         [("out", "mine, not yours", False),
                          ("in", "unknown elements ignored", False),
                          ("in", "still here", False)])

    def test_mam_catch_up_of_five_thousand(self):
        bob = self.bot()
        make_friends(self.me, bob)
        self.me.run("sync")  # this device has synced before: it catches up on everything
        n = 5000
        texts = ["offline %05d" % i for i in range(n)]
        for t in texts:
            bob.send(self.me.jid, t, receipt=False)
        bob.drain()  # all archived before we come online
        start = time.time()
        self.me.run("sync", "--wait", "120", timeout=300)
        hist = self.me.history(bob.jid)
        got = [h["body"] for h in hist if h["direction"] == "in"]
        self.assertEqual(len(got), n, "catch-up took %.1fs" % (time.time() - start))
        self.assertEqual(got, texts)

    def test_new_phone_gets_the_newest_page_then_scrolls_back(self):
        bob = self.bot()
        make_friends(self.me, bob)
        n = 600
        texts = ["old %04d" % i for i in range(n)]
        for t in texts:
            bob.send(self.me.jid, t)  # with receipt requests: our receipts are archived too
        bob.drain()
        self.me.run("sync", "--wait", "60")
        mine = ["mine %d" % i for i in range(5)]
        self.me.run("send", bob.jid, "--stdin", stdin="\n".join(mine) + "\n")
        self.assertTrue(bob.wait(lambda: len(bob.bodies_from(self.me.jid)) == len(mine), 20))
        # Then a page and more of archive entries that are no messages: read markers.
        for _ in range(120):
            bob.displayed(self.me.jid, bob.bodies_from(self.me.jid)[-1]["id"])
        bob.drain()
        # The same number signs up on a new phone: the account moves there, without history.
        with tempfile.TemporaryDirectory() as d:
            phone = Profile(self.srv, d, phone=self.me.phone).register()
            self.assertEqual(phone.jid, self.me.jid)
            r = phone.run("sync", "--wait", "60")
            # Login takes the archive's newest page only (markers here), not all of it...
            synced = json.loads(r.stdout.strip().splitlines()[-1])["synced"]
            self.assertLess(synced, n)
            # ...and scrolling back pages through the archive, past the markers and receipts,
            # to its start: every message once, in order, ours as ours, and before anything
            # the new phone receives afterwards.
            bob.send(self.me.jid, "welcome to your new phone", receipt=False)
            bob.drain()
            hist = phone.history(bob.jid)
            self.assertEqual([(h["direction"], h["body"]) for h in hist],
                             [("in", t) for t in texts] + [("out", m) for m in mine]
                             + [("in", "welcome to your new phone")])

    def test_carbons_from_a_second_device(self):
        bob = self.bot()
        make_friends(self.me, bob)
        cred = self.me.credentials()
        twin = Bot(self.srv, cred["jid"], cred["password"], "second-device")
        self.bots.append(twin)
        self.assertTrue(twin.connect())

        async def carbons():
            await twin.xmpp.plugin["xep_0280"].enable()
        twin.call(carbons)
        lis = Listener(self.me, "--timeout", "6")
        lis.wait_ready()
        # Sent on the other device: our history shows it as ours.
        twin.send(bob.jid, "sent from my phone")
        # Received while both are online: both have it.
        bob.send(self.me.jid, "to both devices")
        lis.proc.wait(30)
        lis.stop()
        hist = self.me.history(bob.jid)
        self.assertIn(("out", "sent from my phone"), [(h["direction"], h["body"]) for h in hist])
        self.assertEqual([h["body"] for h in hist].count("to both devices"), 1)
        self.assertTrue(twin.wait(lambda: any(m["body"] == "to both devices" for m in twin.messages)))

    def test_killed_listener_loses_nothing_and_duplicates_nothing(self):
        bob = self.bot()
        make_friends(self.me, bob)
        n = 600
        texts = ["k %04d" % i for i in range(n)]
        lis = Listener(self.me, "--timeout", "120")
        lis.wait_ready()
        for t in texts:
            bob.send(self.me.jid, t, receipt=False)
        lis.wait_count(150, 30)
        os.kill(lis.proc.pid, signal.SIGKILL)
        lis.stop()
        bob.drain()
        printed = {m["body"] for m in lis.messages}
        self.me.run("sync", "--wait", "60")
        hist = [h["body"] for h in self.me.history(bob.jid) if h["direction"] == "in"]
        self.assertEqual(hist, texts, "every message exactly once, in order")
        self.assertTrue(printed <= set(hist))

    def test_killed_sender_resends_exactly_once(self):
        bob = self.bot()
        make_friends(self.me, bob)
        n = 400
        lines = "".join("s %04d\n" % i for i in range(n))
        proc = self.me.popen("send", bob.jid, "--stdin", "--wait", "60", stdin=-1)
        proc.stdin.write(lines)
        proc.stdin.flush()
        acked = set()
        end = time.time() + 30
        while len(acked) < 100 and time.time() < end:
            line = proc.stdout.readline()
            if line.startswith("{"):
                acked.add(line)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        self.me.run("sync", "--wait", "60")
        self.assertTrue(bob.wait(lambda: len({m["origin_id"] for m in bob.bodies_from(self.me.jid)})
                                 >= n, 30))
        unique = []
        seen = set()
        for m in bob.bodies_from(self.me.jid):
            if m["origin_id"] not in seen:  # a compliant peer drops repeats by origin id
                seen.add(m["origin_id"])
                unique.append(m["body"])
        self.assertEqual(unique, ["s %04d" % i for i in range(n)])
        hist = [h for h in self.me.history(bob.jid) if h["direction"] == "out"]
        self.assertEqual(len(hist), n)
        self.assertTrue(all(h["state"] >= 1 for h in hist), "all acknowledged after the resend")

    def test_full_disk_while_receiving_loses_nothing(self):
        bob = self.bot()
        make_friends(self.me, bob)
        self.me.run("sync")
        files = [os.path.join(r, f) for r, _, fs in os.walk(self.me.dir) for f in fs]
        limit = max(os.path.getsize(f) for f in files) + 64 * 1024

        def full_disk():
            # No file of this process may grow past `limit`: writes fail as on a full disk.
            # (SQLite reports EFBIG as an I/O error rather than SQLITE_FULL, which it keeps
            # for ENOSPC: DatabaseTest.DiskFullIsReportedAsDiskFull.) The signal that would
            # kill the process at the limit is ignored.
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

        lis = Listener(self.me, "--timeout", "90", preexec_fn=full_disk)
        lis.wait_ready()
        n = 400
        texts = ["full %03d " % i + "磁盘" * 1000 for i in range(n)]
        for t in texts:
            bob.send(self.me.jid, t, receipt=False)
        bob.drain()
        # The user is told; what could not be stored is not acknowledged to the server.
        self.assertTrue(bob.wait(lambda: any("storage error store." in line
                                             for line in lis.stderr), 60),
                        "no storage warning: %s" % "".join(lis.stderr)[-1500:])
        self.assertLess(len(lis.messages), n)
        os.kill(lis.proc.pid, signal.SIGKILL)
        lis.stop()
        # Space again: every message is there, once, in order.
        self.me.run("sync", "--wait", "60")
        hist = [h["body"] for h in self.me.history(bob.jid) if h["direction"] == "in"]
        self.assertEqual(len(hist), len(texts))
        self.assertEqual(hist, texts)

    def test_canary_nothing_readable_on_disk(self):
        bob = self.bot()
        make_friends(self.me, bob)
        secret_out = "CANARY-OUT-7f3a 秘密消息"
        secret_in = "CANARY-IN-91bc 回复"
        self.me.run("send", bob.jid, secret_out)
        bob.send(self.me.jid, secret_in)
        self.me.run("sync")
        self.assertTrue(any(h["body"] == secret_in for h in self.me.history(bob.jid)))
        blob = profile_bytes(self.me.dir)
        for canary in (secret_out.encode(), secret_in.encode(), "秘密消息".encode(),
                       bob.jid.encode(), bob.jid.split("@")[0].encode(), bob.imptech_id.encode(),
                       self.me.phone.encode(), self.me.phone[3:].encode()):
            self.assertNotIn(canary, blob, canary)


class OutboxAndRestartTest(unittest.TestCase):
    """Server outages: a message composed while the server is down is sent later, exactly once;
    a server restart mid-conversation heals by itself."""

    def setUp(self):
        self.srv = ImpServer(resend_interval=1).start()
        self.tmp = tempfile.TemporaryDirectory()
        self.me = Profile(self.srv, self.tmp.name).register()
        self.bob = new_bot(self.srv)
        make_friends(self.me, self.bob)

    def tearDown(self):
        self.bob.disconnect()
        self.srv.stop()
        self.srv.cleanup()
        self.tmp.cleanup()

    def test_offline_outbox_survives_restart_and_sends_once(self):
        self.srv.stop()
        r = self.me.run("send", self.bob.jid, "written on the train", "--wait", "3", check=False)
        self.assertEqual(r.returncode, 4, r.stderr)  # queued
        r = self.me.run("send", self.bob.jid, "second while offline", "--wait", "3", check=False)
        self.assertEqual(r.returncode, 4, r.stderr)
        hist = self.me.history(self.bob.jid)
        self.assertEqual([h["state"] for h in hist[-2:]], [0, 0], "shown as sending")
        self.srv.start()
        self.assertTrue(self.bob.connect(30))
        self.me.run("sync", "--wait", "30")
        self.assertTrue(self.bob.wait(lambda: len(self.bob.bodies_from(self.me.jid)) >= 2, 15))
        time.sleep(1)
        self.assertEqual([m["body"] for m in self.bob.bodies_from(self.me.jid)],
                         ["written on the train", "second while offline"])

    def test_server_restart_mid_conversation(self):
        lis = Listener(self.me, "--count", "200", "--timeout", "120")
        lis.wait_ready()
        texts = ["r %03d" % i for i in range(200)]
        for t in texts[:100]:
            self.bob.send(self.me.jid, t, receipt=False)
        self.assertTrue(lis.wait_count(100, 30))
        self.srv.restart()
        self.assertTrue(self.bob.connect(30))
        for t in texts[100:]:
            self.bob.send(self.me.jid, t, receipt=False)
        self.assertTrue(lis.wait_count(200, 90), "got %d" % len(lis.messages))
        lis.stop()
        self.assertEqual(sorted(m["body"] for m in lis.messages), texts)
        hist = [h["body"] for h in self.me.history(self.bob.jid) if h["direction"] == "in"]
        self.assertEqual(hist, texts)


if __name__ == "__main__":
    unittest.main()
