// The message path driven through an in-process XMPP session: XML in, XML and stored state out.
#include "InProcessChannel.h"
#include "TestProfile.h"
#include "chat/MessageService.h"
#include "chat/Profile.h"
#include "xmpp/Namespaces.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <gtest/gtest.h>

using imp::chat::Conversation;
using imp::chat::Message;
using imp::chat::MessageService;
using imp::chat::test::InProcessChannel;
using imp::chat::test::waitUntil;

namespace {

const QString Mam = QStringLiteral("urn:xmpp:mam:2");

QByteArray chatFrom(const QString &id, const QString &body, const QString &extra = {})
{
    return QStringLiteral("<message from='bob@imp.test/pc' to='alice@imp.test/phone' type='chat' "
                          "id='%1'><body>%2</body><origin-id xmlns='urn:xmpp:sid:0' id='%1'/>"
                          "<request xmlns='urn:xmpp:receipts'/>%3</message>")
        .arg(id, body, extra)
        .toUtf8();
}

QByteArray archived(const QString &queryId, const QString &archiveId, const QString &from,
                    const QString &to, const QString &id, const QString &body, int second)
{
    return QStringLiteral(
               "<message to='alice@imp.test/phone'><result xmlns='urn:xmpp:mam:2' queryid='%1' "
               "id='%2'><forwarded xmlns='urn:xmpp:forward:0'><delay xmlns='urn:xmpp:delay' "
               "stamp='2026-11-01T10:00:%7Z'/><message xmlns='jabber:client' from='%3' to='%4' "
               "type='chat' id='%5'><body>%6</body><origin-id xmlns='urn:xmpp:sid:0' id='%5'/>"
               "</message></forwarded></result></message>")
        .arg(queryId, archiveId, from, to, id, body, QString::number(second).rightJustified(2, '0'))
        .toUtf8();
}

QByteArray fin(const QString &first, const QString &last, bool complete)
{
    return QStringLiteral("<fin xmlns='urn:xmpp:mam:2' complete='%1'><set "
                          "xmlns='http://jabber.org/protocol/rsm'><first>%2</first><last>%3</last>"
                          "</set></fin>")
        .arg(complete ? "true" : "false", first, last)
        .toUtf8();
}

class MessagePipelineTest : public ::testing::Test {
protected:
    void SetUp() override { open(true); }

    void open(bool create)
    {
        profile = imp::test::openTestProfile(m_dir.path(), create);
        ASSERT_TRUE(profile);
        channel = std::make_unique<InProcessChannel>();
        service = std::make_unique<MessageService>(profile, *channel,
                                                   [] { return QStringLiteral("alice@imp.test"); });
        service->start();
    }
    void reopen()
    {
        service.reset();
        channel.reset();
        profile->flush().waitForFinished();
        profile.reset();
        open(false);
    }

    // The last MAM query the client sent, and its query id.
    imp::xmpp::XmlElement lastMamQuery() const
    {
        for (auto it = channel->sentIqs.rbegin(); it != channel->sentIqs.rend(); ++it)
            if (it->hasChild(QStringLiteral("query"), Mam))
                return *it;
        return {};
    }
    static QString queryIdOf(const imp::xmpp::XmlElement &iq)
    {
        return iq.firstChild(QStringLiteral("query"), Mam).attribute(QStringLiteral("queryid"));
    }

    // A fresh session whose catch-up finds `results` (by query id) and then the archive's end.
    void online(const std::function<QByteArray(const QString &queryId)> &results = {})
    {
        const auto before = channel->sentIqs.size();
        channel->goOnline();
        ASSERT_TRUE(waitUntil([&] {
            return channel->sentIqs.size() > before && !queryIdOf(lastMamQuery()).isEmpty() &&
                   channel->sentIqs.indexOf(lastMamQuery()) >= before;
        }));
        const auto query = lastMamQuery();
        QByteArray first, last;
        if (results)
            channel->inject(results(queryIdOf(query)));
        channel->answerIq(query.attribute("id"), fin(QString(), QString(), true));
        ASSERT_TRUE(waitUntil([&] { return !service->syncing(); }));
    }

