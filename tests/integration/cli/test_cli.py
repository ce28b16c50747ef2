"""imptech-cli against a real Prosody: consent first, sign-up with the SMS code typed at the
prompt or given in a second run, whoami online, a slixmpp peer messaging the new account, and TLS
refusal."""
import asyncio
import os
import pathlib
import subprocess
import tempfile
import time
import unittest

from impserver import ImpServer
import imphelpers

CLI = os.environ["IMP_CLI"]
ENV = dict(os.environ, DBUS_SESSION_BUS_ADDRESS="unix:path=/nonexistent")


class CliTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = ImpServer(resend_interval=1).start()

    @classmethod
    def tearDownClass(cls):
        cls.srv.stop()
        cls.srv.cleanup()

    def cli(self, data_dir, *args, ca=None, stdin=None, timeout=60):
        cmd = [CLI, "--data-dir", data_dir, "--server", f"localhost:{self.srv.https_port}",
               "--ca-file", str(ca or self.srv.ca_file), *args]
        return subprocess.run(cmd, input=stdin, capture_output=True, text=True, timeout=timeout,
                              env=ENV)

    def agree(self, data_dir):
        r = self.cli(data_dir, "agree", "--birth-date", "1990-05-17", "--yes")
        self.assertEqual(r.returncode, 0, r.stderr)
        return r

    def signup_with_prompt(self, data_dir, phone):
        """Types the SMS code at the prompt, as a person reading their phone would."""
        proc = subprocess.Popen([CLI, "--data-dir", data_dir, "--server",
                                 f"localhost:{self.srv.https_port}", "--ca-file",
                                 str(self.srv.ca_file), "signup", phone],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True, env=ENV)
        e164 = "+86" + phone.replace(" ", "")
        code = self.srv.last_code(e164, timeout=10)
        out, err = proc.communicate(code + "\n", timeout=60)
        self.assertEqual(proc.returncode, 0, err)
        return out

    def test_signup_is_refused_until_the_agreement_is_accepted(self):
        with tempfile.TemporaryDirectory() as d:
            r = self.cli(d, "signup", "13800138111", "--code", "123456")
            self.assertEqual(r.returncode, 6)
            self.assertIn("agree", r.stderr)
            self.assertEqual(os.listdir(d), [], "nothing is written before consent")

    def test_agree_prints_the_document_before_accepting(self):
        with tempfile.TemporaryDirectory() as d:
            r = self.cli(d, "agree", "--birth-date", "1990-05-17", stdin="n\n")
            self.assertNotEqual(r.returncode, 0)
            self.assertIn("document: imptech-agreement", r.stdout)
            self.assertIn("version: 1", r.stdout)
            self.assertIn("sha256: c4a3199962dcf474d8691a0f008b6837ee2680368784734e1a9557b7009f728e",
                          r.stdout)
            self.assertEqual(os.listdir(d), [], "declining writes nothing")
            r = self.cli(d, "agree", "--birth-date", "2015-01-01", "--yes")
            self.assertEqual(r.returncode, 4, "minors sign up in the app with a guardian")

    def test_signup_whoami_online_and_a_peer_can_message_the_new_account(self):
        with tempfile.TemporaryDirectory() as d:
            self.agree(d)
            out = self.signup_with_prompt(d, "138 0013 8222")
            jid = next(l.split(": ", 1)[1] for l in out.splitlines() if l.startswith("jid: "))
            self.assertTrue(jid.endswith("@localhost"))

            who = self.cli(d, "whoami")
            self.assertEqual(who.returncode, 0, who.stderr)
            self.assertIn("jid: " + jid, who.stdout)
            self.assertIn("imptech-id: imp_", who.stdout)
            self.assertIn("state: online", who.stdout)

            # An independent XMPP client sends to the new JID: delivered, no error bounce.
            peer = imphelpers.signup(self.srv)
            bot = imphelpers.Client(self.srv, peer["jid"], peer["password"])
            errors = []
            bot.xmpp.add_event_handler("message_error", errors.append)
            try:
                self.assertTrue(bot.connect())
                bot.xmpp.send_message(mto=jid, mbody="你好 👋", mtype="chat")
                bot.loop.run_until_complete(asyncio.sleep(1.5))
                self.assertEqual(errors, [])
            finally:
                bot.close()

            # Nothing readable in the profile folder.
            blob = b"".join(pathlib.Path(root, f).read_bytes()
                            for root, _, files in os.walk(d) for f in files)
            for canary in (b"13800138222", jid.encode(), b"imptech-agreement"):
                self.assertNotIn(canary, blob)

    def test_two_step_signup_uses_the_code_sent_by_the_first_run(self):
        """`signup PHONE` sends the code and stops; `signup PHONE --code C` checks that code and
        sends no new one (a new one would replace it on the server)."""
        with tempfile.TemporaryDirectory() as d:
            self.agree(d)
            phone, e164 = "138 0013 8555", "+8613800138555"
            first = self.cli(d, "signup", phone, stdin="")
            self.assertEqual(first.returncode, 0, first.stderr)
            self.assertIn("signup PHONE --code CODE", first.stdout)
            self.assertNotIn("jid: ", first.stdout)
            code = self.srv.last_code(e164, timeout=10)
            time.sleep(1.5)  # past the fixture's resend interval: a second code could be sent

            second = self.cli(d, "signup", phone, "--code", code)
            self.assertEqual(second.returncode, 0, second.stderr)
            jid = next(l.split(": ", 1)[1] for l in second.stdout.splitlines()
                       if l.startswith("jid: "))
            sent = [c for p, c, purpose in self.srv.sms_lines() if p == e164]
            self.assertEqual(sent, [code], "the second step sends no code")

            who = self.cli(d, "whoami")
            self.assertEqual(who.returncode, 0, who.stderr)
            self.assertIn("jid: " + jid, who.stdout)

            # The code is spent: a third run with it is refused, and still sends nothing.
            again = self.cli(d, "signup", phone, "--code", code)
            self.assertNotEqual(again.returncode, 0)
            self.assertIn("CodeExpired", again.stderr)
            self.assertEqual([c for p, c, _ in self.srv.sms_lines() if p == e164], [code])

    def test_wrong_code_says_how_many_attempts_are_left(self):
        with tempfile.TemporaryDirectory() as d:
            self.agree(d)
            r = self.cli(d, "signup", "13800138333", "--code", "000000")
            if r.returncode == 0:  # the one-in-a-million right guess
                return
            self.assertIn("WrongCode", r.stderr)
            self.assertIn("4 attempts left", r.stderr)

    def test_untrusted_server_certificate_is_refused(self):
        with tempfile.TemporaryDirectory() as d:
            self.agree(d)
            self.signup_with_prompt(d, "138 0013 8444")
            with tempfile.TemporaryDirectory() as other:
                # A CA that did not sign the server's certificate: refuse, never downgrade.
                fake_ca = os.path.join(other, "unrelated-ca.pem")
                subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                                "-keyout", os.path.join(other, "k.pem"), "-out", fake_ca,
                                "-days", "2", "-subj", "/CN=Unrelated CA"],
                               check=True, capture_output=True)
                r = self.cli(d, "whoami", ca=fake_ca)
                self.assertIn("state: offline", r.stdout)
                self.assertIn("reason: tls.unknown_ca", r.stdout)


if __name__ == "__main__":
    unittest.main()
