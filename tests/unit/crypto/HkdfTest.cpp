#include "crypto/Hkdf.h"

#include <gtest/gtest.h>

using imp::crypto::Hkdf;

// RFC 5869, appendix A.1 (test case 1).
TEST(HkdfTest, MatchesRfc5869TestCase1)
{
    const QByteArray ikm(22, '\x0b');
    const QByteArray salt = QByteArray::fromHex("000102030405060708090a0b0c");
    const QByteArray info = QByteArray::fromHex("f0f1f2f3f4f5f6f7f8f9");
    const QByteArray okm = Hkdf::deriveSha256(ikm, salt, info, 42);
    EXPECT_EQ(okm.toHex(), "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf"
                           "34007208d5b887185865");
}

// RFC 5869, appendix A.3 (test case 3): empty salt and info.
TEST(HkdfTest, MatchesRfc5869TestCase3)
{
    const QByteArray okm = Hkdf::deriveSha256(QByteArray(22, '\x0b'), {}, {}, 42);
    EXPECT_EQ(okm.toHex(), "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d"
                           "9d201395faa4b61a96c8");
}

TEST(HkdfTest, DifferentInfoGivesIndependentKeys)
{
    const QByteArray ikm = QByteArray(32, '\x42');
    const QByteArray messages = Hkdf::deriveSha256(ikm, "salt", "messages", 32);
    const QByteArray media = Hkdf::deriveSha256(ikm, "salt", "media", 32);
    EXPECT_EQ(messages.size(), 32);
    EXPECT_EQ(media.size(), 32);
    EXPECT_NE(messages, media);
    EXPECT_EQ(messages, Hkdf::deriveSha256(ikm, "salt", "messages", 32));
}

TEST(HkdfTest, InvalidLengthGivesEmptyKey)
{
    EXPECT_TRUE(Hkdf::deriveSha256("k", "s", "i", 0).isEmpty());
    EXPECT_TRUE(Hkdf::deriveSha256("k", "s", "i", -1).isEmpty());
    EXPECT_TRUE(Hkdf::deriveSha256("k", "s", "i", 255 * 32 + 1).isEmpty());
    EXPECT_EQ(Hkdf::deriveSha256("k", "s", "i", 255 * 32).size(), 255 * 32);
}