    QList<Message> history(const QString &peer = QStringLiteral("bob@imp.test"))
    {
        auto page = service->page(peer, std::nullopt, 100);
        EXPECT_TRUE(waitUntil([&] { return page.isFinished(); }));
        return page.result().ok() ? page.result().value() : QList<Message>();
    }
    std::optional<Conversation> conversation(const QString &peer = QStringLiteral("bob@imp.test"))
    {
        auto list = service->conversations();
        EXPECT_TRUE(waitUntil([&] { return list.isFinished(); }));
        for (const auto &c : list.result().value())
            if (c.peer == peer)
                return c;
        return std::nullopt;
    }

    QTemporaryDir m_dir;
    std::shared_ptr<imp::chat::Profile> profile;
    std::unique_ptr<InProcessChannel> channel;
    std::unique_ptr<MessageService> service;
};

} // namespace

TEST_F(MessagePipelineTest, ReceivedMessageIsStoredBeforeItsAckIsReleasedAndIsConfirmed)
{
    online();
    QSignalSpy added(service.get(), &MessageService::messageAdded);
    channel->inject(chatFrom("m1", "hello"));
    EXPECT_EQ(channel->deferred.size(), 1); // held back until stored
    ASSERT_TRUE(waitUntil([&] { return added.count() == 1; }));
    EXPECT_TRUE(channel->deferred.isEmpty());
    const auto receipts = channel->sentWith("received", "urn:xmpp:receipts");
    ASSERT_EQ(receipts.size(), 1);
    EXPECT_EQ(receipts[0].attribute("to"), "bob@imp.test/pc");
    EXPECT_EQ(receipts[0].firstChild("received", "urn:xmpp:receipts").attribute("id"), "m1");
    const auto stored = history();
    ASSERT_EQ(stored.size(), 1);
    EXPECT_EQ(stored[0].body, "hello");
    EXPECT_EQ(stored[0].sender, "bob@imp.test");
    const auto c = conversation();
    ASSERT_TRUE(c);
    EXPECT_EQ(c->unread, 1);
    EXPECT_EQ(c->preview, "hello");
}

TEST_F(MessagePipelineTest, RepeatedMessageIsStoredOnceAndConfirmedOnce)
{
    online();
    QSignalSpy added(service.get(), &MessageService::messageAdded);
    channel->inject(chatFrom("m1", "once"));
    channel->inject(chatFrom("m1", "once"));
    ASSERT_TRUE(waitUntil([&] { return added.count() == 1 && channel->deferred.isEmpty(); }));
    channel->inject(chatFrom("m1", "once")); // again, after it was stored
    ASSERT_TRUE(waitUntil([&] { return channel->deferred.isEmpty(); }));
    QCoreApplication::processEvents();
    EXPECT_EQ(added.count(), 1);
    EXPECT_EQ(history().size(), 1);
    EXPECT_EQ(channel->sentWith("received", "urn:xmpp:receipts").size(), 1);
    EXPECT_EQ(channel->released, 3); // every copy acknowledged, so none comes back
}

TEST_F(MessagePipelineTest, BodyKeepsALeadingByteOrderMarkBothWays)
{
    online();
    const QString withBom = QStringLiteral("\uFEFFstarts with a BOM");
    ASSERT_TRUE(service->send("bob@imp.test", withBom));
    ASSERT_TRUE(
        waitUntil([&] { return !channel->sentWith("body", imp::xmpp::ns::Client).isEmpty(); }));
    const auto sent = channel->sentWith("body", imp::xmpp::ns::Client).last();
    EXPECT_EQ(sent.firstChild("body", imp::xmpp::ns::Client).text(), withBom);

    QSignalSpy added(service.get(), &MessageService::messageAdded);
    channel->inject(chatFrom("m1", withBom));
    ASSERT_TRUE(waitUntil([&] { return added.count() == 1; }));
    reopen();
    const auto stored = history();
    ASSERT_EQ(stored.size(), 2);
    for (const auto &m : stored)
        EXPECT_EQ(m.body, withBom) << (m.outgoing ? "sent" : "received");
}

