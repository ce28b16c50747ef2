"""Minors' mode: friend requests from strangers never reach a minor (mod_imptech_minors)."""
import unittest

from chathelpers import OnlineTestCase, signup_minor
from imphelpers import signup


class MinorsMode(OnlineTestCase):
    def online(self, account):
        c = super().online(account)
        c.roster()   # asks for roster pushes, like a real client
        return c

    def test_stranger_request_is_declined(self):
        minor = self.online(signup_minor(self.srv))
        stranger = self.online(signup(self.srv))
        stranger.presence(minor.bare, "subscribe")
        self.assertTrue(stranger.wait_for(
            lambda: ("unsubscribed", minor.bare) in stranger.presences, 5),
            "stranger was not told the request was declined")
        minor.pump(0.5)
        self.assertNotIn(("subscribe", stranger.bare), minor.presences)
        # Nothing waits for the minor either: a new session gets no pending request, and
        # the stranger's roster no longer shows the request as pending.
        self.assertNotIn(stranger.bare, minor.roster())
        later = self.online(minor.account)
        later.pump(0.5)
        self.assertNotIn(("subscribe", stranger.bare), later.presences)
        self.assertEqual(stranger.roster().get(minor.bare), ("none", None))
        ours = [line for line in self.srv.log_text().splitlines() if "Minors' mode" in line]
        self.assertEqual(len(ours), 1)
        self.assertNotIn(stranger.bare, ours[0])
        self.assertNotIn(minor.bare, ours[0])

    def test_adult_requests_are_untouched(self):
        adult, other = self.online(signup(self.srv)), self.online(signup(self.srv))
        other.presence(adult.bare, "subscribe")
        self.assertTrue(adult.wait_for(lambda: ("subscribe", other.bare) in adult.presences, 5))

    def test_minor_asks_first_and_becomes_mutual_friends(self):
        minor = self.online(signup_minor(self.srv))
        friend = self.online(signup(self.srv))
        minor.presence(friend.bare, "subscribe")
        self.assertTrue(friend.wait_for(lambda: ("subscribe", minor.bare) in friend.presences, 5))
        # The friend accepts and asks back, as the IMpTech client does on "accept".
        friend.presence(minor.bare, "subscribed")
        friend.presence(minor.bare, "subscribe")
        self.assertTrue(minor.wait_for(lambda: ("subscribe", friend.bare) in minor.presences, 5),
                        "the friend's request back did not reach the minor")
        self.assertNotIn(("unsubscribed", minor.bare), friend.presences)
        minor.presence(friend.bare, "subscribed")
        self.assertTrue(minor.wait_for(
            lambda: minor.roster().get(friend.bare, ("",))[0] == "both", 5), minor.roster())
        self.assertEqual(friend.roster().get(minor.bare, ("",))[0], "both")
        # Friends can chat.
        friend.say(minor.bare, "hello")
        self.assertTrue(minor.wait_for(lambda: (friend.bare, "hello") in
                                       [(f, b) for f, b, _ in minor.messages], 5))


if __name__ == "__main__":
    unittest.main()
