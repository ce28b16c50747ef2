#include "crypto/Scrypt.h"

#include <gtest/gtest.h>

using imp::crypto::Scrypt;

// RFC 7914, section 12, first vector: P = "", S = "", N = 16, r = 1, p = 1, dkLen = 64.
TEST(ScryptTest, MatchesRfc7914EmptyVector)
{
    auto key = Scrypt::derive(QString(), QByteArray(), 64, Scrypt::Params{16, 1, 1});
    ASSERT_TRUE(key.ok()) << key.error().code;
    EXPECT_EQ(key->toHex(), "77d6576238657b203b19ca42c18a0497f16b4844e3074ae8dfdffa3fede21442"
                            "fcd0069ded0948f8326a753a0fc81f17e8d3e0fb2e0d3628cf35e20c38d18906");
}

// RFC 7914, section 12, second vector: P = "password", S = "NaCl", N = 1024, r = 8, p = 16.
TEST(ScryptTest, MatchesRfc7914PasswordVector)
{
    auto key = Scrypt::derive(QStringLiteral("password"), "NaCl", 64, Scrypt::Params{1024, 8, 16});
    ASSERT_TRUE(key.ok()) << key.error().code;
    EXPECT_EQ(key->toHex(), "fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b373162"
                            "2eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640");
}

TEST(ScryptTest, DefaultParametersDeriveDistinctKeysPerPasscodeAndSalt)
{
    auto a = Scrypt::derive(QStringLiteral("1234"), "salt-salt-salt-1", 32);
    auto b = Scrypt::derive(QStringLiteral("1235"), "salt-salt-salt-1", 32);
    auto c = Scrypt::derive(QStringLiteral("1234"), "salt-salt-salt-2", 32);
    auto again = Scrypt::derive(QStringLiteral("1234"), "salt-salt-salt-1", 32);
    ASSERT_TRUE(a.ok() && b.ok() && c.ok() && again.ok());
    EXPECT_EQ(a->size(), 32);
    EXPECT_NE(a.value(), b.value());
    EXPECT_NE(a.value(), c.value());
    EXPECT_EQ(a.value(), again.value());
}

// The same passcode typed as a precomposed or a combining accent must unlock the same vault.
TEST(ScryptTest, PasscodeIsUnicodeNormalised)
{
    const Scrypt::Params fast{16, 1, 1};
    auto composed = Scrypt::derive(QString::fromUtf8("caf\xc3\xa9"), "s", 32, fast);
    auto decomposed = Scrypt::derive(QString::fromUtf8("cafe\xcc\x81"), "s", 32, fast);
    ASSERT_TRUE(composed.ok() && decomposed.ok());
    EXPECT_EQ(composed.value(), decomposed.value());
}

TEST(ScryptTest, RejectsInvalidParameters)
{
    for (const Scrypt::Params &params :
         {Scrypt::Params{0, 1, 1}, Scrypt::Params{1, 1, 1}, Scrypt::Params{1000, 1, 1},
          Scrypt::Params{16, 0, 1}, Scrypt::Params{16, 1, 0}}) {
        auto key = Scrypt::derive(QStringLiteral("x"), "s", 32, params);
        ASSERT_FALSE(key.ok()) << params.n << " " << params.r << " " << params.p;
        EXPECT_EQ(key.error().code, "crypto.bad_params");
    }
    auto noLength = Scrypt::derive(QStringLiteral("x"), "s", 0, Scrypt::Params{16, 1, 1});
    ASSERT_FALSE(noLength.ok());
    EXPECT_EQ(noLength.error().code, "crypto.bad_params");
}
