#include "Credentials.h"

#include "crypto/SecureRandom.h"

#include <QByteArray>

namespace imp::account {

namespace {
constexpr auto kBase64Url = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;
} // namespace

QString Credentials::generatePassword()
{
    return QString::fromLatin1(crypto::SecureRandom::bytes(kPasswordBytes).toBase64(kBase64Url));
}

QString Credentials::keychainKey(const QString &profileId)
{
    return QStringLiteral("account-") + profileId;
}

Result<void> Credentials::store(crypto::KeychainBackend &keychain, const QString &profileId,
                                const QString &password)
{
    if (profileId.isEmpty() || password.isEmpty())
        return makeError("account.invalid_argument", "empty profile id or password");
    return keychain.write(keychainKey(profileId), password.toUtf8());
}

Result<QString> Credentials::load(crypto::KeychainBackend &keychain, const QString &profileId)
{
    if (profileId.isEmpty())
        return makeError("account.invalid_argument", "empty profile id");
    Result<QByteArray> secret = keychain.read(keychainKey(profileId));
    if (!secret)
        return secret.error();
    // An empty entry would become an empty SASL password; treat it as damage, not a password.
    if (secret->isEmpty())
        return makeError("account.corrupt_password", "keychain entry is empty");
    return QString::fromUtf8(*secret);
}

Result<void> Credentials::remove(crypto::KeychainBackend &keychain, const QString &profileId)
{
    if (profileId.isEmpty())
        return makeError("account.invalid_argument", "empty profile id");
    return keychain.remove(keychainKey(profileId));
}

} // namespace imp::account
