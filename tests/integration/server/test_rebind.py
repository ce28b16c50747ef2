"""Device re-binding: signing up again with the same phone signs the old device out."""
import unittest

from imphelpers import (STREAMS_NS, SIGNOUT_TEXT, Api, Client, ImpServer, new_password,
                        signup)


class Rebind(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = ImpServer(resend_interval=0).start()

    @classmethod
    def tearDownClass(cls):
        cls.srv.cleanup()

    def test_rebind_signs_out_old_device_and_replaces_password(self):
        acct = signup(self.srv)
        old = Client(self.srv, acct["jid"], acct["password"])
        try:
            self.assertTrue(old.connect())
            # The new device signs up with the same number.
            api = Api(self.srv)
            self.assertEqual(api.code(acct["phone"])[0], 202)
            new_pw = new_password()
            st, body, _ = api.verify(acct["phone"], self.srv.last_code(acct["phone"]),
                                     password=new_pw, device_id="dev-2")
            self.assertEqual(st, 200, body)
            self.assertEqual(body, {"jid": acct["jid"], "imptech_id": acct["imptech_id"]})
            # The old session is closed with the documented stream error.
            old.run_until(["disconnected"], 10)
            self.assertIn("disconnected", old.events)
            self.assertEqual(len(old.stream_errors), 1)
            err = old.stream_errors[0]
            self.assertEqual(err["condition"], "conflict")
            self.assertEqual(err["text"], SIGNOUT_TEXT)
            text = err.xml.find("{%s}text" % STREAMS_NS)
            self.assertEqual(text.get("{http://www.w3.org/XML/1998/namespace}lang"), "en")
            marker = err.xml.find("{urn:imptech:account:0}signed-out")
            self.assertIsNotNone(marker)
            self.assertEqual(marker.get("reason"), "rebound")
        finally:
            old.close()
        # The old password no longer authenticates; the new one does.
        stale = Client(self.srv, acct["jid"], acct["password"])
        try:
            self.assertFalse(stale.connect())
            self.assertIn("failed_auth", stale.events)
        finally:
            stale.close()
        fresh = Client(self.srv, acct["jid"], new_pw)
        try:
            self.assertTrue(fresh.connect())
        finally:
            fresh.close()

    def test_rebind_survives_restart(self):
        """Accounts, phone map and IDs are persistent (file storage), not in memory."""
        acct = signup(self.srv)
        self.srv.restart()
        api = Api(self.srv)
        self.assertEqual(api.code(acct["phone"])[0], 202)
        st, body, _ = api.verify(acct["phone"], self.srv.last_code(acct["phone"]))
        self.assertEqual(st, 200)
        self.assertEqual(body["imptech_id"], acct["imptech_id"])


if __name__ == "__main__":
    unittest.main()
