"""slixmpp group members for the group tests: chatpeers.Bot with XEP-0045 joins, groupchat
messages, invitations and the room's affiliation lists (plain stanzas, as another client sends
them)."""
import asyncio
import time
import uuid
import xml.etree.ElementTree as ET

from chatpeers import Bot

MUC = "http://jabber.org/protocol/muc"
MUC_USER = MUC + "#user"
MUC_ADMIN = MUC + "#admin"
SID = "urn:xmpp:sid:0"


class GroupBot(Bot):
    def groupchat(self, room):
        """(nick, body, origin id) of every groupchat message from `room`, in arrival order."""
        out = []
        for m in self.messages:
            if m["type"] == "groupchat" and m["from"].split("/")[0] == room and m["body"]:
                out.append((m["from"].split("/", 1)[1], m["body"], m["origin_id"]))
        return out

    def invitations(self):
        return [m["from"] for m in self.messages
                if m["xml"].find("{%s}x/{%s}invite" % (MUC_USER, MUC_USER)) is not None]

    def join(self, room, nick):
        def go():
            p = self.xmpp.make_presence(pto="%s/%s" % (room, nick))
            x = ET.SubElement(p.xml, "{%s}x" % MUC)
            ET.SubElement(x, "{%s}history" % MUC, maxstanzas="0")
            p.send()
        self.later(go)
        self.drain()

    def leave(self, room, nick):
        self.later(lambda: self.xmpp.make_presence(pto="%s/%s" % (room, nick),
                                                   ptype="unavailable").send())
        self.drain()

    def say(self, room, body, origin_id=None):
        origin_id = origin_id or str(uuid.uuid4())

        def go():
            m = self.xmpp.make_message(mto=room, mbody=body, mtype="groupchat")
            m["id"] = origin_id
            m.xml.append(ET.Element("{%s}origin-id" % SID, id=origin_id))
            m.send()
        self.later(go)
        return origin_id

    def create(self, nick):
        room = "bot%s@groups.%s" % (uuid.uuid4().hex[:10], self.srv.domain)
        self.join(room, nick)
        return room

    def invite(self, room, who):
        def go():
            m = self.xmpp.make_message(mto=room)
            x = ET.SubElement(m.xml, "{%s}x" % MUC_USER)
            ET.SubElement(x, "{%s}invite" % MUC_USER, to=who)
            m.send()
        self.later(go)
        self.drain()

    def iq(self, to, itype, xml, timeout=10):
        async def go():
            iq = self.xmpp.make_iq_get(ito=to) if itype == "get" else self.xmpp.make_iq_set(ito=to)
            iq.xml.append(ET.fromstring(xml))
            return await iq.send(timeout=timeout)
        return self.call(go, timeout=timeout + 5)

    def affiliated(self, room, affiliation):
        r = self.iq(room, "get", "<query xmlns='%s'><item affiliation='%s'/></query>"
                    % (MUC_ADMIN, affiliation))
        return sorted(i.get("jid") for i in r.xml.iter("{%s}item" % MUC_ADMIN))

    def set_affiliation(self, room, jid, affiliation):
        self.iq(room, "set", "<query xmlns='%s'><item jid='%s' affiliation='%s'/></query>"
                % (MUC_ADMIN, jid, affiliation))

    def wait_groupchat(self, room, n, timeout=60):
        return self.wait(lambda: len(self.groupchat(room)) >= n, timeout)
