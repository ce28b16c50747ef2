"""The fixture's certificate variants are refused by a client that trusts only the CA, and the
http: SMS gateway posts JSON to a provider (a loopback aiohttp server here)."""
import asyncio
import json
import ssl
import threading
import unittest
import urllib.error
import urllib.request

from aiohttp import web

from imphelpers import Api, ImpServer, ssl_context, unique_phone


class RefusedCertificates(unittest.TestCase):
    def test_bad_certificates_fail_verification(self):
        for variant, reason in [("wrong_ca", "unable to get local issuer"),
                                ("expired", "certificate has expired"),
                                ("wrong_host", "Hostname mismatch")]:
            with self.subTest(variant), ImpServer(cert=variant) as srv:
                self.assertEqual(srv.cert_variant, variant)
                with self.assertRaises(urllib.error.URLError) as cm:
                    urllib.request.urlopen(srv.https_base + "/signup/v1/config",
                                           context=ssl_context(srv), timeout=5)
                self.assertIsInstance(cm.exception.reason, ssl.SSLCertVerificationError)
                self.assertIn(reason, str(cm.exception.reason))

    def test_good_certificate_verifies_by_name_and_ip(self):
        with ImpServer() as srv:
            for base in (srv.https_base, "https://127.0.0.1:%d" % srv.https_port):
                with urllib.request.urlopen(base + "/signup/v1/config",
                                            context=ssl_context(srv), timeout=5) as r:
                    self.assertEqual(r.status, 200)


class HttpSmsGateway(unittest.TestCase):
    def test_http_gateway_posts_json(self):
        received = []
        ready = threading.Event()
        state = {}

        async def handler(request):
            received.append(await request.json())
            return web.json_response({"ok": True})

        def serve():
            loop = asyncio.new_event_loop()
            state["loop"] = loop
            app = web.Application()
            app.router.add_post("/sms", handler)
            runner = web.AppRunner(app)
            loop.run_until_complete(runner.setup())
            site = web.TCPSite(runner, "127.0.0.1", 0)
            loop.run_until_complete(site.start())
            state["port"] = site._server.sockets[0].getsockname()[1]
            ready.set()
            loop.run_forever()
            loop.run_until_complete(runner.cleanup())
            loop.close()

        t = threading.Thread(target=serve, daemon=True)
        t.start()
        ready.wait(5)
        try:
            gw = "http:http://127.0.0.1:%d/sms" % state["port"]
            with ImpServer(sms_gateway=gw) as srv:
                phone = unique_phone()
                st, body, _ = Api(srv).code(phone, purpose="guardian")
                self.assertEqual(st, 202)
                for _ in range(100):
                    if received:
                        break
                    threading.Event().wait(0.05)
                self.assertEqual(len(received), 1)
                self.assertEqual(received[0]["phone"], phone)
                self.assertEqual(received[0]["purpose"], "guardian")
                self.assertRegex(received[0]["code"], r"^\d{6}$")
                self.assertNotIn(phone, srv.log_text())
        finally:
            state["loop"].call_soon_threadsafe(state["loop"].stop)
            t.join(5)


if __name__ == "__main__":
    unittest.main()