TEST_F(MessagePipelineTest, ReceiptsAndReadMarkersRaiseOwnMessagesAndTheTicksFollow)
{
    online();
    ASSERT_TRUE(service->send("bob@imp.test", "one"));
    ASSERT_TRUE(service->send("bob@imp.test", "two"));
    ASSERT_TRUE(
        waitUntil([&] { return channel->sentWith("body", imp::xmpp::ns::Client).size() == 2; }));
    channel->ackAll();
    ASSERT_TRUE(waitUntil([&] {
        const auto c = conversation();
        return c && c->lastState == Message::State::Sent;
    }));
    const auto sent = channel->sentWith("body", imp::xmpp::ns::Client);
    const QString first = sent[0].attribute("id");
    const QString second = sent[1].attribute("id");

    QSignalSpy changed(service.get(), &MessageService::conversationChanged);
    channel->inject(QStringLiteral("<message from='bob@imp.test/pc' to='alice@imp.test/phone'>"
                                   "<received xmlns='urn:xmpp:receipts' id='%1'/></message>")
                        .arg(second)
                        .toUtf8());
    ASSERT_TRUE(waitUntil([&] { return changed.count() >= 1; }));
    EXPECT_EQ(changed.last()[0].value<Conversation>().lastState, Message::State::Delivered);

    // A read marker for the second covers the first (XEP-0333).
    channel->inject(QStringLiteral("<message from='bob@imp.test/pc' to='alice@imp.test/phone'>"
                                   "<displayed xmlns='urn:xmpp:chat-markers:0' id='%1'/></message>")
                        .arg(second)
                        .toUtf8());
    ASSERT_TRUE(waitUntil([&] {
        const auto h = history();
        return h.size() == 2 && h[0].state == Message::State::Read &&
               h[1].state == Message::State::Read;
    }));
    EXPECT_EQ(conversation()->lastState, Message::State::Read);
    Q_UNUSED(first);
}

TEST_F(MessagePipelineTest, PeerRecallsTheirMessageButNobodyElseCan)
{
    online();
    QSignalSpy added(service.get(), &MessageService::messageAdded);
    channel->inject(chatFrom("m1", "oops"));
    channel->inject(chatFrom("m2", "keep"));
    ASSERT_TRUE(waitUntil([&] { return added.count() == 2; }));
    // Carol cannot recall Bob's message in Bob's chat: the retract lands in her own chat.
    channel->inject("<message from='carol@imp.test/x' to='alice@imp.test' type='chat' id='r0'>"
                    "<retract xmlns='urn:xmpp:message-retract:1' id='m2'/></message>");
    channel->inject("<message from='bob@imp.test/pc' to='alice@imp.test' type='chat' id='r1'>"
                    "<retract xmlns='urn:xmpp:message-retract:1' id='m1'/><body>fallback</body>"
                    "<fallback xmlns='urn:xmpp:fallback:0' for='urn:xmpp:message-retract:1'/>"
                    "</message>");
    ASSERT_TRUE(waitUntil([&] {
        const auto h = history();
        return h.size() == 2 && h[1].recalled;
    }));
    const auto h = history();
    EXPECT_TRUE(h[1].body.isEmpty());
    EXPECT_FALSE(h[0].recalled);
    EXPECT_EQ(h[0].body, "keep");
    EXPECT_EQ(added.count(), 2); // the fallback body is not a message
}

TEST_F(MessagePipelineTest, TypingShowsWhileThePeerComposesAndEndsWithTheirMessage)
{
    online();
    QSignalSpy typing(service.get(), &MessageService::typingChanged);
    channel->inject("<message from='bob@imp.test/pc' to='alice@imp.test' type='chat'>"
                    "<composing xmlns='http://jabber.org/protocol/chatstates'/></message>");
    ASSERT_EQ(typing.count(), 1);
    EXPECT_TRUE(typing.last()[1].toBool());
    channel->inject(chatFrom("m1", "done typing"));
    ASSERT_TRUE(waitUntil([&] { return typing.count() == 2; }));
    EXPECT_FALSE(typing.last()[1].toBool());

    service->setComposing("bob@imp.test", true);
    const auto states = channel->sentWith("composing", "http://jabber.org/protocol/chatstates");
    ASSERT_EQ(states.size(), 1);
    EXPECT_EQ(states[0].attribute("to"), "bob@imp.test");
}

