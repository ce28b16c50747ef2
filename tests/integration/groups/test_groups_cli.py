"""Group chats end to end: imptech-cli creates, joins, sends, catches up and leaves private
groups on the real Prosody (groups.localhost), with slixmpp members as the other people in
them. Each test states what a user would lose if it broke."""
import json
import tempfile
import time
import unittest

from impserver import ImpServer
import imphelpers
from chatpeers import Listener, Profile, make_friends, profile_bytes
from grouppeers import GroupBot


def new_bot(srv):
    acc = imphelpers.signup(srv)
    bot = GroupBot(srv, acc["jid"], acc["password"])
    bot.imptech_id = acc["imptech_id"]
    assert bot.connect(), "bot could not log in"
    return bot


def lines(r):
    return [json.loads(l) for l in r.stdout.splitlines() if l.startswith("{")]


class GroupCliTest(unittest.TestCase):
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

    def bot(self):
        b = new_bot(self.srv)
        self.bots.append(b)
        return b

    def create(self, name, *members):
        r = self.me.run("group-create", name, *[m.jid for m in members], "--wait", "30")
        group = lines(r)[-1]
        self.assertEqual(group["state"], "ready")
        return group

    def history(self, room, profile=None, limit=100000):
        r = (profile or self.me).run("group-history", room, "--limit", str(limit), "--wait", "60")
        return lines(r)

    def test_create_invite_talk_and_the_same_groups_next_time(self):
        # A family group with two friends: they become members on the server (a mediated
        # invitation), we own it, and it has the name we gave it.
        mum, dad = self.bot(), self.bot()
        group = self.create("我们一家", mum, dad)
        room = group["room"]
        self.assertTrue(room.endswith("@groups." + self.srv.domain), room)
        self.assertTrue(mum.wait(lambda: room in mum.invitations(), 10))
        self.assertEqual(mum.affiliated(room, "member"), sorted([mum.jid, dad.jid]))
        self.assertEqual(mum.affiliated(room, "owner"), [self.me.jid])
        mum.join(room, "妈妈")
        dad.join(room, "爸爸")
        # We write; both see it with our name and its origin id, once.
        self.me.run("group-send", room, "晚饭吃什么？", "--wait", "30")
        self.assertTrue(mum.wait_groupchat(room, 1, 10))
        self.assertTrue(dad.wait_groupchat(room, 1, 10))
        self.assertEqual([b for _, b, _ in mum.groupchat(room)], ["晚饭吃什么？"])
        # They answer while we are away; a new run (bookmarks, XEP-0402) joins the group again
        # by itself and catches up from the room's archive: each message once, in order, with
        # who wrote it.
        mum.say(room, "饺子")
        mum.drain()
        self.assertTrue(dad.wait_groupchat(room, 2, 10))
        dad.say(room, "好")
        dad.drain()
        r = self.me.run("groups", "--wait", "30")
        self.assertEqual([(g["room"], g["name"]) for g in lines(r)], [(room, "我们一家")])
        hist = self.history(room)
        self.assertEqual([(h["direction"], h.get("sender_name"), h["body"]) for h in hist],
                         [("out", hist[0]["sender_name"], "晚饭吃什么？"),
                          ("in", "妈妈", "饺子"), ("in", "爸爸", "好")])
        self.assertEqual(hist[0]["state"], 1, "sent: the room reflected it")
        self.assertEqual(hist[1]["from"], mum.jid, "the archive names the member")
        # The members list: everyone, with their roles.
        r = self.me.run("group-members", room, "--wait", "30")
        members = {m["jid"]: m["affiliation"] for m in lines(r)}
        self.assertEqual(members, {self.me.jid: "owner", mum.jid: "member", dad.jid: "member"})

    def test_a_friend_adds_us_and_we_leave_for_good(self):
        # A friend's group: their invitation is taken by itself, the group is ours on the next
        # connection, and leaving gives up the membership on the server, not only the row.
        bob = self.bot()
        make_friends(self.me, bob)
        room = bob.create("bob")
        bob.invite(room, self.me.jid)
        lis = Listener(self.me, "--count", "1", "--timeout", "60")
        lis.wait_ready()
        deadline = time.time() + 20
        while time.time() < deadline and self.me.jid not in bob.affiliated(room, "member"):
            time.sleep(0.2)
        time.sleep(2)  # our join and catch-up
        bob.say(room, "欢迎")
        self.assertTrue(lis.wait_count(1, 30), "".join(lis.stderr))
        lis.stop()
        got = lis.messages[0]
        self.assertEqual((got["room"], got["sender_name"], got["body"]), (room, "bob", "欢迎"))
        self.me.run("group-leave", room, "--wait", "30")
        self.assertNotIn(self.me.jid, bob.affiliated(room, "member"))
        r = self.me.run("groups", "--wait", "30")
        self.assertEqual(lines(r), [], "gone on every device (the bookmark is retracted)")
        r = self.me.run("group-send", room, "还在吗", "--wait", "10", check=False)
        self.assertEqual(r.returncode, 3, r.stderr)

    def test_removed_by_the_owner_says_so(self):
        bob = self.bot()
        make_friends(self.me, bob)
        room = bob.create("bob")
        bob.invite(room, self.me.jid)
        self.me.run("sync", "--wait", "30")
        bob.set_affiliation(room, self.me.jid, "none")
        r = self.me.run("group-send", room, "我被移出了吗", "--wait", "20", check=False)
        self.assertEqual(r.returncode, 6, r.stderr)
        self.assertIn("refuses", r.stderr)
        self.assertEqual([b for _, b, _ in bob.groupchat(room)], [])

    def test_thousand_messages_four_members_no_loss_no_repeat(self):
        a, b, c = self.bot(), self.bot(), self.bot()
        room = self.create("", a, b, c)["room"]
        for i, bot in enumerate((a, b, c)):
            bot.join(room, "m%d" % i)
        texts = {bot.jid: ["%s %03d" % (bot.jid[:6], i) for i in range(250)] for bot in (a, b, c)}
        mine = ["me %03d" % i for i in range(250)]
        sender = self.me.popen("group-send", room, "--stdin", "--wait", "120",
                               stdin=__import__("subprocess").PIPE)
        for i in range(250):
            for bot in (a, b, c):
                bot.say(room, texts[bot.jid][i])
        out, err = sender.communicate("\n".join(mine) + "\n", timeout=180)
        self.assertEqual(sender.returncode, 0, err)
        for bot in (a, b, c):
            self.assertTrue(bot.wait_groupchat(room, 1000, 60), len(bot.groupchat(room)))
        # One order for every member: the room's.
        order = [x[1] for x in a.groupchat(room)]
        self.assertEqual(len(order), 1000)
        self.assertEqual(len(set(order)), 1000)
        for bot in (b, c):
            self.assertEqual([x[1] for x in bot.groupchat(room)], order)
        hist = self.history(room)
        bodies = [h["body"] for h in hist]
        self.assertEqual(sorted(bodies), sorted(order), "each message once")
        # What the others wrote is in the room's order; ours in the order we wrote it.
        others = [x for x in bodies if not x.startswith("me ")]
        self.assertEqual(others, [x for x in order if not x.startswith("me ")])
        self.assertEqual([x for x in bodies if x.startswith("me ")], mine)
        self.assertTrue(all(h["state"] == 1 for h in hist if h["direction"] == "out"))

    def test_catch_up_of_five_thousand_on_a_new_phone(self):
        bob = self.bot()
        room = self.create("大群", bob)["room"]
        bob.join(room, "bob")
        texts = ["m %04d" % i for i in range(5000)]
        for t in texts:
            bob.say(room, t)
        bob.drain(120)
        with tempfile.TemporaryDirectory() as d:
            phone = Profile(self.srv, d, phone=self.me.phone).register()
            started = time.time()
            hist = self.history(room, phone)
            took = time.time() - started
            self.assertEqual([h["body"] for h in hist], texts)
            print("catch-up of 5,000 group messages on a new phone: %.1f s" % took)

    def test_rejoined_after_a_server_restart(self):
        bob = self.bot()
        room = self.create("重启", bob)["room"]
        bob.join(room, "bob")
        lis = Listener(self.me, "--count", "20", "--timeout", "120")
        lis.wait_ready()
        time.sleep(1)
        for i in range(10):
            bob.say(room, "before %d" % i)
        self.assertTrue(lis.wait_count(10, 30))
        self.srv.restart()
        self.assertTrue(bob.connect(30))
        bob.join(room, "bob")
        time.sleep(3)  # the listener reconnects and joins again
        for i in range(10):
            bob.say(room, "after %d" % i)
        self.assertTrue(lis.wait_count(20, 60), "got %d: %s" % (len(lis.messages),
                                                                "".join(lis.stderr[-20:])))
        lis.stop()
        self.assertEqual([m["body"] for m in lis.messages],
                         ["before %d" % i for i in range(10)] + ["after %d" % i for i in range(10)])

    def test_owner_removes_renames_hands_over_and_then_may_leave(self):
        # The owner's powers, checked on the server's own lists: a removed member is gone, a
        # new name is the room's, and the owner leaves only after handing the group over.
        a, b = self.bot(), self.bot()
        room = self.create("旧名字", a, b)["room"]
        a.join(room, "a")
        b.join(room, "b")
        self.me.run("group-remove", room, b.jid, "--wait", "30")
        self.assertNotIn(b.jid, a.affiliated(room, "member"))
        self.assertIn(a.jid, a.affiliated(room, "member"))

        self.me.run("group-rename", room, "新名字", "--wait", "30")
        info = a.iq(room, "get", "<query xmlns='http://jabber.org/protocol/disco#info'/>")
        names = [i.get("name") for i in info.xml.iter(
            "{http://jabber.org/protocol/disco#info}identity")]
        self.assertEqual(names, ["新名字"], "the room's name, as every member's client reads it")
        r = self.me.run("groups", "--wait", "30")
        self.assertEqual([g["name"] for g in lines(r)], ["新名字"], "and on our next session")

        r = self.me.run("group-leave", room, "--wait", "20", check=False)
        self.assertEqual(r.returncode, 6, "the last owner cannot leave: " + r.stderr)
        self.me.run("group-transfer", room, a.jid, "--wait", "30")
        self.assertEqual(a.affiliated(room, "owner"), [a.jid])
        self.assertIn(self.me.jid, a.affiliated(room, "member"))
        r = self.me.run("group-remove", room, a.jid, "--wait", "20", check=False)
        self.assertEqual(r.returncode, 6, "a member cannot remove anyone: " + r.stderr)
        self.me.run("group-leave", room, "--wait", "30")
        self.assertNotIn(self.me.jid, a.affiliated(room, "member") + a.affiliated(room, "owner"))

    def test_a_member_who_floods_ten_thousand_at_once(self):
        # A hostile (or broken) member sends 10,000 messages as fast as the server takes them.
        # Everything is stored once, in the room's order, under that member's name, and the
        # client keeps running. (A nickname with a bidi override never gets this far: the
        # server's resourceprep refuses it, and the app strips such characters anyway.)
        bob = self.bot()
        room = self.create("洪水", bob)["room"]
        nick = "洪水机器人"
        bob.join(room, nick)
        lis = Listener(self.me, "--count", "10000", "--timeout", "240")
        lis.wait_ready()
        time.sleep(1)
        texts = ["flood %05d" % i for i in range(10000)]
        for t in texts:
            bob.say(room, t)
        bob.drain(180)
        self.assertTrue(lis.wait_count(10000, 180),
                        "got %d: %s" % (len(lis.messages), "".join(lis.stderr[-10:])))
        lis.stop()
        self.assertEqual([m["body"] for m in lis.messages], texts)
        self.assertTrue(all(m["sender_name"] == nick for m in lis.messages))
        hist = self.history(room, limit=20000)
        self.assertEqual([h["body"] for h in hist], texts, "stored once each, in order")
        r = self.me.run("group-send", room, "还活着", "--wait", "30")
        self.assertEqual(r.returncode, 0)

    def test_canary_group_names_members_and_texts_not_on_disk(self):
        bob = self.bot()
        group = self.create("CANARY-GROUP-5d1e 秘密群", bob)
        room = group["room"]
        bob.join(room, "CANARY-NICK-77aa")
        self.me.run("group-send", room, "CANARY-OUT-c0de 群消息", "--wait", "30")
        bob.say(room, "CANARY-IN-beef 回复")
        bob.drain()
        self.assertEqual(len(self.history(room)), 2)
        blob = profile_bytes(self.me.dir)
        for canary in ("CANARY-GROUP-5d1e", "秘密群", "CANARY-NICK-77aa", "CANARY-OUT-c0de",
                       "CANARY-IN-beef", room, room.split("@")[0], bob.jid,
                       bob.jid.split("@")[0]):
            self.assertNotIn(canary.encode(), blob, canary)


if __name__ == "__main__":
    unittest.main()
