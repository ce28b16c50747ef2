"""imp::xmpp against a real Prosody: SCRAM login, certificate refusals, STARTTLS stripping.

Runs xmpp_probe (path in IMP_XMPP_PROBE) and reads its one-line JSON verdict.
"""
import json
import os
import re
import socket
import subprocess
import sys
import threading
import unittest
from pathlib import Path

ROOT = Path(os.environ.get("IMP_SOURCE_DIR", Path(__file__).resolve().parents[3]))
sys.path.insert(0, str(ROOT / "server" / "fixture"))
from impserver import ImpServer  # noqa: E402

PROBE = os.environ.get("IMP_XMPP_PROBE", "")
PASSWORD = "integration-Passw0rd-\u00e9"


def register(srv, user, password):
    subprocess.run(["prosodyctl", "--config", srv.config_file, "register", user, srv.domain,
                    password], check=True, capture_output=True, timeout=30)


def probe(srv, *, user="alice", password=PASSWORD, direct=None, starttls=None, ca_file=None,
          extra=()):
    args = [PROBE, "--domain", srv.domain, "--host", "127.0.0.1",
            "--direct-tls-port", str(srv.direct_tls_port if direct is None else direct),
            "--starttls-port", str(srv.c2s_port if starttls is None else starttls),
            "--user", user, "--resource", "probe-device",
            "--ca-file", ca_file or srv.ca_file, "--timeout-ms", "20000", *extra]
    env = dict(os.environ, IMP_PROBE_PASSWORD=password)
    out = subprocess.run(args, env=env, capture_output=True, text=True, timeout=60)
    lines = [l for l in out.stdout.splitlines() if l.startswith("{")]
    if not lines:
        raise AssertionError("probe printed nothing: rc=%s\n%s" % (out.returncode, out.stderr))
    # The password must never be logged by the client.
    assert password not in out.stderr and password not in out.stdout
    return json.loads(lines[0])


class StripStartTlsProxy:
    """A TCP proxy that deletes <starttls/> from the server's features (a downgrade attack)."""

    STARTTLS = re.compile(rb"<starttls[^>]*/>|<starttls[^>]*>.*?</starttls>", re.S)

    def __init__(self, target_port):
        self.target_port = target_port
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.client_bytes = bytearray()
        self.stop = False
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while not self.stop:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            server = socket.create_connection(("127.0.0.1", self.target_port))
            threading.Thread(target=self._pump, args=(client, server, False), daemon=True).start()
            threading.Thread(target=self._pump, args=(server, client, True), daemon=True).start()

    def _pump(self, src, dst, from_server):
        pending = b""
        try:
            while True:
                data = src.recv(65536)
                if not data:
                    break
                if not from_server:
                    self.client_bytes += data
                    dst.sendall(data)
                    continue
                pending += data
                # Hold back an unfinished <starttls ...> so it can be removed whole.
                cut = pending.rfind(b"<starttls")
                if cut != -1 and not self.STARTTLS.search(pending, cut):
                    continue
                dst.sendall(self.STARTTLS.sub(b"", pending))
                pending = b""
        except OSError:
            pass
        finally:
            for s in (src, dst):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def close(self):
        self.stop = True
        self.listener.close()


@unittest.skipUnless(PROBE and Path(PROBE).exists(), "IMP_XMPP_PROBE not built")
class GoodCertificateTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = ImpServer(cert="good").start()
        register(cls.srv, "alice", PASSWORD)

    @classmethod
    def tearDownClass(cls):
        cls.srv.cleanup()

    def test_scram_login_over_direct_tls(self):
        r = probe(self.srv)
        self.assertEqual(r["state"], "Online", r)
        self.assertEqual(r["jid"], "alice@%s/probe-device" % self.srv.domain)

    def test_scram_login_over_starttls(self):
        r = probe(self.srv, direct=0)
        self.assertEqual(r["state"], "Online", r)

    def test_falls_back_to_starttls_when_direct_tls_is_closed(self):
        closed = socket.create_server(("127.0.0.1", 0))
        port = closed.getsockname()[1]
        closed.close()
        r = probe(self.srv, direct=port)
        self.assertEqual(r["state"], "Online", r)

    def test_wrong_password_is_auth_failed(self):
        r = probe(self.srv, password="not-the-password")
        self.assertEqual((r["state"], r["error"], r["retrying"]), ("Offline", "auth.failed", False))

    def test_unknown_ca_when_trusting_another_ca(self):
        # The server's chain is fine, but we trust only an unrelated CA.
        other = str(self.srv.pki_dir / "wrong-ca.pem")
        r = probe(self.srv, ca_file=other)
        self.assertEqual(r["error"], "tls.unknown_ca", r)

    def test_starttls_stripping_proxy_is_refused(self):
        proxy = StripStartTlsProxy(self.srv.c2s_port)
        try:
            r = probe(self.srv, direct=0, starttls=proxy.port)
        finally:
            proxy.close()
        self.assertEqual((r["state"], r["error"]), ("Offline", "tls.not_offered"), r)
        sent = bytes(proxy.client_bytes)
        self.assertIn(b"<stream:stream", sent)
        self.assertNotIn(b"<auth", sent)
        self.assertNotIn(PASSWORD.encode(), sent)


@unittest.skipUnless(PROBE and Path(PROBE).exists(), "IMP_XMPP_PROBE not built")
class BadCertificateTest(unittest.TestCase):
    def check(self, variant, code):
        with ImpServer(cert=variant) as srv:
            register(srv, "alice", PASSWORD)
            for direct in (None, 0):  # direct TLS, then STARTTLS
                r = probe(srv, direct=direct)
                self.assertEqual((r["state"], r["error"], r["retrying"]), ("Offline", code, False),
                                 (variant, direct, r))

    def test_wrong_ca(self):
        self.check("wrong_ca", "tls.unknown_ca")

    def test_expired(self):
        self.check("expired", "tls.expired")

    def test_wrong_host(self):
        self.check("wrong_host", "tls.host_mismatch")


if __name__ == "__main__":
    unittest.main()
