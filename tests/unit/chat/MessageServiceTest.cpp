#include "chat/MessageService.h"

#include "NoKeychain.h"
#include "chat/AccountService.h"
#include "chat/Profile.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <gtest/gtest.h>

using imp::chat::Message;
using imp::chat::MessageService;

namespace {

// A profile with an (unconnected) account: everything below runs offline, as a user on a plane.
struct Offline {
    explicit Offline(const QString &dir, bool create)
    {
        auto keychain = std::make_shared<imp::test::NoKeychain>();
        auto opened = (create ? imp::chat::Profile::create(dir, keychain)
                              : imp::chat::Profile::open(dir, keychain))
                          .result();
        EXPECT_TRUE(opened.ok());
        profile = opened->profile;
        account = std::make_unique<imp::chat::AccountService>(
            profile, imp::chat::AccountService::Endpoint{"localhost:1", {}, "test"});
        messages = std::make_unique<MessageService>(profile, *account);
    }
    std::shared_ptr<imp::chat::Profile> profile;
    std::unique_ptr<imp::chat::AccountService> account;
    std::unique_ptr<MessageService> messages;
};

// Runs the event loop until `done` or a timeout.
template <class F> bool waitFor(F done, int ms = 5000)
{
    QElapsedTimer t;
    t.start();
    while (!done() && t.elapsed() < ms)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    return done();
}

Message historyMessage(int i, const QString &peer = "bob@localhost")
{
    Message m;
    m.peer = peer;
    m.sender = peer;
    m.originId = QString("o-%1").arg(i);
    m.stanzaId = m.originId;
    m.archiveId = QString("a-%1").arg(i);
    m.body = QString("history %1").arg(i);
    m.time = QDateTime::fromSecsSinceEpoch(1'700'000'000 + i, Qt::UTC);
    m.state = Message::State::Received;
    return m;
}

class MessageServiceTest : public ::testing::Test {
protected:
    QTemporaryDir m_dir;
};

} // namespace

TEST_F(MessageServiceTest, ComposedOfflineIsKeptInTheOutboxAcrossARestart)
{
    {
        Offline app(m_dir.path(), true);
        app.messages->start();
        QSignalSpy added(app.messages.get(), &MessageService::messageAdded);
        ASSERT_TRUE(app.messages->send("bob@localhost", QStringLiteral("写在地铁上 🚇")));
        ASSERT_TRUE(app.messages->send("bob@localhost", "second"));
        EXPECT_EQ(app.messages->pendingCount(), 2) << "counted while being written";
        ASSERT_TRUE(waitFor([&] { return added.count() == 2; }));
        const auto m = added.at(0).at(0).value<Message>();
        EXPECT_TRUE(m.outgoing);
        EXPECT_EQ(m.state, Message::State::Sending);
        EXPECT_FALSE(m.originId.isEmpty());
        app.profile->flush().waitForFinished();
    }
    Offline again(m_dir.path(), false);
    QSignalSpy outbox(again.messages.get(), &MessageService::outboxChanged);
    again.messages->start();
    ASSERT_TRUE(waitFor([&] { return outbox.count() > 0; }));
    EXPECT_EQ(again.messages->pendingCount(), 2);
    auto page = again.messages->page("bob@localhost", std::nullopt, 10).result();
    ASSERT_TRUE(page.ok());
    ASSERT_EQ(page->size(), 2);
    EXPECT_EQ(page->at(0).body, "second"); // newest first
    EXPECT_EQ(page->at(1).body, QStringLiteral("写在地铁上 🚇"));
    EXPECT_EQ(page->at(1).state, Message::State::Sending);
}

TEST_F(MessageServiceTest, RefusesEmptyAndOversizedText)
{
    Offline app(m_dir.path(), true);
    EXPECT_FALSE(app.messages->send("bob@localhost", "   \n "));
    EXPECT_FALSE(
        app.messages->send("bob@localhost", QString(MessageService::MaxBodyLength + 1, 'x')));
    EXPECT_FALSE(app.messages->send("", "hello"));
    EXPECT_TRUE(app.messages->send("bob@localhost", QString(10000, QChar(0x4F60))));
}

TEST_F(MessageServiceTest, HistoryIngestDropsDuplicatesAndPagesByKeyset)
{
    Offline app(m_dir.path(), true);
    QList<Message> batch;
    for (int i = 0; i < 250; ++i)
        batch.append(historyMessage(i));
    auto first = app.messages->ingestHistory(batch).result();
    ASSERT_TRUE(first.ok());
    EXPECT_EQ(first.value(), 250);
    // The same archive again (a second catch-up, or live + archived): nothing new.
    auto again = app.messages->ingestHistory(batch.mid(200)).result();
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(again.value(), 0);

    QStringList seen;
    std::optional<MessageService::Cursor> cursor;
    for (;;) {
        auto page = app.messages->page("bob@localhost", cursor, 60).result();
        ASSERT_TRUE(page.ok());
        if (page->isEmpty())
            break;
        for (const auto &m : page.value())
            seen.prepend(m.body);
        cursor = MessageService::Cursor{page->back().time.toMSecsSinceEpoch(), page->back().id};
    }
    ASSERT_EQ(seen.size(), 250);
    EXPECT_EQ(seen.first(), "history 0");
    EXPECT_EQ(seen.last(), "history 249");

    auto conversations = app.messages->conversations().result();
    ASSERT_TRUE(conversations.ok());
    ASSERT_EQ(conversations->size(), 1);
    EXPECT_EQ(conversations->front().preview, "history 249");
}

TEST_F(MessageServiceTest, SearchFindsTextInsideSealedMessages)
{
    Offline app(m_dir.path(), true);
    QList<Message> batch;
    for (int i = 0; i < 1200; ++i)
        batch.append(historyMessage(i));
    batch[7].body = QStringLiteral("明天见 at the Station");
    batch[1100].body = QStringLiteral("the station is closed");
    ASSERT_TRUE(app.messages->ingestHistory(batch).result().ok());
    auto found = app.messages->search("bob@localhost", "STATION").result();
    ASSERT_TRUE(found.ok());
    ASSERT_EQ(found->size(), 2);
    EXPECT_EQ(found->at(0).body, QStringLiteral("the station is closed"));
    EXPECT_EQ(found->at(1).body, QStringLiteral("明天见 at the Station"));
    EXPECT_TRUE(app.messages->search("alice@localhost", "station").result()->isEmpty());
}

TEST_F(MessageServiceTest, RecallIsRefusedAfterTwoMinutesAndForOthersMessages)
{
    Offline app(m_dir.path(), true);
    Message old = historyMessage(1);
    old.outgoing = true;
    old.sender = "me@localhost";
    old.state = Message::State::Sent;
    Message theirs = historyMessage(2);
    theirs.time = QDateTime::currentDateTimeUtc();
    ASSERT_TRUE(app.messages->ingestHistory({old, theirs}).result().ok());
    auto page = app.messages->page("bob@localhost", std::nullopt, 10).result();
    ASSERT_EQ(page->size(), 2);

    std::optional<imp::Result<void>> result;
    app.messages->recall("bob@localhost", page->at(1).id, [&](imp::Result<void> r) { result = r; });
    ASSERT_TRUE(waitFor([&] { return result.has_value(); }));
    ASSERT_FALSE(result->ok());
    EXPECT_EQ(result->error().code, "chat.recall_too_late");

    result.reset();
    app.messages->recall("bob@localhost", page->at(0).id, [&](imp::Result<void> r) { result = r; });
    ASSERT_TRUE(waitFor([&] { return result.has_value(); }));
    ASSERT_FALSE(result->ok());
    EXPECT_EQ(result->error().code, "chat.not_own");
}

TEST_F(MessageServiceTest, RecallOfAFreshOwnMessageShowsItRecalledAndQueuesTheRetraction)
{
    Offline app(m_dir.path(), true);
    app.messages->start();
    QSignalSpy added(app.messages.get(), &MessageService::messageAdded);
    QSignalSpy changed(app.messages.get(), &MessageService::messageChanged);
    ASSERT_TRUE(app.messages->send("bob@localhost", "wrong chat"));
    ASSERT_TRUE(waitFor([&] { return added.count() == 1; }));
    const auto sent = added.at(0).at(0).value<Message>();
    std::optional<imp::Result<void>> result;
    app.messages->recall("bob@localhost", sent.id, [&](imp::Result<void> r) { result = r; });
    ASSERT_TRUE(waitFor([&] { return result.has_value() && changed.count() >= 1; }));
    EXPECT_TRUE(result->ok());
    const auto recalled = changed.last().at(0).value<Message>();
    EXPECT_TRUE(recalled.recalled);
    EXPECT_TRUE(recalled.body.isEmpty());
    ASSERT_TRUE(waitFor([&] { return app.messages->pendingCount() == 2; }))
        << "the message and its retraction wait for the connection";
    auto conversations = app.messages->conversations().result();
    ASSERT_EQ(conversations->size(), 1);
    EXPECT_TRUE(conversations->front().previewRecalled);
    EXPECT_TRUE(conversations->front().preview.isEmpty());
}

TEST_F(MessageServiceTest, NothingReadableReachesTheDisk)
{
    {
        Offline app(m_dir.path(), true);
        app.messages->start();
        QSignalSpy added(app.messages.get(), &MessageService::messageAdded);
        ASSERT_TRUE(app.messages->send("canary-peer@localhost", "CANARY-7f3a 秘密"));
        Message in = historyMessage(1, "canary-peer@localhost");
        in.body = "CANARY-91bc reply";
        ASSERT_TRUE(app.messages->ingestHistory({in}).result().ok());
        ASSERT_TRUE(waitFor([&] { return added.count() == 1; }));
        app.profile->flush().waitForFinished();
    }
    QByteArray all;
    QDirIterator it(m_dir.path(), QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile f(it.next());
        ASSERT_TRUE(f.open(QIODevice::ReadOnly));
        all += f.readAll();
    }
    EXPECT_FALSE(all.contains("CANARY-7f3a"));
    EXPECT_FALSE(all.contains(QStringLiteral("秘密").toUtf8()));
    EXPECT_FALSE(all.contains("CANARY-91bc"));
    EXPECT_FALSE(all.contains("canary-peer"));
}

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
