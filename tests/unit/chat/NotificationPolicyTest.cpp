#include "chat/NotificationPolicy.h"

#include <gtest/gtest.h>

using imp::chat::Message;
using imp::chat::NotificationPolicy;
using imp::chat::NotificationRequest;

namespace {
Message incoming(const QString &peer, const QString &body)
{
    Message m;
    m.peer = peer;
    m.sender = peer;
    m.body = body;
    m.outgoing = false;
    return m;
}
} // namespace

TEST(NotificationPolicyTest, NothingWhileTheWindowIsInFrontOrForOwnAndRecalledMessages)
{
    NotificationPolicy policy;
    EXPECT_FALSE(policy.incoming(incoming("bob@h", "hi"), "Bob", true));
    Message own = incoming("bob@h", "mine");
    own.outgoing = true;
    EXPECT_FALSE(policy.incoming(own, "Bob", false));
    Message recalled = incoming("bob@h", "");
    recalled.recalled = true;
    EXPECT_FALSE(policy.incoming(recalled, "Bob", false));
}

TEST(NotificationPolicyTest, ShowsSenderAndFirstLineAndCountsPerConversation)
{
    NotificationPolicy policy;
    auto first = policy.incoming(incoming("bob@h", "你好\nsecond line"), "张伟", false);
    ASSERT_TRUE(first);
    EXPECT_EQ(first->key, "bob@h");
    EXPECT_EQ(first->peer, "bob@h");
    EXPECT_EQ(first->title, "张伟");
    EXPECT_EQ(first->text, "你好");
    EXPECT_EQ(first->count, 1);
    EXPECT_FALSE(first->hidden);
    auto second = policy.incoming(incoming("bob@h", "again"), "张伟", false);
    EXPECT_EQ(second->count, 2);
    EXPECT_EQ(second->key, "bob@h"); // replaces the first
    auto other = policy.incoming(incoming("eve@h", "x"), "", false);
    EXPECT_EQ(other->count, 1);
    EXPECT_EQ(other->title, "eve"); // no name known: the JID's node
}

TEST(NotificationPolicyTest, ReadingAConversationWithdrawsItsNotificationAndResetsTheCount)
{
    NotificationPolicy policy;
    (void)policy.incoming(incoming("bob@h", "a"), "Bob", false);
    (void)policy.incoming(incoming("bob@h", "b"), "Bob", false);
    EXPECT_EQ(policy.read("bob@h"), QString("bob@h"));
    EXPECT_FALSE(policy.read("bob@h")); // nothing showing any more
    EXPECT_EQ(policy.incoming(incoming("bob@h", "c"), "Bob", false)->count, 1);
}

TEST(NotificationPolicyTest, HiddenTextShowsNeitherSenderNorTextAndFoldsEveryConversation)
{
    NotificationPolicy policy;
    policy.setHideText(true);
    auto a = policy.incoming(incoming("bob@h", "secret"), "Bob", false);
    ASSERT_TRUE(a);
    EXPECT_TRUE(a->hidden);
    EXPECT_TRUE(a->title.isEmpty());
    EXPECT_TRUE(a->text.isEmpty());
    EXPECT_EQ(a->key, NotificationRequest::AllConversations);
    auto b = policy.incoming(incoming("eve@h", "also secret"), "Eve", false);
    EXPECT_EQ(b->key, NotificationRequest::AllConversations);
    EXPECT_EQ(b->count, 2);
    EXPECT_EQ(b->peer, "eve@h");        // a click opens the newest
    EXPECT_FALSE(policy.read("bob@h")); // Eve's news is still behind it
    EXPECT_EQ(policy.read("eve@h"), QString(NotificationRequest::AllConversations));
}

TEST(NotificationPolicyTest, FirstLineIsTrimmedAndCutWithoutSplittingACharacter)
{
    EXPECT_EQ(NotificationPolicy::firstLine("  hello  \nworld"), "hello");
    const QString emoji = QString::fromUtf8("😀");
    QString longText = QString("a").repeated(9) + emoji + "tail";
    const QString cut = NotificationPolicy::firstLine(longText, 10);
    EXPECT_EQ(cut, QString("a").repeated(9) + QChar(0x2026));
    EXPECT_EQ(NotificationPolicy::firstLine(QString("b").repeated(5), 10), "bbbbb");
}

TEST(NotificationPolicyTest, AGroupsNotificationSaysWhoWroteIt)
{
    NotificationPolicy policy;
    Message m = incoming("family@groups.h", "晚饭七点\n别迟到");
    m.senderName = QStringLiteral("妈妈");
    const auto request = policy.incoming(m, "我们一家", false);
    ASSERT_TRUE(request);
    EXPECT_EQ(request->title, QStringLiteral("我们一家"));
    EXPECT_EQ(request->text, QStringLiteral("妈妈: 晚饭七点"));
}
