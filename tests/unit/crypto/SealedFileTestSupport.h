#pragma once

// What the sealed-file tests share: a throwaway folder, a media key, and the raw bytes on disk.
#include "crypto/SecureRandom.h"

#include <QByteArray>
#include <QFile>
#include <QTemporaryDir>
#include <gtest/gtest.h>

namespace imp::test {

class SealedFileFixture : public ::testing::Test {
protected:
    QString path(const QString &name = QStringLiteral("m")) const { return m_dir.filePath(name); }
    QByteArray raw(const QString &p) const
    {
        QFile f(p);
        EXPECT_TRUE(f.open(QIODevice::ReadOnly));
        return f.readAll();
    }

    QTemporaryDir m_dir;
    QByteArray key = crypto::SecureRandom::bytes(32);
};

} // namespace imp::test
