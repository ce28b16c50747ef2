"""Signup HTTP API (/signup/v1/) against a real Prosody: every status a client must handle."""
import re
import time
import unittest

from imphelpers import (AGREEMENT_SHA, Api, ImpServer, minor_consent, new_password, signup,
                        unique_phone, mask_phone, Client, DIR_NS)


class SignupApi(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = ImpServer(min_version="1.0.0", latest_version="1.2.0").start()

    @classmethod
    def tearDownClass(cls):
        cls.srv.cleanup()

    def test_config_announces_versions_and_agreement(self):
        st, body, _ = Api(self.srv).call("GET", "config")
        self.assertEqual(st, 200)
        self.assertEqual(body["min_version"], "1.0.0")
        self.assertEqual(body["latest_version"], "1.2.0")
        self.assertEqual(body["agreement"], {"id": "imptech-agreement", "version": 1,
                                             "sha256": AGREEMENT_SHA})

    def test_code_accepted_with_202(self):
        phone = unique_phone()
        st, body, _ = Api(self.srv).code(phone)
        self.assertEqual(st, 202)
        self.assertEqual(body, {"retry_after": 60, "expires_in": 300})
        code = self.srv.last_code(phone)
        self.assertRegex(code, r"^\d{6}$")

    def test_invalid_phone_is_400(self):
        api = Api(self.srv)
        for bad in ["13812348000", "+0123456789", "+86 138 1234 8000", "+12345", "+1234567890123456",
                    "", "+86abc12345678"]:
            st, body, _ = api.code(bad)
            self.assertEqual((st, body), (400, {"error": "invalid_phone"}), bad)
        st, body, _ = api.verify("12345", "123456")
        self.assertEqual(st, 400)

    def test_outdated_client_is_426(self):
        for v in ["0.9.9", "0.99.0", "garbage"]:
            st, body, _ = Api(self.srv, version=v).code(unique_phone())
            self.assertEqual(st, 426, v)
            self.assertEqual(body["error"], "client_outdated")
        # The same version and newer pass; pre-release suffixes are ignored.
        for v in ["1.0.0", "1.0.1-beta", "2.0"]:
            st, _, _ = Api(self.srv, version=v).code(unique_phone())
            self.assertEqual(st, 202, v)
        st, body, _ = Api(self.srv, version="0.5.0").verify(unique_phone(), "123456")
        self.assertEqual(st, 426)

    def test_resend_within_interval_is_429_with_retry_after(self):
        api = Api(self.srv)
        phone = unique_phone()
        self.assertEqual(api.code(phone)[0], 202)
        st, body, headers = api.code(phone)
        self.assertEqual(st, 429)
        self.assertEqual(body["error"], "rate_limited")
        self.assertTrue(50 <= body["retry_after"] <= 60, body)
        self.assertEqual(int(headers["Retry-After"]), body["retry_after"])

    def test_bad_requests_are_400(self):
        api = Api(self.srv)
        self.assertEqual(api.call("POST", "code", raw=b"{not json")[:2],
                         (400, {"error": "invalid_request"}))
        st, body, _ = api.code(unique_phone(), purpose="marketing")
        self.assertEqual((st, body["error"]), (400, "invalid_request"))
        phone = unique_phone()
        api.code(phone)
        code = self.srv.last_code(phone)
        # A password that is not 32 random bytes in base64 is refused before the code is tried.
        short = "c2hvcnQ="
        st, body, _ = api.verify(phone, code, password=short)
        self.assertEqual((st, body["error"], body.get("field")), (400, "invalid_request", "password"))
        st, body, _ = api.call("POST", "verify", {"phone": phone, "code": code})
        self.assertEqual((st, body["error"]), (400, "invalid_request"))
        # The code was not consumed by these refusals.
        self.assertEqual(api.verify(phone, code)[0], 201)

    def test_wrong_code_counts_down_then_410(self):
        api = Api(self.srv)
        phone = unique_phone()
        api.code(phone)
        code = self.srv.last_code(phone)
        wrong = "%06d" % ((int(code) + 1) % 1000000)
        left = []
        for _ in range(5):
            st, body, _ = api.verify(phone, wrong)
            self.assertEqual(st, 401)
            self.assertEqual(body["error"], "wrong_code")
            left.append(body["attempts_left"])
        self.assertEqual(left, [4, 3, 2, 1, 0])
        # Exhausted: even the right code now fails with 410, reason attempts_exhausted.
        st, body, _ = api.verify(phone, code)
        self.assertEqual(st, 410)
        self.assertEqual(body, {"error": "code_expired", "reason": "attempts_exhausted",
                                "which": "account"})

    def test_new_account_201_then_reused_code_410(self):
        api = Api(self.srv)
        phone = unique_phone()
        api.code(phone)
        code = self.srv.last_code(phone)
        st, body, _ = api.verify(phone, code)
        self.assertEqual(st, 201)
        self.assertRegex(body["jid"], r"^u[a-z2-7]{12}@localhost$")
        self.assertRegex(body["imptech_id"], r"^imp_[a-z0-9]{8}$")
        st, body2, _ = api.verify(phone, code)
        self.assertEqual(st, 410)
        self.assertEqual(body2["reason"], "used")

    def test_no_code_sent_is_410(self):
        st, body, _ = Api(self.srv).verify(unique_phone(), "123456")
        self.assertEqual((st, body["error"], body["reason"]), (410, "code_expired", "no_code"))

    def test_guardian_flow(self):
        api = Api(self.srv)
        child, parent = unique_phone(), unique_phone("+86137")
        api.code(child)
        child_code = self.srv.last_code(child)
        # A minor without a guardian is refused, and the code is not used up.
        st, body, _ = api.verify(child, child_code, consent=minor_consent())
        self.assertEqual((st, body), (400, {"error": "guardian_required"}))
        st, body, _ = api.verify(child, child_code, consent=dict(minor_consent(), age_bracket="child"))
        self.assertEqual(st, 400)
        # The guardian's code must have been sent with purpose "guardian" to the guardian.
        st, _, _ = api.code(parent, purpose="guardian")
        self.assertEqual(st, 202)
        parent_code = self.srv.last_code(parent, purpose="guardian")
        wrong = "%06d" % ((int(parent_code) + 7) % 1000000)
        st, body, _ = api.verify(child, child_code, consent=minor_consent(),
                                 guardian={"phone": parent, "code": wrong})
        self.assertEqual(st, 401)
        self.assertEqual((body["which"], body["attempts_left"]), ("guardian", 4))
        # A guardian phone equal to the child's phone is refused.
        st, _, _ = api.verify(child, child_code, consent=minor_consent(),
                              guardian={"phone": child, "code": child_code})
        self.assertEqual(st, 400)
        password = new_password()
        st, body, _ = api.verify(child, child_code, password=password, consent=minor_consent(),
                                 guardian={"phone": parent, "code": parent_code})
        self.assertEqual(st, 201, body)
        c = Client(self.srv, body["jid"], password)
        try:
            self.assertTrue(c.connect())
            me = c.iq("get", "<me xmlns='%s'/>" % DIR_NS)
            self.assertEqual(me.get("minors-mode"), "true")
            self.assertEqual(me.get("findable-by-phone"), "false")
            # Minors cannot turn phone findability on, and are never found by phone.
            self.assertEqual(c.error_condition(
                "set", "<settings xmlns='%s' findable-by-phone='true'/>" % DIR_NS), "not-allowed")
            self.assertEqual(c.error_condition(
                "get", "<lookup xmlns='%s' phone='%s'/>" % (DIR_NS, child)), "item-not-found")
        finally:
            c.close()

    def test_guardian_code_with_account_purpose_is_refused(self):
        api = Api(self.srv)
        child, parent = unique_phone(), unique_phone("+86136")
        api.code(child)
        api.code(parent, purpose="account")
        st, body, _ = api.verify(child, self.srv.last_code(child), consent=minor_consent(),
                                 guardian={"phone": parent, "code": self.srv.last_code(parent)})
        self.assertEqual(st, 410)
        self.assertEqual((body["which"], body["reason"]), ("guardian", "no_code"))

    def test_zz_log_has_no_phone_numbers_or_codes(self):
        # Runs last in this class (alphabetical): the log holds every request made above.
        signup(self.srv)
        log = self.srv.log_text()
        lines = self.srv.sms_lines()
        self.assertTrue(lines)
        for phone, code, _ in lines:
            self.assertNotIn(phone, log)
            self.assertNotIn(phone[1:], log)
            # As a token (a 6-digit run can occur by chance inside hex session ids).
            self.assertIsNone(re.search(r"(?<!\w)%s(?!\w)" % code, log), "code leaked")
        self.assertIn(mask_phone(lines[-1][0]), log)


class ShortLivedCodes(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = ImpServer(code_ttl=2).start()

    @classmethod
    def tearDownClass(cls):
        cls.srv.cleanup()

    def test_expired_code_is_410(self):
        api = Api(self.srv)
        phone = unique_phone()
        st, body, _ = api.code(phone)
        self.assertEqual(body["expires_in"], 2)
        code = self.srv.last_code(phone)
        time.sleep(3.1)
        st, body, _ = api.verify(phone, code)
        self.assertEqual(st, 410)
        self.assertEqual((body["error"], body["reason"]), ("code_expired", "expired"))


class Quotas(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = ImpServer(resend_interval=0, quota_per_number=3, quota_per_ip=4,
                            quota_per_install=3).start()

    @classmethod
    def tearDownClass(cls):
        cls.srv.cleanup()

    def assert_429(self, result):
        st, body, headers = result
        self.assertEqual(st, 429, body)
        self.assertEqual(body["error"], "rate_limited")
        self.assertGreater(body["retry_after"], 3000)   # an hourly window
        self.assertEqual(headers["Retry-After"], str(body["retry_after"]))

    def test_per_number_hourly_quota(self):
        phone = unique_phone()
        for i in range(3):
            self.assertEqual(Api(self.srv).code(phone, install_id="n%d" % i)[0], 202)
        self.assert_429(Api(self.srv).code(phone, install_id="n9"))

    def test_per_ip_hourly_quota(self):
        api = Api(self.srv)
        for i in range(4):
            self.assertEqual(api.code(unique_phone(), install_id="ip%d" % i)[0], 202)
        self.assert_429(api.code(unique_phone(), install_id="ip9"))
        # Another address is not affected.
        self.assertEqual(Api(self.srv).code(unique_phone(), install_id="ipx")[0], 202)

    def test_per_install_hourly_quota(self):
        for _ in range(3):
            self.assertEqual(Api(self.srv).code(unique_phone(), install_id="same-install")[0], 202)
        self.assert_429(Api(self.srv).code(unique_phone(), install_id="same-install"))


if __name__ == "__main__":
    unittest.main()
