#include "chat/messages/RecordCodec.h"

#include "chat/messages/OutboxEntry.h"

#include <gtest/gtest.h>

using imp::chat::messages::OutboxEntry;
using imp::chat::messages::RecordCodec;

TEST(RecordCodecTest, FieldsComeBackCodePointForCodePoint)
{
    const QString bom = QStringLiteral("\uFEFFtext");
    const QString mixed = QStringLiteral("中文 😀 \u0000 end");
    const QByteArray bytes =
        RecordCodec::Writer().string(bom).integer(-5).string(mixed).boolean(true).string({}).take();
    RecordCodec::Reader r(bytes);
    EXPECT_EQ(r.string(), bom);
    EXPECT_EQ(r.integer(), -5);
    EXPECT_EQ(r.string(), mixed);
    EXPECT_TRUE(r.boolean());
    EXPECT_EQ(r.string(), QString());
    EXPECT_TRUE(r.ok());
    EXPECT_TRUE(r.atEnd());
}

TEST(RecordCodecTest, TruncatedOrForeignBytesAreNotRead)
{
    QByteArray bytes = RecordCodec::Writer().string(QStringLiteral("a long enough value")).take();
    bytes.chop(3);
    RecordCodec::Reader truncated(bytes);
    EXPECT_EQ(truncated.string(), QString());
    EXPECT_FALSE(truncated.ok());
    RecordCodec::Reader foreign(QByteArray("{\"b\":\"json\"}"));
    EXPECT_FALSE(foreign.ok());
    EXPECT_TRUE(RecordCodec::isLegacyJson("{\"b\":1}"));
    RecordCodec::Reader huge(QByteArray("\x01\xff\xff\xff\xff\x0f", 6));
    EXPECT_EQ(huge.string(), QString());
    EXPECT_FALSE(huge.ok());
}

TEST(RecordCodecTest, OutboxEntriesOfBothFormatsOpen)
{
    OutboxEntry e;
    e.originId = "o1";
    e.peer = "bob@imp.test";
    e.kind = OutboxEntry::Kind::Retract;
    e.retractId = "o0";
    const auto back = OutboxEntry::decode(e.encode());
    ASSERT_TRUE(back);
    EXPECT_EQ(back->originId, "o1");
    EXPECT_EQ(back->kind, OutboxEntry::Kind::Retract);
    EXPECT_EQ(back->retractId, "o0");
    // Written by the previous version (JSON).
    const auto legacy =
        OutboxEntry::decode(R"({"o":"o2","p":"bob@imp.test","k":"msg","b":"hi","r":""})");
    ASSERT_TRUE(legacy);
    EXPECT_EQ(legacy->kind, OutboxEntry::Kind::Text);
    EXPECT_EQ(legacy->body, "hi");
    EXPECT_FALSE(OutboxEntry::decode("\x01"));
}
