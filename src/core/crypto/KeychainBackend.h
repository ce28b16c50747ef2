#pragma once

#include "common/Result.h"

#include <QByteArray>
#include <QString>

namespace imp::crypto {

// Where small secrets (key-encryption keys, account passwords) are kept outside the profile
// folder. Abstract so the vault can be tested without an OS keychain.
//
// Error codes: "keychain.unavailable" (no keychain, locked, denied, no D-Bus, ...),
// "keychain.timeout" (the keychain did not answer in time), "keychain.not_found" (read of a
// key that has no entry). remove() of a missing entry succeeds.
class KeychainBackend {
public:
    virtual ~KeychainBackend() = default;

    virtual Result<QByteArray> read(const QString &key) = 0;
    virtual Result<void> write(const QString &key, const QByteArray &secret) = 0;
    virtual Result<void> remove(const QString &key) = 0;
};

} // namespace imp::crypto
