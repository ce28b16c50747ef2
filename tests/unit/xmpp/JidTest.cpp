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
