"""Directory and consent IQs, SCRAM login, and direct TLS, over real XMPP (slixmpp)."""
import unittest
import xml.etree.ElementTree as ET

from imphelpers import (AGREEMENT_SHA, CONSENT_NS, DIR_NS, Client, ImpServer, signup,
                        unique_phone)


class Directory(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = ImpServer().start()
        cls.alice = signup(cls.srv)
        cls.bob = signup(cls.srv)
        cls.a = Client(cls.srv, cls.alice["jid"], cls.alice["password"], mech="SCRAM-SHA-256")
        assert cls.a.connect(), "alice could not log in"
        cls.b = Client(cls.srv, cls.bob["jid"], cls.bob["password"])
        assert cls.b.connect(), "bob could not log in"

    @classmethod
    def tearDownClass(cls):
        cls.a.close()
        cls.b.close()
        cls.srv.cleanup()

    def me(self, c):
        return c.iq("get", "<me xmlns='%s'/>" % DIR_NS)

    def test_scram_sha256_login(self):
        self.assertEqual(self.a.mechanism(), "SCRAM-SHA-256")

    def test_direct_tls_login(self):
        c = Client(self.srv, self.bob["jid"], self.bob["password"], direct_tls=True)
        try:
            self.assertTrue(c.connect())
        finally:
            c.close()

    def test_me_reports_defaults(self):
        me = self.me(self.b)
        self.assertEqual(me.get("imptech-id"), self.bob["imptech_id"])
        self.assertEqual(me.get("minors-mode"), "false")
        self.assertEqual(me.get("findable-by-phone"), "false")

    def test_id_changes_once_invalid_and_taken(self):
        c = Client(self.srv, *(lambda x: (x["jid"], x["password"]))(signup(self.srv)))
        try:
            self.assertTrue(c.connect())
            self.assertEqual(self.me(c).get("changeable"), "true")
            for bad in ["abc", "1startsdigit", "has space", "a" * 21, "bad!char", "imp_reserved", ""]:
                self.assertEqual(c.error_condition(
                    "set", "<set-id xmlns='%s' id='%s'/>" % (DIR_NS, bad)), "bad-request", bad)
            self.assertIsNone(c.error_condition("set", "<set-id xmlns='%s' id='Carol_%s'/>"
                                                % (DIR_NS, c.xmpp.boundjid.user[-6:])))
            me = self.me(c)
            self.assertEqual(me.get("imptech-id"), "Carol_" + c.xmpp.boundjid.user[-6:])
            self.assertEqual(me.get("changeable"), "false")
            self.assertEqual(c.error_condition(
                "set", "<set-id xmlns='%s' id='another1'/>" % DIR_NS), "not-allowed")
            # Lookup by the new ID (any case) finds carol; the old auto ID is released.
            user = self.a.iq("get", "<lookup xmlns='%s' imptech-id='carol_%s'/>"
                             % (DIR_NS, c.xmpp.boundjid.user[-6:]))
            self.assertEqual(user.get("jid"), c.xmpp.boundjid.bare)
        finally:
            c.close()

    def test_taken_id_is_conflict(self):
        first = Client(self.srv, *(lambda x: (x["jid"], x["password"]))(signup(self.srv)))
        second = Client(self.srv, *(lambda x: (x["jid"], x["password"]))(signup(self.srv)))
        try:
            self.assertTrue(first.connect() and second.connect())
            self.assertIsNone(first.error_condition("set", "<set-id xmlns='%s' id='TakenName'/>" % DIR_NS))
            self.assertEqual(second.error_condition(
                "set", "<set-id xmlns='%s' id='takenname'/>" % DIR_NS), "conflict")
            # The refusal did not use up second's one change.
            self.assertEqual(self.me(second).get("changeable"), "true")
        finally:
            first.close()
            second.close()

    def test_lookup_by_id(self):
        user = self.a.iq("get", "<lookup xmlns='%s' imptech-id='%s'/>" % (DIR_NS, self.bob["imptech_id"]))
        self.assertEqual(user.tag, "{%s}user" % DIR_NS)
        self.assertEqual(user.get("jid"), self.bob["jid"])
        self.assertEqual(user.get("imptech-id"), self.bob["imptech_id"])
        self.assertEqual(self.a.error_condition(
            "get", "<lookup xmlns='%s' imptech-id='nobody_here'/>" % DIR_NS), "item-not-found")

    def test_lookup_by_phone_respects_findable(self):
        q = "<lookup xmlns='%s' phone='%s'/>" % (DIR_NS, self.bob["phone"])
        self.assertEqual(self.a.error_condition("get", q), "item-not-found")
        self.b.iq("set", "<settings xmlns='%s' findable-by-phone='true'/>" % DIR_NS)
        self.b.iq("set", "<profile xmlns='%s' nickname='Bob 鲍勃'/>" % DIR_NS)
        user = self.a.iq("get", q)
        self.assertEqual(user.get("jid"), self.bob["jid"])
        self.assertEqual(user.get("nickname"), "Bob 鲍勃")
        self.b.iq("set", "<settings xmlns='%s' findable-by-phone='false'/>" % DIR_NS)
        self.assertEqual(self.a.error_condition("get", q), "item-not-found")
        self.assertEqual(self.a.error_condition(
            "get", "<lookup xmlns='%s' phone='%s'/>" % (DIR_NS, unique_phone())), "item-not-found")
        self.assertEqual(self.a.error_condition(
            "get", "<lookup xmlns='%s' phone='12345'/>" % DIR_NS), "bad-request")

    def test_lookup_by_jid_only_for_people_one_knows(self):
        carol_acc = signup(self.srv)
        carol = Client(self.srv, carol_acc["jid"], carol_acc["password"])
        try:
            self.assertTrue(carol.connect())
            q = "<lookup xmlns='%s' jid='%s'/>" % (DIR_NS, carol_acc["jid"])
            # A stranger's JID reveals nothing: the same answer as an unknown one, even after
            # putting it in one's own roster (anyone can).
            self.assertEqual(self.a.error_condition("get", q), "item-not-found")
            roster_set = ("<query xmlns='jabber:iq:roster'><item jid='%s' name='x'/></query>"
                          % carol_acc["jid"])
            iq = self.b.xmpp.make_iq_set()
            iq.xml.append(ET.fromstring(roster_set))
            self.b.loop.run_until_complete(iq.send(timeout=5))
            self.assertEqual(self.b.error_condition("get", q), "item-not-found")
            self.assertEqual(self.a.error_condition(
                "get", "<lookup xmlns='%s' jid='nobody@%s'/>" % (DIR_NS, self.srv.domain)),
                "item-not-found")
            # Carol asks alice to be friends: alice may now see who is asking.
            carol.xmpp.send_presence(pto=self.alice["jid"], ptype="subscribe")
            deadline = 50
            user = None
            while user is None and deadline:
                carol.run_until(["never"], 0.1)
                try:
                    user = self.a.iq("get", q)
                except Exception:  # noqa: BLE001 - not delivered yet
                    deadline -= 1
            self.assertIsNotNone(user, "the request never made carol visible to alice")
            self.assertEqual(user.get("jid"), carol_acc["jid"])
            self.assertEqual(user.get("imptech-id"), carol_acc["imptech_id"])
            # Bob was not asked: carol stays hidden from him.
            self.assertEqual(self.b.error_condition("get", q), "item-not-found")
            for bad in ["not a jid", "x@other.example", "%s/res" % carol_acc["jid"]]:
                self.assertEqual(self.a.error_condition(
                    "get", "<lookup xmlns='%s' jid='%s'/>" % (DIR_NS, bad)), "bad-request", bad)
        finally:
            carol.close()

    def test_profile_nickname_validation(self):
        self.assertEqual(self.a.error_condition(
            "set", "<profile xmlns='%s' nickname=''/>" % DIR_NS), "bad-request")
        self.assertEqual(self.a.error_condition(
            "set", "<profile xmlns='%s' nickname='%s'/>" % (DIR_NS, "x" * 65)), "bad-request")

    def test_consent_receipts_append_and_list(self):
        before = self.a.iq("get", "<receipts xmlns='%s'/>" % CONSENT_NS)
        n = len(list(before))
        self.assertGreaterEqual(n, 1)   # the signup consent
        self.assertEqual(list(before)[0].get("source"), "signup")
        self.a.iq("set", "<receipt xmlns='%s' document='imptech-agreement' version='1' sha256='%s' "
                         "accepted-at='2026-11-03T09:00:00Z' locale='zh_CN'/>" % (CONSENT_NS, AGREEMENT_SHA))
        after = list(self.a.iq("get", "<receipts xmlns='%s'/>" % CONSENT_NS))
        self.assertEqual(len(after), n + 1)
        last = after[-1]
        self.assertEqual((last.get("document"), last.get("version"), last.get("sha256"),
                          last.get("accepted-at"), last.get("locale")),
                         ("imptech-agreement", "1", AGREEMENT_SHA, "2026-11-03T09:00:00Z", "zh_CN"))
        self.assertEqual(self.a.error_condition(
            "set", "<receipt xmlns='%s' document='imptech-agreement' version='1' sha256='abc' "
                   "accepted-at='2026-11-03T09:00:00Z' locale='zh_CN'/>" % CONSENT_NS), "bad-request")
        # Receipts are per user.
        self.assertEqual(len(list(self.b.iq("get", "<receipts xmlns='%s'/>" % CONSENT_NS))), 1)


if __name__ == "__main__":
    unittest.main()
