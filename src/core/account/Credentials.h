#pragma once

#include "common/Result.h"
#include "crypto/KeychainBackend.h"

#include <QString>

namespace imp::account {

// The account password (DESIGN §5): 32 random bytes made on the device, sent once to
// /signup/v1/verify and then used for XMPP SASL. The user never sees it; it lives only in the
// OS keychain under "account-<profileId>", never in the profile folder and never in logs.
//
// Error codes: those of KeychainBackend ("keychain.unavailable", "keychain.timeout",
// "keychain.not_found") and "account.invalid_argument" (empty profile id or password),
// "account.corrupt_password" (what the keychain holds is not a password we made).
class Credentials {
public:
    static constexpr int kPasswordBytes = 32;

    // 43 characters of base64url without padding.
    static QString generatePassword();
    static QString keychainKey(const QString &profileId);

    static Result<void> store(crypto::KeychainBackend &keychain, const QString &profileId,
                              const QString &password);
    static Result<QString> load(crypto::KeychainBackend &keychain, const QString &profileId);
    static Result<void> remove(crypto::KeychainBackend &keychain, const QString &profileId);
};

} // namespace imp::account
