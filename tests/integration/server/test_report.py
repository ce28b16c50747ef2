"""XEP-0377 spam reports inside XEP-0191 blocks (mod_imptech_report), over real XMPP."""
import unittest

from chathelpers import BLOCKING_NS, REPORTING_NS, OnlineTestCase, read_store
from imphelpers import signup


def block_xml(jid, reason="urn:xmpp:reporting:spam", text=None, report=True):
    inner = ""
    if report:
        inner = "<report xmlns='%s' reason='%s'>%s</report>" % (
            REPORTING_NS, reason, "<text xml:lang='en'>%s</text>" % text if text is not None else "")
    return "<block xmlns='%s'><item jid='%s'>%s</item></block>" % (BLOCKING_NS, jid, inner)


class Reports(OnlineTestCase):
    def reports(self, client):
        rec = read_store(self.srv, "imptech_reports", client.bare.split("@")[0])
        return (rec or {}).get("reports", [])

    def test_disco_advertises_reporting(self):
        c = self.online()
        for target in (self.srv.domain, c.bare):
            features = c.disco_features(target)
            self.assertIn("urn:xmpp:reporting:1", features, target)
            self.assertIn("urn:xmpp:reporting:reason:0", features, target)
            if target == self.srv.domain:
                self.assertIn(BLOCKING_NS, features)

    def test_report_is_recorded_and_sender_blocked(self):
        victim, spammer = self.online(), self.online()
        spammer.say(victim.bare, "buy now")
        self.assertTrue(victim.wait_for(lambda: victim.messages), "not delivered before block")
        secret_text = "Unsolicited ads 广告 every hour " + "x" * 1500
        self.assertIsNone(victim.self_iq_error(
            "set", block_xml(spammer.bare, "urn:xmpp:reporting:spam", secret_text)))
        recs = self.reports(victim)
        self.assertEqual(len(recs), 1)
        r = recs[0]
        self.assertEqual((r["reported"], r["reason"]), (spammer.bare, "spam"))
        self.assertEqual(len(r["text"]), 1000)   # characters, not bytes (the text has CJK)
        self.assertTrue(secret_text.startswith(r["text"]))
        self.assertIsInstance(r["time"], int)
        # The block itself happened (mod_blocklist still ran): listed, and messages stop.
        self.assertIn(spammer.bare, victim.blocklist())
        victim.messages.clear()
        spammer.say(victim.bare, "buy now, again")
        spammer.wait_for(lambda: spammer.errors, 3)
        victim.pump(1.0)
        self.assertEqual(victim.messages, [])
        self.assertEqual(spammer.errors, [(victim.bare, "service-unavailable")])
        # The log names the report but never the text, and the peer only masked.
        log = self.srv.log_text()
        self.assertNotIn("Unsolicited ads", log)
        ours = [line for line in log.splitlines() if "report" in line]
        self.assertIn("Recorded spam report against %s****%s@localhost"
                      % (spammer.bare[:3], spammer.bare.split("@")[0][-2:]), "\n".join(ours))
        self.assertFalse([line for line in ours if spammer.bare in line])

    def test_reported_messages_are_kept_by_archive_id(self):
        victim, spammer = self.online(), self.online()
        ids = "".join("<stanza-id xmlns='urn:xmpp:sid:0' by='%s' id='%s'/>" % (victim.bare, i)
                      for i in ["arch-1", "arch-2", "x" * 200, ""] + ["n%d" % k for k in range(12)])
        xml = ("<block xmlns='%s'><item jid='%s'><report xmlns='%s' "
               "reason='urn:xmpp:reporting:abuse'>%s<text>this one</text></report></item></block>"
               % (BLOCKING_NS, spammer.bare, REPORTING_NS, ids))
        self.assertIsNone(victim.self_iq_error("set", xml))
        r = self.reports(victim)[0]
        # Valid ids only (an over-long or empty one is dropped), and at most ten.
        self.assertEqual(r["messages"], ["arch-1", "arch-2"] + ["n%d" % k for k in range(8)])
        self.assertEqual(r["text"], "this one")

    def test_abuse_reason_and_plain_block(self):
        c = self.online()
        other, plain = signup(self.srv)["jid"], signup(self.srv)["jid"]
        self.assertIsNone(c.self_iq_error("set", block_xml(other, "urn:xmpp:reporting:abuse")))
        self.assertIsNone(c.self_iq_error("set", block_xml(plain, report=False)))
        recs = self.reports(c)
        self.assertEqual([(r["reported"], r["reason"], r["text"]) for r in recs],
                         [(other, "abuse", "")])
        self.assertEqual(c.blocklist(), {other, plain})

    def test_rate_limit_20_per_hour_still_blocks(self):
        c = self.online()
        targets = ["spam%02d@example.org" % i for i in range(22)]
        for t in targets:
            self.assertIsNone(c.self_iq_error("set", block_xml(t, text="spam")))
        recs = self.reports(c)
        self.assertEqual([r["reported"] for r in recs], targets[:20])
        self.assertEqual(c.blocklist(), set(targets))
        self.assertIn("Report rate limit reached", self.srv.log_text())
        # Another reporter is not affected by c's limit.
        d = self.online()
        self.assertIsNone(d.self_iq_error("set", block_xml(targets[0])))
        self.assertEqual(len(self.reports(d)), 1)

    def test_forged_or_invalid_reports_are_ignored(self):
        c = self.online()
        # A report without an <item/>: mod_blocklist refuses it, nothing is recorded.
        self.assertEqual(c.self_iq_error(
            "set", "<block xmlns='%s'><report xmlns='%s' reason='urn:xmpp:reporting:spam'>"
                   "<text>forged</text></report></block>" % (BLOCKING_NS, REPORTING_NS)),
            "bad-request")
        # A malformed JID: the block fails, and so does the report.
        self.assertEqual(c.self_iq_error("set", block_xml("a@b@c")), "jid-malformed")
        # An unknown reason: the block happens, the report is not recorded.
        stranger = signup(self.srv)["jid"]
        self.assertIsNone(c.self_iq_error("set", block_xml(stranger, "urn:example:nonsense")))
        self.assertIn(stranger, c.blocklist())
        self.assertEqual(self.reports(c), [])


if __name__ == "__main__":
    unittest.main()
