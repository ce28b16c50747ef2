#pragma once

// What the benchmarks share: a keychain that is not there (the vault keeps its key in a file,
// as on a machine without one) and the process's resident memory.
#include "NoKeychain.h"
#include "chat/Profile.h"

#include <QFile>
#include <cstdio>

namespace imp::bench {

using test::NoKeychain; // the tests' own: no OS keychain, the key in a file

// A new profile in `dir` without an OS keychain; nullptr (said on stderr) when it fails.
inline std::shared_ptr<chat::Profile> freshProfile(const QString &dir)
{
    auto opened = chat::Profile::create(dir, std::make_shared<NoKeychain>()).result();
    if (!opened) {
        std::fprintf(stderr, "profile: %s\n", opened.error().code.c_str());
        return nullptr;
    }
    return opened->profile;
}

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
