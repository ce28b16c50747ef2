#include "chat/groups/GroupStanzaCodec.h"

#include "StanzaParse.h"

#include <gtest/gtest.h>

using imp::chat::groups::GroupEvent;
using imp::chat::groups::GroupStanzaCodec;
using imp::xmpp::XmlElement;

namespace {

XmlElement parse(const QByteArray &xml)
{
    return imp::test::parseStanza(xml);
}

const QString Groups = QStringLiteral("groups.imp.test");
const QString Room = QStringLiteral("family@groups.imp.test");
const QDateTime Now = QDateTime::fromSecsSinceEpoch(1'800'000'000, Qt::UTC);

GroupStanzaCodec::Decoded decode(const QByteArray &xml)
{
    return GroupStanzaCodec::decode(parse(xml), Groups, Now);
}

} // namespace

TEST(GroupStanzaCodecTest, AMembersMessageCarriesNickOccupantAndTheRoomsArchiveId)
{
    const auto d =
        decode("<message from='family@groups.imp.test/妈妈' type='groupchat' id='x'>"
               "<body>晚饭七点</body><occupant-id xmlns='urn:xmpp:occupant-id:0' id='OCC1'/>"
               "<stanza-id xmlns='urn:xmpp:sid:0' by='someone@imp.test' id='FAKE'/>"
               "<stanza-id xmlns='urn:xmpp:sid:0' by='family@groups.imp.test' id='ROOM1'/>"
               "<origin-id xmlns='urn:xmpp:sid:0' id='O1'/></message>");
    ASSERT_EQ(d.verdict, GroupStanzaCodec::Verdict::Event);
    EXPECT_EQ(d.event.kind, GroupEvent::Kind::Message);
    EXPECT_EQ(d.event.room, Room);
    EXPECT_EQ(d.event.nick, QStringLiteral("妈妈"));
    EXPECT_EQ(d.event.body, QStringLiteral("晚饭七点"));
    EXPECT_EQ(d.event.occupantId, QStringLiteral("OCC1"));
    EXPECT_EQ(d.event.stanzaId, QStringLiteral("ROOM1")) << "only the room's id is a position";
    EXPECT_EQ(d.event.originId, QStringLiteral("O1"));
    EXPECT_EQ(d.event.time, Now);
}

TEST(GroupStanzaCodecTest, AnArchivedStampIsKeptButNeverOneFromTheFuture)
{
    auto d = decode("<message from='family@groups.imp.test/a' type='groupchat'><body>x</body>"
                    "<delay xmlns='urn:xmpp:delay' stamp='2026-01-02T03:04:05Z'/></message>");
    EXPECT_EQ(d.event.time, QDateTime(QDate(2026, 1, 2), QTime(3, 4, 5), Qt::UTC));
    d = decode("<message from='family@groups.imp.test/a' type='groupchat'><body>x</body>"
               "<delay xmlns='urn:xmpp:delay' stamp='2099-01-01T00:00:00Z'/></message>");
    EXPECT_EQ(d.event.time, Now);
}

TEST(GroupStanzaCodecTest, GroupchatFromOutsideTheServiceOrWithoutANickIsForged)
{
    EXPECT_EQ(decode("<message from='family@evil.example/mom' type='groupchat'>"
                     "<body>send money</body></message>")
                  .verdict,
              GroupStanzaCodec::Verdict::Forged);
    EXPECT_EQ(decode("<message from='bob@imp.test/pc' type='groupchat'><body>hi</body></message>")
                  .verdict,
              GroupStanzaCodec::Verdict::Forged);
    EXPECT_EQ(
        decode("<message from='family@groups.imp.test' type='groupchat'><body>hi</body></message>")
            .verdict,
        GroupStanzaCodec::Verdict::Forged)
        << "text from the room itself is no member's";
}

TEST(GroupStanzaCodecTest, TheAnnouncementIsASubjectAndAHugeOneIsCut)
{
    auto d = decode("<message from='family@groups.imp.test/爸爸' type='groupchat'>"
                    "<subject>周末爬山</subject></message>");
    ASSERT_EQ(d.verdict, GroupStanzaCodec::Verdict::Event);
    EXPECT_EQ(d.event.kind, GroupEvent::Kind::Subject);
    EXPECT_EQ(d.event.body, QStringLiteral("周末爬山"));
    d = decode("<message from='family@groups.imp.test' type='groupchat'><subject>" +
               QByteArray(5000, 'a') + "</subject></message>");
    EXPECT_EQ(d.event.kind, GroupEvent::Kind::Subject);
    EXPECT_EQ(d.event.body.size(), GroupStanzaCodec::MaxSubjectLength);
    // With a body it is a message that happens to carry a subject (XEP-0045 §8.1).
    d = decode("<message from='family@groups.imp.test/a' type='groupchat'>"
               "<subject>s</subject><body>b</body></message>");
    EXPECT_EQ(d.event.kind, GroupEvent::Kind::Message);
}

TEST(GroupStanzaCodecTest, TooLongOrEmptyTextIsIgnored)
{
    EXPECT_EQ(decode("<message from='family@groups.imp.test/a' type='groupchat'><body>" +
                     QByteArray(GroupStanzaCodec::MaxBodyLength + 1, 'x') + "</body></message>")
                  .verdict,
              GroupStanzaCodec::Verdict::Ignored);
    EXPECT_EQ(decode("<message from='family@groups.imp.test/a' type='groupchat'/>").verdict,
              GroupStanzaCodec::Verdict::Ignored);
}

TEST(GroupStanzaCodecTest, AMediatedInvitationNamesTheRoomAndTheInviter)
{
    const auto d = decode("<message from='family@groups.imp.test' to='me@imp.test'>"
                          "<x xmlns='http://jabber.org/protocol/muc#user'>"
                          "<invite from='dad@imp.test/phone'><reason>家人群</reason></invite>"
                          "</x></message>");
    ASSERT_EQ(d.verdict, GroupStanzaCodec::Verdict::Event);
    EXPECT_EQ(d.event.kind, GroupEvent::Kind::Invitation);
    EXPECT_EQ(d.event.room, Room);
    EXPECT_EQ(d.event.inviter, QStringLiteral("dad@imp.test"));
    EXPECT_EQ(d.event.reason, QStringLiteral("家人群"));
    // The same from a user (not a room of our service) grants nothing and is not believed.
    EXPECT_EQ(decode("<message from='stranger@imp.test/x' to='me@imp.test'>"
                     "<x xmlns='http://jabber.org/protocol/muc#user'><invite from='dad@imp.test'/>"
                     "</x></message>")
                  .verdict,
              GroupStanzaCodec::Verdict::Forged);
}

TEST(GroupStanzaCodecTest, OurOwnPresenceSaysJoinedOrRemovedOthersAreMembers)
{
    auto d = decode("<presence from='family@groups.imp.test/我'>"
                    "<x xmlns='http://jabber.org/protocol/muc#user'>"
                    "<item affiliation='member' role='participant'/><status code='110'/></x>"
                    "</presence>");
    ASSERT_EQ(d.verdict, GroupStanzaCodec::Verdict::Event);
    EXPECT_EQ(d.event.kind, GroupEvent::Kind::Joined);
    EXPECT_EQ(d.event.affiliation, QStringLiteral("member"));
    d = decode("<presence from='family@groups.imp.test/我' type='unavailable'>"
               "<x xmlns='http://jabber.org/protocol/muc#user'>"
               "<item affiliation='none' role='none'><reason>spam</reason></item>"
               "<status code='110'/><status code='307'/></x></presence>");
    EXPECT_EQ(d.event.kind, GroupEvent::Kind::Removed);
    EXPECT_EQ(d.event.reason, QStringLiteral("307:spam"));
    d = decode("<presence from='family@groups.imp.test/我' type='unavailable'>"
               "<x xmlns='http://jabber.org/protocol/muc#user'><item affiliation='member'/>"
               "<status code='110'/></x></presence>");
    EXPECT_EQ(d.verdict, GroupStanzaCodec::Verdict::Ignored) << "we left ourselves";
    d = decode("<presence from='family@groups.imp.test/我' type='unavailable'>"
               "<x xmlns='http://jabber.org/protocol/muc#user'><item affiliation='none'/>"
               "<destroy/><status code='110'/></x></presence>");
    EXPECT_EQ(d.event.kind, GroupEvent::Kind::Removed) << "the room was deleted";
    d = decode("<presence from='family@groups.imp.test/妈妈'>"
               "<x xmlns='http://jabber.org/protocol/muc#user'>"
               "<item affiliation='owner' jid='mum@imp.test/phone'/></x></presence>");
    ASSERT_EQ(d.verdict, GroupStanzaCodec::Verdict::Event);
    EXPECT_EQ(d.event.kind, GroupEvent::Kind::Member);
    EXPECT_EQ(d.event.realJid, QStringLiteral("mum@imp.test"));
    EXPECT_EQ(d.event.affiliation, QStringLiteral("owner"));
    EXPECT_FALSE(d.event.gone);
    d = decode("<presence from='family@groups.imp.test/妈妈' type='unavailable'>"
               "<x xmlns='http://jabber.org/protocol/muc#user'><item affiliation='owner'/></x>"
               "</presence>");
    EXPECT_TRUE(d.event.gone);
}

TEST(GroupStanzaCodecTest, ARefusedJoinSaysWhy)
{
    const auto d = decode("<presence from='family@groups.imp.test/我' type='error'>"
                          "<error type='auth'><registration-required "
                          "xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></presence>");
    ASSERT_EQ(d.verdict, GroupStanzaCodec::Verdict::Event);
    EXPECT_EQ(d.event.kind, GroupEvent::Kind::JoinFailed);
    EXPECT_EQ(d.event.condition, QStringLiteral("registration-required"));
}

TEST(GroupStanzaCodecTest, WhatWeSendIsWhatTheServiceExpects)
{
    EXPECT_EQ(GroupStanzaCodec::join(Room, QStringLiteral("me"))
                  .toXml(QStringLiteral("jabber:client"))
                  .toStdString(),
              "<presence to='family@groups.imp.test/me'><x xmlns='http://jabber.org/protocol/muc'>"
              "<history maxstanzas='0'/></x></presence>");
    const auto m = GroupStanzaCodec::message(Room, QStringLiteral("a<b"), QStringLiteral("O9"));
    const auto back = GroupStanzaCodec::decode(
        parse(m.toXml(QStringLiteral("jabber:client"))
                  .replace(QStringLiteral("to='family@groups.imp.test'"),
                           QStringLiteral("from='family@groups.imp.test/我'"))
                  .toUtf8()),
        Groups, Now);
    EXPECT_EQ(back.event.body, QStringLiteral("a<b"));
    EXPECT_EQ(back.event.originId, QStringLiteral("O9")) << "our reflection is matched by it";
    const QString invite = GroupStanzaCodec::invite(Room, QStringLiteral("kid@imp.test"))
                               .toXml(QStringLiteral("jabber:client"));
    EXPECT_TRUE(invite.contains(QStringLiteral("<invite to='kid@imp.test'/>")));
    EXPECT_TRUE(GroupStanzaCodec::selfPing(Room, QStringLiteral("我"), QStringLiteral("p1"))
                    .toXml(QStringLiteral("jabber:client"))
                    .contains(QStringLiteral("<ping xmlns='urn:xmpp:ping'/>")));
}

TEST(GroupStanzaCodecTest, AConfigurationChangeFromTheRoomIsSeenAndOneFromAMemberIsNot)
{
    // Status 104: an owner renamed the group; every member reads the new name.
    const auto d = decode("<message from='family@groups.imp.test' type='groupchat' id='c'>"
                          "<x xmlns='http://jabber.org/protocol/muc#user'>"
                          "<status code='104'/></x></message>");
    ASSERT_EQ(d.verdict, GroupStanzaCodec::Verdict::Event);
    EXPECT_EQ(d.event.kind, GroupEvent::Kind::Configured);
    EXPECT_EQ(d.event.room, Room);
    const auto member = decode("<message from='family@groups.imp.test/mallory' type='groupchat'>"
                               "<x xmlns='http://jabber.org/protocol/muc#user'>"
                               "<status code='104'/></x></message>");
    EXPECT_NE(member.event.kind, GroupEvent::Kind::Configured) << "only the room says so";
}
