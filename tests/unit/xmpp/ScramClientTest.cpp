#include "xmpp/ScramClient.h"

#include <gtest/gtest.h>

using imp::xmpp::ScramClient;

// RFC 5802, section 5.
TEST(ScramClientTest, Rfc5802Sha1Vector)
{
    ScramClient c(ScramClient::Algorithm::Sha1, QStringLiteral("user"), QStringLiteral("pencil"),
                  "fyko+d2lbbFgONRv9qkxdawL");
    EXPECT_EQ(c.clientFirstMessage(), "n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL");
    auto final = c.handleServerFirst(
        "r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096");
    ASSERT_TRUE(final.ok()) << final.error().code;
    EXPECT_EQ(*final,
              "c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=");
    EXPECT_TRUE(c.verifyServerFinal("v=rmF9pqV8S7suAoZWja4dJRkFsKQ=").ok());
}

// RFC 7677, section 3.
TEST(ScramClientTest, Rfc7677Sha256Vector)
{
    ScramClient c(ScramClient::Algorithm::Sha256, QStringLiteral("user"), QStringLiteral("pencil"),
                  "rOprNGfwEbeRWgbNEkqO");
    EXPECT_EQ(c.clientFirstMessage(), "n,,n=user,r=rOprNGfwEbeRWgbNEkqO");
    auto final = c.handleServerFirst("r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
                                     "s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096");
    ASSERT_TRUE(final.ok()) << final.error().code;
    EXPECT_EQ(*final, "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
                      "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=");
    EXPECT_TRUE(c.verifyServerFinal("v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=").ok());
}

TEST(ScramClientTest, WrongServerSignatureFails)
{
    ScramClient c(ScramClient::Algorithm::Sha256, QStringLiteral("user"), QStringLiteral("pencil"),
                  "rOprNGfwEbeRWgbNEkqO");
    ASSERT_TRUE(c.handleServerFirst("r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
                                    "s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096")
                    .ok());
    auto r = c.verifyServerFinal("v=7rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "auth.server_signature");
    // Not a second chance.
    EXPECT_FALSE(c.verifyServerFinal("v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=").ok());
}

TEST(ScramClientTest, TruncatedOrGarbageServerFinalFails)
{
    for (QByteArray bad :
         {QByteArray("v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl9"), QByteArray("v=!!!"),
          QByteArray(""), QByteArray("x=abc"), QByteArray("e=invalid-proof")}) {
        ScramClient c(ScramClient::Algorithm::Sha256, QStringLiteral("user"),
                      QStringLiteral("pencil"), "rOprNGfwEbeRWgbNEkqO");
        ASSERT_TRUE(c.handleServerFirst("r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
                                        "s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096")
                        .ok());
        EXPECT_FALSE(c.verifyServerFinal(bad).ok()) << bad.constData();
    }
}

TEST(ScramClientTest, ServerFirstIsChecked)
{
    auto codeFor = [](const QByteArray &serverFirst) {
        ScramClient c(ScramClient::Algorithm::Sha1, QStringLiteral("user"),
                      QStringLiteral("pencil"), "abc");
        auto r = c.handleServerFirst(serverFirst);
        return r.ok() ? std::string("ok") : r.error().code;
    };
    EXPECT_EQ(codeFor("r=abcdef,s=QSXCR+Q6sek8bf92,i=4096"), "ok");
    EXPECT_EQ(codeFor("r=xyzdef,s=QSXCR+Q6sek8bf92,i=4096"), "auth.scram_invalid"); // not ours
    EXPECT_EQ(codeFor("r=abc,s=QSXCR+Q6sek8bf92,i=4096"), "auth.scram_invalid");    // no extension
    EXPECT_EQ(codeFor("r=abcdef,s=QSXCR+Q6sek8bf92,i=4095"), "auth.scram_iterations");
    EXPECT_EQ(codeFor("r=abcdef,s=QSXCR+Q6sek8bf92,i=100000000"), "auth.scram_iterations");
    EXPECT_EQ(codeFor("r=abcdef,s=QSXCR+Q6sek8bf92,i=-5000"), "auth.scram_invalid");
    EXPECT_EQ(codeFor("r=abcdef,s=QSXCR+Q6sek8bf92,i=4k"), "auth.scram_invalid");
    EXPECT_EQ(codeFor("r=abcdef,s=***,i=4096"), "auth.scram_invalid");
    EXPECT_EQ(codeFor("m=ext,r=abcdef,s=QSXCR+Q6sek8bf92,i=4096"), "auth.scram_invalid");
    EXPECT_EQ(codeFor("e=unknown-user"), "auth.failed");
    EXPECT_EQ(codeFor("garbage"), "auth.scram_invalid");
}

TEST(ScramClientTest, UsernameIsEscapedAndNonceIsRandom)
{
    ScramClient a(ScramClient::Algorithm::Sha256, QStringLiteral("a,b=c"), QStringLiteral("p"));
    ScramClient b(ScramClient::Algorithm::Sha256, QStringLiteral("a,b=c"), QStringLiteral("p"));
    EXPECT_TRUE(a.clientFirstMessage().startsWith("n,,n=a=2Cb=3Dc,r="));
    EXPECT_NE(a.clientFirstMessage(), b.clientFirstMessage());
    EXPECT_GE(a.clientFirstMessage().size(), qsizetype(strlen("n,,n=a=2Cb=3Dc,r=") + 32));
}
