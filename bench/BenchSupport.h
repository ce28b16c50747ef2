#pragma once

// What the benchmarks share: a keychain that is not there (the vault keeps its key in a file,
// as on a machine without one) and the process's resident memory.
#include "NoKeychain.h"

#include <QFile>

namespace imp::bench {

using test::NoKeychain; // the tests' own: no OS keychain, the key in a file

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