TEST_F(MessagePipelineTest, CatchUpStoresTheArchiveInOrderAndHoldsLiveMessagesUntilItEnds)
{
    QSignalSpy added(service.get(), &MessageService::messageAdded);
    channel->goOnline();
    ASSERT_TRUE(waitUntil([&] { return !queryIdOf(lastMamQuery()).isEmpty(); }));
    const auto query = lastMamQuery();
    const QString q = queryIdOf(query);
    // A new device asks for the newest page only.
    EXPECT_TRUE(query.firstChild("query", Mam)
                    .firstChild("set", "http://jabber.org/protocol/rsm")
                    .hasChild("before", "http://jabber.org/protocol/rsm"));
    channel->inject(archived(q, "A1", "bob@imp.test/pc", "alice@imp.test", "h1", "first", 1));
    channel->inject(archived(q, "A2", "alice@imp.test/phone", "bob@imp.test", "h2", "mine", 2));
    channel->inject(chatFrom("live1", "live during the sync"));
    QCoreApplication::processEvents();
    EXPECT_EQ(added.count(), 0); // nothing before the page is answered
    channel->answerIq(query.attribute("id"), fin("A1", "A2", true));
    ASSERT_TRUE(waitUntil([&] { return added.count() == 3; }));
    const auto h = history();
    ASSERT_EQ(h.size(), 3);
    EXPECT_EQ(h[2].body, "first");
    EXPECT_EQ(h[1].body, "mine");
    EXPECT_TRUE(h[1].outgoing);
    EXPECT_EQ(h[0].body, "live during the sync");
    EXPECT_TRUE(channel->deferred.isEmpty());
    // History the user has not missed is not unread; the live message is.
    EXPECT_EQ(conversation()->unread, 1);
}

TEST_F(MessagePipelineTest, OutboxResendsOnlyWhatTheArchiveDoesNotHave)
{
    online();
    ASSERT_TRUE(service->send("bob@imp.test", "reached the server"));
    ASSERT_TRUE(service->send("bob@imp.test", "lost on the way"));
    ASSERT_TRUE(
        waitUntil([&] { return channel->sentWith("body", imp::xmpp::ns::Client).size() == 2; }));
    const auto sent = channel->sentWith("body", imp::xmpp::ns::Client);
    const QString reached = sent[0].attribute("id");
    const QString lost = sent[1].attribute("id");
    // The connection dies before any ack; the server had stored the first.
    channel->goOffline();
    channel->sent.clear();
    channel->unacked.clear();
    online([&](const QString &q) {
        return archived(q, "A9", "alice@imp.test/phone", "bob@imp.test", reached,
                        "reached the server", 5);
    });
    ASSERT_TRUE(
        waitUntil([&] { return !channel->sentWith("body", imp::xmpp::ns::Client).isEmpty(); }));
    QCoreApplication::processEvents();
    const auto resent = channel->sentWith("body", imp::xmpp::ns::Client);
    ASSERT_EQ(resent.size(), 1);
    EXPECT_EQ(resent[0].attribute("id"), lost);
    channel->ackAll();
    ASSERT_TRUE(waitUntil([&] { return service->pendingCount() == 0; }));
    const auto h = history();
    ASSERT_EQ(h.size(), 2);
    for (const auto &m : h)
        EXPECT_EQ(m.state, Message::State::Sent) << m.body.toStdString();
}

TEST_F(MessagePipelineTest, OutboxSurvivesARestartAndIsSentOnceOnline)
{
    ASSERT_TRUE(service->send("bob@imp.test", "written offline"));
    ASSERT_TRUE(waitUntil([&] { return service->pendingCount() == 1 && history().size() == 1; }));
    reopen();
    ASSERT_TRUE(waitUntil([&] { return service->pendingCount() == 1; }));
    online();
    ASSERT_TRUE(
        waitUntil([&] { return channel->sentWith("body", imp::xmpp::ns::Client).size() == 1; }));
    EXPECT_EQ(channel->sentWith("body", imp::xmpp::ns::Client)[0]
                  .firstChild("body", imp::xmpp::ns::Client)
                  .text(),
              "written offline");
    channel->ackAll();
    ASSERT_TRUE(waitUntil([&] { return service->pendingCount() == 0; }));
}

TEST_F(MessagePipelineTest, RefusedSenderIsNotStoredButAcknowledged)
{
    service->setAdmission([](const QString &peer) { return peer != "bob@imp.test"; });
    online();
    channel->inject(chatFrom("m1", "from a blocked sender"));
    ASSERT_TRUE(waitUntil([&] { return channel->deferred.isEmpty(); }));
    QCoreApplication::processEvents();
    EXPECT_TRUE(history().isEmpty());
    EXPECT_TRUE(channel->sentWith("received", "urn:xmpp:receipts").isEmpty());
}

