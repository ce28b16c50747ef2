#include "account/Credentials.h"

#include <QHash>
#include <QSet>
#include <gtest/gtest.h>

using imp::account::Credentials;

namespace {

class FakeKeychain : public imp::crypto::KeychainBackend {
public:
    QHash<QString, QByteArray> entries;
    bool unavailable = false;

    imp::Result<QByteArray> read(const QString &key) override
    {
        if (unavailable)
            return imp::makeError("keychain.unavailable");
        if (!entries.contains(key))
            return imp::makeError("keychain.not_found");
        return entries.value(key);
    }
    imp::Result<void> write(const QString &key, const QByteArray &secret) override
    {
        if (unavailable)
            return imp::makeError("keychain.unavailable");
        entries.insert(key, secret);
        return {};
    }
    imp::Result<void> remove(const QString &key) override
    {
        if (unavailable)
            return imp::makeError("keychain.unavailable");
        entries.remove(key);
        return {};
    }
};

} // namespace

TEST(CredentialsTest, PasswordIs32RandomBytesInBase64Url)
{
    QSet<QString> seen;
    for (int i = 0; i < 50; ++i) {
        const QString pw = Credentials::generatePassword();
        EXPECT_EQ(pw.size(), 43); // ceil(32 * 4 / 3), no padding
        EXPECT_FALSE(pw.contains(QLatin1Char('=')));
        EXPECT_FALSE(pw.contains(QLatin1Char('+')));
        EXPECT_FALSE(pw.contains(QLatin1Char('/')));
        const QByteArray raw = QByteArray::fromBase64(
            pw.toLatin1(), QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
        EXPECT_EQ(raw.size(), 32);
        seen.insert(pw);
    }
    EXPECT_EQ(seen.size(), 50);
}

TEST(CredentialsTest, StoreThenLoadUnderAccountKey)
{
    FakeKeychain keychain;
    const QString pw = Credentials::generatePassword();
    ASSERT_TRUE(Credentials::store(keychain, QStringLiteral("p1"), pw).ok());
    EXPECT_TRUE(keychain.entries.contains(QStringLiteral("account-p1")));
    const auto loaded = Credentials::load(keychain, QStringLiteral("p1"));
    ASSERT_TRUE(loaded.ok());
    EXPECT_EQ(*loaded, pw);
}

TEST(CredentialsTest, ProfilesAreSeparate)
{
    FakeKeychain keychain;
    ASSERT_TRUE(Credentials::store(keychain, QStringLiteral("a"), QStringLiteral("pa")).ok());
    ASSERT_TRUE(Credentials::store(keychain, QStringLiteral("b"), QStringLiteral("pb")).ok());
    EXPECT_EQ(*Credentials::load(keychain, QStringLiteral("a")), QStringLiteral("pa"));
    EXPECT_EQ(*Credentials::load(keychain, QStringLiteral("b")), QStringLiteral("pb"));
    ASSERT_TRUE(Credentials::remove(keychain, QStringLiteral("a")).ok());
    EXPECT_EQ(Credentials::load(keychain, QStringLiteral("a")).error().code, "keychain.not_found");
}

TEST(CredentialsTest, ErrorsArePassedThrough)
{
    FakeKeychain keychain;
    EXPECT_EQ(Credentials::load(keychain, QStringLiteral("none")).error().code,
              "keychain.not_found");
    EXPECT_EQ(Credentials::store(keychain, QString(), QStringLiteral("x")).error().code,
              "account.invalid_argument");
    EXPECT_EQ(Credentials::store(keychain, QStringLiteral("p"), QString()).error().code,
              "account.invalid_argument");
    keychain.entries.insert(QStringLiteral("account-empty"), QByteArray());
    EXPECT_EQ(Credentials::load(keychain, QStringLiteral("empty")).error().code,
              "account.corrupt_password");
    keychain.unavailable = true;
    EXPECT_EQ(Credentials::store(keychain, QStringLiteral("p"), QStringLiteral("x")).error().code,
              "keychain.unavailable");
    EXPECT_EQ(Credentials::load(keychain, QStringLiteral("p")).error().code,
              "keychain.unavailable");
}
