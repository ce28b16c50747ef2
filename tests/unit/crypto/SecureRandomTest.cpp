#include "crypto/SecureRandom.h"

#include <QSet>
#include <QUuid>
#include <gtest/gtest.h>

using imp::crypto::SecureRandom;

TEST(SecureRandomTest, GivesTheRequestedNumberOfDistinctBytes)
{
    EXPECT_EQ(SecureRandom::bytes(32).size(), 32);
    EXPECT_EQ(SecureRandom::bytes(1).size(), 1);
    EXPECT_TRUE(SecureRandom::bytes(0).isEmpty());
    EXPECT_TRUE(SecureRandom::bytes(-5).isEmpty());
    EXPECT_NE(SecureRandom::bytes(32), SecureRandom::bytes(32));
}

TEST(SecureRandomTest, UuidsAreVersion4AndUnique)
{
    QSet<QString> seen;
    for (int i = 0; i < 1000; ++i) {
        const QString id = SecureRandom::uuid();
        ASSERT_EQ(id.size(), 36) << id.toStdString();
        ASSERT_FALSE(id.startsWith(QLatin1Char('{')));
        const QUuid uuid = QUuid::fromString(id);
        ASSERT_FALSE(uuid.isNull());
        EXPECT_EQ(uuid.version(), QUuid::Random);
        EXPECT_EQ(uuid.variant(), QUuid::DCE);
        seen.insert(id);
    }
    EXPECT_EQ(seen.size(), 1000);
}
