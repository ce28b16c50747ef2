"""Private groups on Prosody's MUC (groups.localhost): the room defaults, invitations that make
members, the member limit and minors' rules (mod_imptech_groups), the room archive, and groups
surviving a server restart. The clients are plain slixmpp ones sending XEP-0045 stanzas."""
import asyncio
import unittest
import uuid
import xml.etree.ElementTree as ET

from slixmpp.xmlstream.handler import Callback
from slixmpp.xmlstream.matcher import MatchXPath

from chathelpers import Chatter, OnlineTestCase, signup_minor
from imphelpers import IqError

MUC = "http://jabber.org/protocol/muc"
MUC_USER = MUC + "#user"
MUC_ADMIN = MUC + "#admin"
MAM = "urn:xmpp:mam:2"


class Member(Chatter):
    """A Chatter that also keeps group presences and messages."""

    def __init__(self, srv, account):
        super().__init__(srv, account)
        self.room_presences = []  # (room bare, nick, muc#user status codes, type)
        self.group_messages = []  # (room bare, nick, body)
        self.raw = []             # every message stanza, as XML text (archive results)
        self.raw_presences = []   # every presence, as XML text (even one slixmpp cannot parse)
        self.xmpp.add_event_handler("presence", self._on_room_presence)
        # Every <message/>, whatever slixmpp makes of it (archive results have no body).
        self.xmpp.register_handler(Callback("imp raw messages", MatchXPath("{jabber:client}message"),
                                            self._on_raw))
        self.xmpp.register_handler(Callback(
            "imp raw presences", MatchXPath("{jabber:client}presence"),
            lambda p: self.raw_presences.append(ET.tostring(p.xml, encoding="unicode"))))

    def _on_room_presence(self, pres):
        x = pres.xml.find("{%s}x" % MUC_USER)
        if x is None:
            return
        codes = {s.get("code") for s in x.findall("{%s}status" % MUC_USER)}
        self.room_presences.append((pres["from"].bare, pres["from"].resource, codes,
                                    pres["type"]))

    def _on_raw(self, msg):
        self.raw.append(ET.tostring(msg.xml, encoding="unicode"))
        body = msg.xml.find("{jabber:client}body")
        if msg.xml.get("type") == "groupchat" and body is not None and body.text:
            sender = msg["from"]
            self.group_messages.append((sender.bare, sender.resource, body.text))

    def bounced(self, condition):
        """An error <message/> (a refused invitation) carrying `condition`."""
        tag = "{urn:ietf:params:xml:ns:xmpp-stanzas}" + condition
        return any(m.startswith("<") and 'type="error"' in m and
                   ET.fromstring(m).find(".//" + tag) is not None for m in self.raw)

    def join(self, room, nick):
        p = self.xmpp.make_presence(pto="%s/%s" % (room, nick))
        x = ET.SubElement(p.xml, "{%s}x" % MUC)
        ET.SubElement(x, "{%s}history" % MUC, maxstanzas="0")
        p.send()

    def joined(self, room, timeout=5):
        return self.wait_for(lambda: any(r == room and "110" in codes and t != "error"
                                         for r, _, codes, t in self.room_presences), timeout)

    def invite(self, room, who):
        m = self.xmpp.make_message(mto=room)
        x = ET.SubElement(m.xml, "{%s}x" % MUC_USER)
        ET.SubElement(x, "{%s}invite" % MUC_USER, to=who)
        m.send()

    def iq_to(self, to, itype, xml, timeout=5):
        iq = self.xmpp.make_iq_get(ito=to) if itype == "get" else self.xmpp.make_iq_set(ito=to)
        iq.xml.append(ET.fromstring(xml))
        return self.loop.run_until_complete(
            asyncio.ensure_future(iq.send(timeout=timeout), loop=self.loop))

    def affiliated(self, room, affiliation):
        reply = self.iq_to(room, "get", "<query xmlns='%s'><item affiliation='%s'/></query>"
                           % (MUC_ADMIN, affiliation))
        return {i.get("jid") for i in reply.xml.iter("{%s}item" % MUC_ADMIN)}

    def set_affiliation_error(self, room, who, affiliation):
        try:
            self.iq_to(room, "set", "<query xmlns='%s'><item jid='%s' affiliation='%s'/></query>"
                       % (MUC_ADMIN, who, affiliation))
        except IqError as e:
            return e.iq["error"]["condition"]
        return None