TEST_F(MessagePipelineTest, ScrollBackAsksTheArchiveBeforeTheOldestMessageHeld)
{
    online([&](const QString &q) {
        return archived(q, "A5", "bob@imp.test/pc", "alice@imp.test", "n5", "newest", 50);
    });
    auto page = service->pageWithHistory("bob@imp.test", std::nullopt, 3);
    ASSERT_TRUE(waitUntil([&] {
        const auto query = lastMamQuery();
        return query.firstChild("query", Mam).toXml().contains("bob@imp.test") &&
               queryIdOf(query) != QString();
    }));
    const auto query = lastMamQuery();
    const auto rsm =
        query.firstChild("query", Mam).firstChild("set", "http://jabber.org/protocol/rsm");
    EXPECT_EQ(rsm.firstChild("before", "http://jabber.org/protocol/rsm").text(), "A5");
    const QString q = queryIdOf(query);
    channel->inject(archived(q, "A3", "bob@imp.test/pc", "alice@imp.test", "n3", "older 1", 30));
    channel->inject(archived(q, "A4", "alice@imp.test/phone", "bob@imp.test", "n4", "older 2", 40));
    channel->answerIq(query.attribute("id"), fin("A3", "A4", true));
    ASSERT_TRUE(waitUntil([&] { return page.isFinished(); }));
    const auto messages = page.result().value();
    ASSERT_EQ(messages.size(), 3);
    EXPECT_EQ(messages[0].body, "newest");
    EXPECT_EQ(messages[1].body, "older 2");
    EXPECT_EQ(messages[2].body, "older 1");
    EXPECT_EQ(conversation()->unread, 0); // neither page is history the user missed
}

TEST_F(MessagePipelineTest, ArchivePositionsAreKeptInTheStoreAcrossARestart)
{
    channel->goOnline();
    ASSERT_TRUE(waitUntil([&] { return !queryIdOf(lastMamQuery()).isEmpty(); }));
    channel->inject(archived(queryIdOf(lastMamQuery()), "A5", "bob@imp.test/pc", "alice@imp.test",
                             "n5", "newest", 50));
    channel->answerIq(lastMamQuery().attribute("id"), fin("A5", "A5", true));
    ASSERT_TRUE(waitUntil([&] { return !service->syncing(); }));
    std::optional<bool> start;
    service->fetchOlder("bob@imp.test", 50, [&](imp::Result<int>, bool s) { start = s; });
    ASSERT_TRUE(waitUntil(
        [&] { return lastMamQuery().firstChild("query", Mam).toXml().contains("bob@imp.test"); }));
    auto query = lastMamQuery();
    // A page of entries that store nothing (receipts, say): only the range remembers it.
    channel->answerIq(query.attribute("id"), fin("A3", "A4", false));
    ASSERT_TRUE(waitUntil([&] { return start.has_value(); }));
    EXPECT_FALSE(*start);

    reopen();
    // The catch-up goes on after the last archive id held, not from the newest page again.
    channel->goOnline();
    ASSERT_TRUE(waitUntil([&] { return !queryIdOf(lastMamQuery()).isEmpty(); }));
    const auto rsm =
        lastMamQuery().firstChild("query", Mam).firstChild("set", "http://jabber.org/protocol/rsm");
    EXPECT_EQ(rsm.firstChild("after", "http://jabber.org/protocol/rsm").text(), "A5");
    channel->answerIq(lastMamQuery().attribute("id"), fin(QString(), QString(), true));
    ASSERT_TRUE(waitUntil([&] { return !service->syncing(); }));
    // Scroll-back continues before the oldest page fetched before the restart.
    service->fetchOlder("bob@imp.test", 50, [](imp::Result<int>, bool) {});
    ASSERT_TRUE(waitUntil(
        [&] { return lastMamQuery().firstChild("query", Mam).toXml().contains("bob@imp.test"); }));
    const auto older =
        lastMamQuery().firstChild("query", Mam).firstChild("set", "http://jabber.org/protocol/rsm");
    EXPECT_EQ(older.firstChild("before", "http://jabber.org/protocol/rsm").text(), "A3");
}

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
