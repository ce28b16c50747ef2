#include "xmpp/Jid.h"

#include <gtest/gtest.h>

using imp::xmpp::Jid;

TEST(JidTest, SplitsAndCompares)
{
    const Jid j(QStringLiteral("Alice@IMP.Test/Phone/x@y"));
    EXPECT_EQ(j.node(), QStringLiteral("alice"));
    EXPECT_EQ(j.domain(), QStringLiteral("imp.test"));
    EXPECT_EQ(j.resource(), QStringLiteral("Phone/x@y"));
    EXPECT_EQ(j.bare().toString(), QStringLiteral("alice@imp.test"));
    EXPECT_EQ(j, Jid(QStringLiteral("alice@imp.test/Phone/x@y")));
    EXPECT_FALSE(j == Jid(QStringLiteral("alice@imp.test/phone/x@y")));
    EXPECT_EQ(Jid(QStringLiteral("imp.test.")).toString(), QStringLiteral("imp.test"));
    EXPECT_TRUE(Jid(QString()).isEmpty());
}

TEST(JidTest, ParseAcceptsValidJids)
{
    for (const char *text :
         {"alice@imp.test", "alice@imp.test/Phone/x@y", "imp.test", "imp.test/res", "IMP.test.",
          "a@[::1]", "\xC3\xA9l\xC3\xA8ve@imp.test", "alice@imp.test/\xF0\x9F\x98\x80 r"}) {
        const auto j = Jid::parse(QString::fromUtf8(text));
        ASSERT_TRUE(j) << text;
        EXPECT_EQ(*j, Jid(QString::fromUtf8(text))) << text;
    }
}

TEST(JidTest, ParseRejectsInvalidJids)
{
    const QString longPart(1024, QLatin1Char('a'));
    for (const QString &text : {QString(),
                                QStringLiteral("@imp.test"),
                                QStringLiteral("alice@"),
                                QStringLiteral("alice@imp.test/"),
                                QStringLiteral("/res"),
                                QStringLiteral("a@b@c.test"),
                                QStringLiteral("a b@imp.test"),
                                QStringLiteral("a@imp test"),
                                QStringLiteral("a:b@imp.test"),
                                QStringLiteral("<a>@imp.test"),
                                QStringLiteral("a@imp..test"),
                                QStringLiteral(".imp.test"),
                                QStringLiteral("imp.test.."),
                                QStringLiteral("a\tb@imp.test"),
                                QStringLiteral("a@imp.test/x\ny"),
                                QStringLiteral("a\u202E@imp.test"),
                                longPart + QStringLiteral("@imp.test"),
                                QStringLiteral("a@") + longPart,
                                QStringLiteral("a@imp.test/") + longPart,
                                QStringLiteral("a") + QChar(0xD800) + QStringLiteral("@imp.test")})
        EXPECT_FALSE(Jid::parse(text)) << text.toStdString();
    // 1023 bytes per part is the RFC 7622 limit; multi-byte characters count as bytes.
    EXPECT_TRUE(Jid::parse(QString(1023, QLatin1Char('a')) + QStringLiteral("@imp.test")));
    EXPECT_FALSE(Jid::parse(QString(512, QChar(0xE9)) + QStringLiteral("@imp.test")));
}