class GroupsTest(OnlineTestCase):
    server_options = dict(group_max_members=4, quota_per_ip=1000, verify_quota_per_ip=1000,
                          quota_per_install=1000)
    client_class = Member

    def new_group(self, owner):
        room = "g%s@%s" % (uuid.uuid4().hex[:12], self.srv.groups_domain)
        owner.join(room, "owner")
        self.assertTrue(owner.joined(room), owner.room_presences)
        return room

    def test_every_module_of_the_groups_service_loaded(self):
        # A module that fails to load is only a log line, and its rules would silently not hold.
        self.assertNotIn("Error initializing module", self.srv.log_text())

    def test_a_new_group_is_private_persistent_members_only_and_archived(self):
        owner = self.online()
        room = self.new_group(owner)
        features = owner.disco_features(room)
        for feature in ("muc_membersonly", "muc_persistent", "muc_hidden", "muc_nonanonymous",
                        MAM):
            self.assertIn(feature, features)
        self.assertNotIn("muc_public", features)
        self.assertEqual(owner.affiliated(room, "owner"), {owner.bare})

    def test_an_invitation_makes_a_member_and_nobody_else_gets_in(self):
        owner, friend, stranger = self.online(), self.online(), self.online()
        room = self.new_group(owner)
        stranger.join(room, "stranger")
        self.assertTrue(stranger.wait_for(lambda: any(
            r == room and t == "error" for r, _, _, t in stranger.room_presences)
            or not stranger.joined(room, 0.1), 3))
        self.assertFalse(stranger.joined(room, 1), "a members-only group let a stranger in")
        owner.invite(room, friend.bare)
        self.assertTrue(owner.wait_for(lambda: friend.bare in owner.affiliated(room, "member"), 5))
        friend.join(room, "friend")
        self.assertTrue(friend.joined(room))
        # Members invite too (allow_member_invites), and that grants membership as well.
        newcomer = self.online()
        friend.invite(room, newcomer.bare)
        self.assertTrue(owner.wait_for(
            lambda: newcomer.bare in owner.affiliated(room, "member"), 5))

    def test_a_member_leaves_for_good_and_only_itself(self):
        # XEP-0045 gives members no way to give up a membership; mod_imptech_groups does, for
        # one's own JID only. Otherwise "leave" would leave us a member who can come back.
        owner, member, other = self.online(), self.online(), self.online()
        room = self.new_group(owner)
        owner.invite(room, member.bare)
        owner.invite(room, other.bare)
        self.assertTrue(owner.wait_for(
            lambda: {member.bare, other.bare} <= owner.affiliated(room, "member"), 5))
        self.assertEqual(member.set_affiliation_error(room, other.bare, "none"), "not-allowed")
        self.assertIsNone(member.set_affiliation_error(room, member.bare, "none"))
        self.assertEqual(owner.affiliated(room, "member"), {other.bare})
        # The last owner cannot leave the group without an owner.
        self.assertEqual(owner.set_affiliation_error(room, owner.bare, "none"), "conflict")

    def test_messages_reach_every_member_and_stay_in_the_group_archive(self):
        owner, friend = self.online(), self.online()
        room = self.new_group(owner)
        owner.invite(room, friend.bare)
        self.assertTrue(owner.wait_for(lambda: friend.bare in owner.affiliated(room, "member"), 5))
        friend.join(room, "friend")
        self.assertTrue(friend.joined(room))
        body = "group hello %s" % uuid.uuid4().hex
        owner.xmpp.send_message(mto=room, mbody=body, mtype="groupchat")
        self.assertTrue(friend.wait_for(
            lambda: (room, "owner", body) in friend.group_messages, 5))
        # A new phone catches up from the room's archive (no MUC history on join).
        reply = friend.iq_to(room, "set", "<query xmlns='%s' queryid='q1'/>" % MAM)
        self.assertEqual(reply["type"], "result")
        self.assertTrue(friend.wait_for(lambda: any(
            "queryid=\"q1\"" in m and body in m for m in friend.raw), 5),
            "the message is not in the group's archive")

    def test_the_member_limit_holds_for_invitations_and_for_owners(self):
        owner = self.online()
        room = self.new_group(owner)
        members = [self.online() for _ in range(3)]
        for m in members:
            owner.invite(room, m.bare)
        self.assertTrue(owner.wait_for(
            lambda: len(owner.affiliated(room, "member")) == 3, 5))
        # 4 with the owner: full. Neither an invitation nor the owner can add a fifth.
        late = self.online()
        owner.invite(room, late.bare)
        self.assertTrue(owner.wait_for(lambda: owner.bounced("resource-constraint"), 5))
        self.assertEqual(owner.set_affiliation_error(room, late.bare, "member"),
                         "resource-constraint")
        self.assertNotIn(late.bare, owner.affiliated(room, "member"))
        # Someone leaves; there is room again.
        self.assertIsNone(owner.set_affiliation_error(room, members[0].bare, "none"))
        self.assertIsNone(owner.set_affiliation_error(room, late.bare, "member"))

    def test_a_stranger_cannot_bring_a_minor_into_a_group_but_a_friend_can(self):
        minor = self.online(signup_minor(self.srv))
        stranger, friend = self.online(), self.online()
        room = self.new_group(stranger)
        stranger.invite(room, minor.bare)
        self.assertTrue(stranger.wait_for(lambda: stranger.bounced("not-allowed"), 5))
        self.assertEqual(stranger.set_affiliation_error(room, minor.bare, "member"),
                         "not-allowed")
        self.assertNotIn(minor.bare, stranger.affiliated(room, "member"))
        # The minor asked the friend first and they became friends: the friend may.
        minor.presence(friend.bare, "subscribe")
        self.assertTrue(friend.wait_for(lambda: ("subscribe", minor.bare) in friend.presences, 5))
        friend.presence(minor.bare, "subscribed")
        self.assertTrue(minor.wait_for(
            lambda: minor.roster().get(friend.bare, ("",))[0] in ("to", "both"), 5))
        theirs = self.new_group(friend)
        friend.invite(theirs, minor.bare)
        self.assertTrue(friend.wait_for(
            lambda: minor.bare in friend.affiliated(theirs, "member"), 5))

    def test_a_group_and_its_members_survive_a_server_restart(self):
        owner, friend = self.online(), self.online()
        room = self.new_group(owner)
        owner.invite(room, friend.bare)
        self.assertTrue(owner.wait_for(lambda: friend.bare in owner.affiliated(room, "member"), 5))
        self.srv.restart()
        again = self.online(owner.account)
        again.join(room, "owner")
        self.assertTrue(again.joined(room))
        self.assertEqual(again.affiliated(room, "owner"), {owner.bare})
        self.assertEqual(again.affiliated(room, "member"), {friend.bare})

    def test_a_nickname_that_imitates_or_reorders_text_is_refused(self):
        owner = self.online()
        room = self.new_group(owner)
        friend = self.online()
        owner.invite(room, friend.bare)
        self.assertTrue(owner.wait_for(lambda: friend.bare in owner.affiliated(room, "member"), 5))
        # (U+202E and U+200F do not even make a valid JID; these do.)
        for nick in ("\u2067abc", "x" * 65):
            before = len(friend.raw_presences)
            friend.join(room, nick)
            self.assertTrue(friend.wait_for(lambda: any(
                'type="error"' in p and "not-acceptable" in p
                for p in friend.raw_presences[before:]), 5), repr(nick))
            self.assertFalse(friend.joined(room, 0.2), repr(nick))
        friend.join(room, "王芳")
        self.assertTrue(friend.joined(room), "a plain Chinese nickname is fine")

    def test_an_announcement_of_a_megabyte_is_refused_and_the_group_goes_on(self):
        owner = self.online()
        room = self.new_group(owner)
        m = owner.xmpp.make_message(mto=room, mtype="groupchat")
        ET.SubElement(m.xml, "{jabber:client}subject").text = "公告" * 1500  # 9,000 bytes
        m.send()
        self.assertTrue(owner.wait_for(lambda: owner.bounced("not-acceptable"), 5))
        m = owner.xmpp.make_message(mto=room, mtype="groupchat")
        ET.SubElement(m.xml, "{jabber:client}subject").text = "周末爬山"
        m.send()
        self.assertTrue(owner.wait_for(lambda: any("周末爬山" in r for r in owner.raw), 5),
                        "a normal announcement is set and sent to the members")
        # A whole megabyte is over the server's stanza limit: that client is cut off, the
        # group and its other members are not.
        friend = self.online()
        owner.invite(room, friend.bare)
        self.assertTrue(owner.wait_for(lambda: friend.bare in owner.affiliated(room, "member"), 5))
        friend.join(room, "friend")
        self.assertTrue(friend.joined(room))
        big = owner.xmpp.make_message(mto=room, mtype="groupchat")
        ET.SubElement(big.xml, "{jabber:client}subject").text = "x" * (1 << 20)
        big.send()
        owner.pump(1)
        body = "still here %s" % uuid.uuid4().hex
        owner2 = self.online(owner.account)
        owner2.join(room, "owner2")
        self.assertTrue(owner2.joined(room))
        owner2.xmpp.send_message(mto=room, mbody=body, mtype="groupchat")
        self.assertTrue(friend.wait_for(lambda: any(b == body for _, _, b in friend.group_messages),
                                        5))

    def test_self_ping_tells_a_member_whether_it_is_still_in_the_group(self):
        # XEP-0410: a ping to one's own occupant JID answers while joined, errors once not.
        owner = self.online()
        room = self.new_group(owner)
        reply = owner.iq_to(room + "/owner", "get", "<ping xmlns='urn:xmpp:ping'/>")
        self.assertEqual(reply["type"], "result")
        leave = owner.xmpp.make_presence(pto=room + "/owner", ptype="unavailable")
        leave.send()
        owner.pump(0.5)
        with self.assertRaises(IqError) as gone:
            owner.iq_to(room + "/owner", "get", "<ping xmlns='urn:xmpp:ping'/>")
        self.assertIn(gone.exception.iq["error"]["condition"],
                      ("not-acceptable", "item-not-found", "not-allowed"))


if __name__ == "__main__":
    unittest.main()
