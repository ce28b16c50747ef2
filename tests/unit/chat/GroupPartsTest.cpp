// The pure parts of group chat beside the stanza codec: bookmarks (XEP-0402), results of a
// room's archive, and what a room's message becomes in the store.
#include "StanzaParse.h"
#include "chat/groups/GroupBookmarks.h"
#include "chat/groups/GroupInbound.h"
#include "chat/groups/GroupStanzaCodec.h"
#include "chat/messages/InboundBatch.h"

#include <gtest/gtest.h>

using imp::chat::groups::GroupBookmarks;
using imp::chat::groups::GroupEvent;
using imp::chat::groups::GroupInbound;
using imp::chat::groups::GroupStanzaCodec;

namespace {

const QString Groups = QStringLiteral("groups.imp.test");
const QString Room = QStringLiteral("family@groups.imp.test");
const QString Me = QStringLiteral("me@imp.test");
const QDateTime Now = QDateTime::fromSecsSinceEpoch(1'800'000'000, Qt::UTC);

} // namespace

TEST(GroupBookmarksTest, APublishedBookmarkReadsBackAndKeepsItsOptions)
{
    const auto iq =
        GroupBookmarks::publish({Room, QStringLiteral("我们一家"), QStringLiteral("小明"), true});
    const QString xml = iq.toXml(QStringLiteral("jabber:client"));
    // Kept, for us only, every item (XEP-0402 §3): otherwise a server may drop groups.
    EXPECT_TRUE(xml.contains(QStringLiteral("pubsub#access_model")));
    EXPECT_TRUE(xml.contains(QStringLiteral("whitelist")));
    EXPECT_TRUE(xml.contains(QStringLiteral("pubsub#persist_items")));
    // The server's answer to a fetch carries items like the one published.
    const auto result = imp::test::parseStanza(
        "<iq type='result'><pubsub xmlns='http://jabber.org/protocol/pubsub'>"
        "<items node='urn:xmpp:bookmarks:1'>"
        "<item id='family@groups.imp.test'><conference xmlns='urn:xmpp:bookmarks:1' "
        "name='我们一家' autojoin='true'><nick>小明</nick></conference></item>"
        "<item id='evil@elsewhere.test'><conference xmlns='urn:xmpp:bookmarks:1' "
        "autojoin='true'/></item>"
        "<item id='family@groups.imp.test/nick'><conference xmlns='urn:xmpp:bookmarks:1'/></item>"
        "<item id='quiet@groups.imp.test'><conference xmlns='urn:xmpp:bookmarks:1' "
        "autojoin='false'/></item>"
        "</items></pubsub></iq>");
    const auto bookmarks = GroupBookmarks::fromItems(result, Groups);
    ASSERT_EQ(bookmarks.size(), 2) << "other services and full JIDs are not our groups";
    EXPECT_EQ(bookmarks[0].room, Room);
    EXPECT_EQ(bookmarks[0].name, QStringLiteral("我们一家"));
    EXPECT_EQ(bookmarks[0].nick, QStringLiteral("小明"));
    EXPECT_TRUE(bookmarks[0].autojoin);
    EXPECT_FALSE(bookmarks[1].autojoin);
}

TEST(GroupBookmarksTest, OnlyOurOwnAccountChangesOurBookmarks)
{
    const QByteArray event =
        "<message from='%1'><event xmlns='http://jabber.org/protocol/pubsub#event'>"
        "<items node='urn:xmpp:bookmarks:1'><item id='family@groups.imp.test'>"
        "<conference xmlns='urn:xmpp:bookmarks:1' autojoin='true'/></item>"
        "<retract id='old@groups.imp.test'/></items></event></message>";
    const auto ours = GroupBookmarks::fromEvent(
        imp::test::parseStanza(QByteArray(event).replace("%1", "me@imp.test")), Me, Groups);
    ASSERT_TRUE(ours.has_value());
    ASSERT_EQ(ours->added.size(), 1);
    EXPECT_EQ(ours->retracted, QList<QString>{QStringLiteral("old@groups.imp.test")});
    const auto theirs = GroupBookmarks::fromEvent(
        imp::test::parseStanza(QByteArray(event).replace("%1", "mallory@imp.test")), Me, Groups);
    EXPECT_FALSE(theirs.has_value()) << "someone else cannot put us in a group";
}

TEST(GroupArchiveResultTest, ARoomMayForwardOnlyItsOwnMessages)
{
    const QByteArray result =
        "<message from='%1'><result xmlns='urn:xmpp:mam:2' queryid='q1' id='A7'>"
        "<forwarded xmlns='urn:xmpp:forward:0'><delay xmlns='urn:xmpp:delay' "
        "stamp='2026-12-01T08:00:00Z'/><message xmlns='jabber:client' type='groupchat' "
        "from='%2'><body>早</body><x xmlns='http://jabber.org/protocol/muc#user'>"
        "<item jid='mum@imp.test/phone'/></x></message></forwarded></result></message>";
    auto decode = [&](const char *from, const char *inner) {
        return GroupStanzaCodec::decodeArchived(
            imp::test::parseStanza(QByteArray(result).replace("%1", from).replace("%2", inner)),
            Groups, Now);
    };
    const auto ok = decode("family@groups.imp.test", "family@groups.imp.test/妈妈");
    ASSERT_EQ(ok.verdict, GroupStanzaCodec::Verdict::Event);
    EXPECT_EQ(ok.event.queryId, QStringLiteral("q1"));
    EXPECT_EQ(ok.event.stanzaId, QStringLiteral("A7")) << "the archive position";
    EXPECT_EQ(ok.event.realJid, QStringLiteral("mum@imp.test"));
    EXPECT_EQ(ok.event.time, QDateTime(QDate(2026, 12, 1), QTime(8, 0), Qt::UTC));
    EXPECT_EQ(decode("family@groups.imp.test", "other@groups.imp.test/妈妈").verdict,
              GroupStanzaCodec::Verdict::Forged);
    EXPECT_EQ(decode("mallory@imp.test", "family@groups.imp.test/妈妈").verdict,
              GroupStanzaCodec::Verdict::Forged);
    EXPECT_EQ(decode("family@groups.imp.test/妈妈", "family@groups.imp.test/妈妈").verdict,
              GroupStanzaCodec::Verdict::Forged)
        << "a member cannot answer a query of the room's archive";
}

TEST(GroupInboundTest, OursIsOursTheirsKeepsTheirNameAndTheArchiveNamesWhoWroteIt)
{
    GroupEvent e;
    e.kind = GroupEvent::Kind::Message;
    e.room = Room;
    e.nick = QStringLiteral("小明");
    e.body = QStringLiteral("到家了");
    e.stanzaId = QStringLiteral("A1");
    e.originId = QStringLiteral("O1");
    e.time = Now.addMSecs(700);
    // Live, with our nickname: our own message reflected.
    auto own = GroupInbound::itemOf(e, Me, QStringLiteral("小明"), {});
    ASSERT_TRUE(own.has_value());
    EXPECT_TRUE(own->message.outgoing);
    EXPECT_EQ(own->message.sender, Me);
    EXPECT_EQ(own->message.state, imp::chat::Message::State::Sent);
    EXPECT_EQ(own->message.originId, QStringLiteral("O1")) << "matched to the outbox by it";
    EXPECT_EQ(own->message.archiveId, QStringLiteral("A1"));
    EXPECT_EQ(own->message.time, Now) << "to the second, like the archive's stamps";
    // Someone else's: their name, and their JID when the room said who holds that name.
    e.nick = QStringLiteral("妈妈");
    auto theirs =
        GroupInbound::itemOf(e, Me, QStringLiteral("小明"), QStringLiteral("mum@imp.test"));
    EXPECT_FALSE(theirs->message.outgoing);
    EXPECT_EQ(theirs->message.sender, QStringLiteral("mum@imp.test"));
    EXPECT_EQ(theirs->message.senderName, QStringLiteral("妈妈"));
    theirs = GroupInbound::itemOf(e, Me, QStringLiteral("小明"), {});
    EXPECT_EQ(theirs->message.sender, Room + QStringLiteral("/妈妈"));
    // From the archive, the real JID decides, whatever the nickname.
    e.nick = QStringLiteral("小明");
    e.realJid = QStringLiteral("impostor@imp.test");
    EXPECT_FALSE(GroupInbound::itemOf(e, Me, QStringLiteral("小明"), {})->message.outgoing);
    // Without any id it could not be told from a repeat: not stored.
    e.stanzaId.clear();
    e.originId.clear();
    EXPECT_FALSE(GroupInbound::itemOf(e, Me, QStringLiteral("小明"), {}).has_value());
}

TEST(GroupStanzaCodecTest, ASentEntryBecomesAGroupchatWithoutReceiptRequests)
{
    const auto chat = imp::test::parseStanza(
        "<message to='family@groups.imp.test' type='chat' id='O1'><body>hi</body>"
        "<request xmlns='urn:xmpp:receipts'/><markable xmlns='urn:xmpp:chat-markers:0'/>"
        "<active xmlns='http://jabber.org/protocol/chatstates'/>"
        "<origin-id xmlns='urn:xmpp:sid:0' id='O1'/></message>");
    const auto group = GroupStanzaCodec::toGroup(chat);
    EXPECT_EQ(group.attribute(QStringLiteral("type")), QStringLiteral("groupchat"));
    EXPECT_FALSE(group.hasChild(QStringLiteral("request"), QStringLiteral("urn:xmpp:receipts")));
    EXPECT_FALSE(
        group.hasChild(QStringLiteral("markable"), QStringLiteral("urn:xmpp:chat-markers:0")));
    EXPECT_TRUE(group.hasChild(QStringLiteral("origin-id"), QStringLiteral("urn:xmpp:sid:0")));
    EXPECT_TRUE(group.hasChild(QStringLiteral("body")));
}
