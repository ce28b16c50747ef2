#pragma once

#include "crypto/KeychainBackend.h"

#include <chrono>

namespace imp::crypto {

// The OS keychain through QtKeychain (Secret Service/KWallet, macOS Keychain, Windows
// Credential Manager, Android Keystore).
//
// Calls block the calling thread until the keychain answers or `timeout` passes, so a keychain
// that never answers yields "keychain.timeout" instead of a hang. Any thread may call, with or
// without an event loop: the QtKeychain jobs themselves always run on one private, long-lived
// thread, because QtKeychain keeps a non-thread-safe job queue that binds to the first thread
// using it. For the same reason, every QtKeychain use in the process should go through this
// class. Calls need a live QCoreApplication (Qt runs no thread event loop without one):
// before it exists, and once it has been destroyed, they fail with "keychain.unavailable".
class QtKeychainBackend final : public KeychainBackend {
public:
    explicit QtKeychainBackend(QString service = QStringLiteral("IMpTech"),
                               std::chrono::milliseconds timeout = std::chrono::milliseconds(3000));

    Result<QByteArray> read(const QString &key) override;
    Result<void> write(const QString &key, const QByteArray &secret) override;
    Result<void> remove(const QString &key) override;

    QString service() const { return m_service; }
    std::chrono::milliseconds timeout() const { return m_timeout; }

private:
    QString m_service;
    std::chrono::milliseconds m_timeout;
};

} // namespace imp::crypto
