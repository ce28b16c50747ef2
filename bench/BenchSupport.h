#pragma once

// What the benchmarks share: a keychain that is not there (the vault keeps its key in a file,
// as on a machine without one) and the process's resident memory.
#include "crypto/KeychainBackend.h"

#include <QFile>

namespace imp::bench {

class NoKeychain : public crypto::KeychainBackend {
public:
    Result<QByteArray> read(const QString &) override { return makeError("keychain.unavailable"); }
    Result<void> write(const QString &, const QByteArray &) override
    {
        return makeError("keychain.unavailable");
    }
    Result<void> remove(const QString &) override { return {}; }
};

// VmRSS of this process in KiB, or -1.
inline long rssKiB()
{
    QFile f("/proc/self/status");
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLong();
    }
    return -1;
}

} // namespace imp::bench
