// The message path's parts on their own: stages, the pipeline's order, the ledger.
#include "InProcessChannel.h"
#include "NoKeychain.h"
#include "chat/Keyring.h"
#include "chat/Profile.h"
#include "chat/messages/AcknowledgeStage.h"
#include "chat/messages/AdmissionStage.h"
#include "chat/messages/ConversationLedger.h"
#include "chat/messages/DeduplicateStage.h"
#include "chat/messages/InboundPipeline.h"
#include "store/DatabaseWorker.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <gtest/gtest.h>

using namespace imp::chat::messages;
using imp::chat::Conversation;
using imp::chat::Message;
using imp::chat::test::InProcessChannel;
using imp::chat::test::waitUntil;

namespace {

InboundItem item(const QString &peer, const QString &originId, const QString &archiveId = {})
{
    InboundItem in;
    in.message.peer = peer;
    in.message.sender = peer;
    in.message.originId = originId;
    in.message.stanzaId = originId;
    in.message.archiveId = archiveId;
    in.message.body = QStringLiteral("text ") + originId;
    in.message.time = QDateTime::fromSecsSinceEpoch(1'800'000'000, Qt::UTC);
    return in;
}

// Records that it ran, and stops the batch when told to.
class ProbeStage : public InboundStage {
public:
    ProbeStage(std::vector<std::string> &log, std::string name, bool stop = false)
        : m_log(log)
        , m_name(std::move(name))
        , m_stop(stop)
    {}
    const char *name() const override { return m_name.c_str(); }
    void run(InboundBatch &, std::function<void(bool)> next) override
    {
        m_log.push_back(m_name);
        next(!m_stop);
    }

private:
    std::vector<std::string> &m_log;
    std::string m_name;
    bool m_stop;
};

} // namespace

TEST(DeduplicateStageTest, RepeatsWithinABatchAreDroppedByOriginAndArchiveId)
{
    InboundBatch batch;
    batch.items = {item("bob@x", "o1"), item("bob@x", "o1"), item("carol@x", "o1"),
                   item("bob@x", "o2", "A1"), item("bob@x", "o3", "A1")};
    DeduplicateStage stage;
    bool went = false;
    stage.run(batch, [&](bool go) { went = go; });
    EXPECT_TRUE(went);
    EXPECT_FALSE(batch.items[0].dropped);
    EXPECT_TRUE(batch.items[1].dropped);  // same origin id, same chat
    EXPECT_FALSE(batch.items[2].dropped); // same id in another chat is another message
    EXPECT_FALSE(batch.items[3].dropped);
    EXPECT_TRUE(batch.items[4].dropped); // same archive id
}

TEST(AdmissionStageTest, RefusesWhomTheRuleRefusesButNeverOurOwn)
{
    InboundBatch batch;
    batch.items = {item("blocked@x", "o1"), item("friend@x", "o2"), item("blocked@x", "o3")};
    batch.items[2].message.outgoing = true; // sent from our other device
    AdmissionStage stage;
    stage.setRule([](const QString &peer) { return peer != "blocked@x"; });
    stage.run(batch, [](bool) {});
    EXPECT_TRUE(batch.items[0].dropped);
    EXPECT_FALSE(batch.items[1].dropped);
    EXPECT_FALSE(batch.items[2].dropped);
}

TEST(AcknowledgeStageTest, ReleasesEveryTokenAndConfirmsOnlyNewMessages)
{
    InProcessChannel channel;
    channel.goOnline();
    InboundBatch batch;
    batch.items = {item("bob@x", "o1"), item("bob@x", "o2")};
    batch.items[0].isNew = true;
    batch.items[0].receiptTo = "bob@x/pc";
    batch.items[1].receiptTo = "bob@x/pc"; // a repeat: confirmed the first time
    channel.deferred = {7, 8};
    batch.items[0].token = 7;
    batch.items[1].token = 8;
    AcknowledgeStage stage(channel);
    stage.run(batch, [](bool) {});
    EXPECT_TRUE(channel.deferred.isEmpty());
    ASSERT_EQ(channel.sentWith("received", "urn:xmpp:receipts").size(), 1);
}

TEST(InboundPipelineTest, StagesRunInOrderAndAStopEndsTheBatch)
{
    std::vector<std::string> log;
    InboundPipeline pipeline;
    pipeline.append(std::make_unique<ProbeStage>(log, "a"));
    pipeline.append(std::make_unique<ProbeStage>(log, "b", true));
    pipeline.append(std::make_unique<ProbeStage>(log, "c"));
    std::optional<bool> completed;
    pipeline.submit({}, [&](const InboundBatch &, bool done) { completed = done; });
    EXPECT_EQ(log, (std::vector<std::string>{"a", "b"}));
    ASSERT_TRUE(completed);
    EXPECT_FALSE(*completed);
}

TEST(ConversationLedgerTest, OneWriterFoldsUnreadAndTicksAndPublishesWhatItWrote)
{
    QTemporaryDir dir;
    auto opened =
        imp::chat::Profile::create(dir.path(), std::make_shared<imp::test::NoKeychain>()).result();
    ASSERT_TRUE(opened.ok());
    auto profile = opened->profile;
    auto keys = imp::chat::Keyring::forChat(*profile);
    ConversationLedger ledger(profile, keys);
    ledger.setTitle("bob@x", "Bob");
    QSignalSpy published(&ledger, &ConversationLedger::conversationChanged);

    Message in = item("bob@x", "o1").message;
    Message out = item("bob@x", "o2").message;
    out.outgoing = true;
    out.state = Message::State::Sent;
    out.time = in.time.addSecs(1);
    auto changes =
        profile->worker()
            .run([writer = ledger.writer(), in, out](
                     imp::store::Database &db) mutable -> imp::Result<ConversationLedger::Changes> {
                if (auto r = writer.fold(db, in, true); !r)
                    return r.error();
                if (auto r = writer.fold(db, out, false); !r)
                    return r.error();
                out.state = Message::State::Read;
                if (auto r = writer.reflectState(db, out); !r)
                    return r.error();
                if (auto r = writer.commit(db); !r)
                    return r.error();
                return writer.changes();
            })
            .result();
    ASSERT_TRUE(changes.ok());
    ASSERT_EQ(changes->size(), 1);
    const Conversation c = changes->value("bob@x");
    EXPECT_EQ(c.title, "Bob");
    EXPECT_EQ(c.unread, 1);
    EXPECT_TRUE(c.lastOutgoing);
    EXPECT_EQ(c.lastState, Message::State::Read);
    ledger.publish(changes.value());
    EXPECT_EQ(published.count(), 1);

    // What was committed is what a later read sees.
    auto list = ledger.conversations().result();
    ASSERT_TRUE(list.ok());
    ASSERT_EQ(list->size(), 1);
    EXPECT_EQ(list->front().unread, 1);
    EXPECT_EQ(list->front().lastState, Message::State::Read);

    ledger.clearUnread("bob@x");
    ASSERT_TRUE(waitUntil([&] { return published.count() == 2; }));
    EXPECT_EQ(published.last()[0].value<Conversation>().unread, 0);
}
