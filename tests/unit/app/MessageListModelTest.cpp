#include "MessageListModel.h"

#include "ConversationListModel.h"

#include <QTimeZone>
#include <gtest/gtest.h>

using imp::app::MessageListModel;
using imp::chat::Attachment;
using imp::chat::Message;

namespace {

const QString Peer = QStringLiteral("zhang@localhost");

Message message(qint64 id, bool outgoing, Attachment::Kind kind = Attachment::Kind::None,
                bool played = false, Attachment::Transfer transfer = Attachment::Transfer::Ready)
{
    Message m;
    m.id = id;
    m.peer = Peer;
    m.outgoing = outgoing;
    m.originId = QStringLiteral("o%1").arg(id);
    m.time = QDateTime::fromMSecsSinceEpoch(1'700'000'000'000 + id * 1000, Qt::UTC);
    m.attachment.kind = kind;
    m.attachment.played = played;
    m.attachment.transfer = transfer;
    if (kind != Attachment::Kind::None)
        m.attachment.fileId = QStringLiteral("%1").arg(id, 32, 10, QLatin1Char('0'));
    return m;
}

// A chat open on Peer with these messages, oldest first.
void fill(MessageListModel &model, const QList<Message> &messages)
{
    model.setPager([](const QString &, auto, int) {
        return QtFuture::makeReadyFuture(imp::Result<QList<Message>>(QList<Message>{}));
    });
    model.open(Peer);
    for (const auto &m : messages)
        model.add(m);
}

} // namespace

TEST(MessageListModelTest, TheNextUnplayedVoiceNoteIsTheNextNewerOneFromThem)
{
    using K = Attachment::Kind;
    MessageListModel model;
    fill(model, {message(1, false, K::Voice), message(2, false, K::None),
                 message(3, true, K::Voice, true), message(4, false, K::Voice, true),
                 message(5, false, K::Voice), message(6, false, K::Voice)});
    // Text, own notes and notes already heard are passed over.
    auto next = model.nextUnplayedVoiceAfter(1);
    ASSERT_TRUE(next);
    EXPECT_EQ(next->id, 5);
    next = model.nextUnplayedVoiceAfter(5);
    ASSERT_TRUE(next);
    EXPECT_EQ(next->id, 6);
    EXPECT_FALSE(model.nextUnplayedVoiceAfter(6)) << "the newest: nothing after it";
}

TEST(MessageListModelTest, ANoteNotHereYetOrRecalledIsNotPlayedNext)
{
    using K = Attachment::Kind;
    MessageListModel model;
    auto recalled = message(3, false, K::Voice);
    recalled.recalled = true;
    fill(model, {message(1, false, K::Voice),
                 message(2, false, K::Voice, false, Attachment::Transfer::Remote), recalled,
                 message(4, false, K::Image)});
    EXPECT_FALSE(model.nextUnplayedVoiceAfter(1));
}

TEST(MessageListModelTest, ProgressShowsWhileATransferRunsAndGoesWhenItEnds)
{
    using K = Attachment::Kind;
    MessageListModel model;
    fill(model, {message(1, true, K::Voice, true, Attachment::Transfer::Local),
                 message(2, false, K::File, false, Attachment::Transfer::Remote)});
    const auto progressOf = [&](qint64 id) {
        return model.data(model.index(model.rowOf(id)), MessageListModel::ProgressRole).toDouble();
    };
    EXPECT_EQ(progressOf(1), -1.0);
    model.setUploadProgress(QStringLiteral("o1"), 250, 1000);
    EXPECT_DOUBLE_EQ(progressOf(1), 0.25);
    model.setDownloadProgress(2, 1, 4);
    EXPECT_DOUBLE_EQ(progressOf(2), 0.25);

    auto uploaded = message(1, true, K::Voice, true, Attachment::Transfer::Remote);
    model.change(uploaded);
    EXPECT_EQ(progressOf(1), -1.0) << "uploaded: the ring goes";
    model.setDownloadProgress(2, 4, 4);
    EXPECT_EQ(progressOf(2), -1.0) << "all bytes in";
    model.setDownloadProgress(2, 2, 4);
    model.change(message(2, false, K::File, false, Attachment::Transfer::DownloadFailed));
    EXPECT_EQ(progressOf(2), -1.0) << "failed: the ring goes, the bubble says why";
}

TEST(MessageListModelTest, AGroupNamesWhoWroteEachIncomingMessageAndOffersNoRecall)
{
    MessageListModel model;
    model.setPager([](const QString &, auto, int) {
        return QtFuture::makeReadyFuture(imp::Result<QList<Message>>(QList<Message>{}));
    });
    const QString room = QStringLiteral("abc@groups.localhost");
    model.open(room, true);
    auto theirs = message(1, false);
    theirs.peer = room;
    theirs.sender = QStringLiteral("zhang@localhost");
    theirs.senderName = QString::fromUtf8("\u202E张伟");
    auto ours = message(2, true);
    ours.peer = room;
    ours.state = Message::State::Sent;
    ours.time = QDateTime::currentDateTimeUtc();
    ours.senderName = QStringLiteral("me");
    model.add(theirs);
    model.add(ours);
    const auto sender = [&](qint64 id) {
        return model.data(model.index(model.rowOf(id)), MessageListModel::SenderNameRole)
            .toString();
    };
    EXPECT_EQ(sender(1), QString::fromUtf8("\u2068张伟\u2069")) << "no override, isolated";
    EXPECT_EQ(model.data(model.index(model.rowOf(1)), MessageListModel::SenderInitialRole),
              QString::fromUtf8("张"));
    EXPECT_EQ(sender(2), "") << "our own bubble is not named";
    EXPECT_FALSE(model.canRecall(model.rowOf(2))) << "recall is not offered in groups";

    // One to one: no names, and a fresh own message can be recalled.
    model.open(Peer);
    auto mine = message(3, true);
    mine.state = Message::State::Sent;
    mine.time = QDateTime::currentDateTimeUtc();
    model.add(mine);
    auto peers = message(4, false);
    peers.senderName = QStringLiteral("ignored");
    model.add(peers);
    EXPECT_TRUE(model.canRecall(model.rowOf(3)));
    EXPECT_EQ(sender(4), "");
}

TEST(ConversationListModelTest, AGroupsLineSaysWhoWroteTheLastMessage)
{
    imp::chat::Conversation c;
    c.peer = QStringLiteral("abc@groups.localhost");
    c.title = QStringLiteral("Family");
    c.preview = QStringLiteral("dinner at 7");
    c.previewSender = QStringLiteral("Mum");
    using imp::app::ConversationListModel;
    EXPECT_EQ(ConversationListModel::previewOf(c),
              QString::fromUtf8("\u2068Mum\u2069: dinner at 7"));
    c.previewKind = Attachment::Kind::Voice;
    c.preview.clear();
    EXPECT_EQ(ConversationListModel::previewOf(c), QString::fromUtf8("\u2068Mum\u2069: [Voice]"));
    c.previewRecalled = true;
    EXPECT_EQ(ConversationListModel::previewOf(c),
              QString::fromUtf8("\u2068Mum\u2069 recalled a message"));
    c.previewRecalled = false;
    c.lastOutgoing = true;
    c.previewSender.clear();
    EXPECT_EQ(ConversationListModel::previewOf(c), "[Voice]") << "ours: no name";
    c.previewKind = Attachment::Kind::None;
    c.preview = QStringLiteral("hi");
    c.lastOutgoing = false;
    EXPECT_EQ(ConversationListModel::previewOf(c), "hi") << "one to one: no name";
}
