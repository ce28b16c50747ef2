#pragma once

#include "crypto/KeychainBackend.h"

namespace imp::test {

// No OS keychain: the vault falls back to its key file, as on a machine without one.
class NoKeychain : public crypto::KeychainBackend {
public:
    Result<QByteArray> read(const QString &) override { return makeError("keychain.unavailable"); }
    Result<void> write(const QString &, const QByteArray &) override
    {
        return makeError("keychain.unavailable");
    }
    Result<void> remove(const QString &) override { return {}; }
};

} // namespace imp::test
