#include "crypto/Hmac.h"

#include <gtest/gtest.h>
#include <thread>

using imp::crypto::Hmac;

// RFC 4231, section 4.3 (test case 2).
TEST(HmacTest, MatchesRfc4231TestCase2)
{
    EXPECT_EQ(Hmac::sha256("Jefe", "what do ya want for nothing?").toHex(),
              "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

// RFC 4231, section 4.2 (test case 1).
TEST(HmacTest, MatchesRfc4231TestCase1)
{
    EXPECT_EQ(Hmac::sha256(QByteArray(20, '\x0b'), "Hi There").toHex(),
              "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
}

TEST(HmacTest, EmptyKeyAndDataGiveTheStandardMac)
{
    EXPECT_EQ(Hmac::sha256({}, {}).toHex(),
              "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad");
}

TEST(HmacTest, ConstantTimeEqualsComparesContentAndLength)
{
    EXPECT_TRUE(Hmac::constantTimeEquals("abc", "abc"));
    EXPECT_TRUE(Hmac::constantTimeEquals({}, {}));
    EXPECT_FALSE(Hmac::constantTimeEquals("abc", "abd"));
    EXPECT_FALSE(Hmac::constantTimeEquals("abc", "abcd"));
    EXPECT_FALSE(Hmac::constantTimeEquals("abc", {}));
    const QByteArray tag = Hmac::sha256("k", "value");
    QByteArray other = tag;
    other[31] = static_cast<char>(other[31] ^ 1);
    EXPECT_TRUE(Hmac::constantTimeEquals(tag, Hmac::sha256("k", "value")));
    EXPECT_FALSE(Hmac::constantTimeEquals(tag, other));
}

// Hmac keeps a keyed context per thread: runs of calls, key changes and other threads must give
// exactly the MACs of fresh computations.
TEST(HmacTest, RepeatedCallsKeyChangesAndThreadsGiveTheStandardMacs)
{
    const QByteArray jefe = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";
    const QByteArray hiThere = "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7";
    auto check = [&] {
        for (int i = 0; i < 50; ++i) {
            if (Hmac::sha256("Jefe", "what do ya want for nothing?").toHex() != jefe)
                return false;
            if (i % 3 == 0 && Hmac::sha256(QByteArray(20, '\x0b'), "Hi There").toHex() != hiThere)
                return false;
            // A key that is a prefix of the other, and one of equal length.
            if (Hmac::sha256("Jef", "x") == Hmac::sha256("Jefe", "x") ||
                Hmac::sha256("Jefa", "x") == Hmac::sha256("Jefe", "x"))
                return false;
        }
        return true;
    };
    EXPECT_TRUE(check());
    bool inThread = false;
    std::thread other([&] { inThread = check(); });
    EXPECT_TRUE(check());
    other.join();
    EXPECT_TRUE(inThread);
}
