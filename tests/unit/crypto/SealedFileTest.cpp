#include "crypto/SealedFile.h"

#include "crypto/SecureRandom.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <gtest/gtest.h>

using imp::crypto::SealedFile;
using imp::crypto::SealedFileReader;
using imp::crypto::SealedFileWriter;
using imp::crypto::SecureRandom;

namespace {

constexpr qint64 Sealed = SealedFile::ChunkSize + SealedFile::TagSize;

class SealedFileTest : public ::testing::Test {
protected:
    QString path(const QString &name = QStringLiteral("m")) const { return m_dir.filePath(name); }
    QByteArray raw(const QString &p) const
    {
        QFile f(p);
        EXPECT_TRUE(f.open(QIODevice::ReadOnly));
        return f.readAll();
    }
    void overwrite(const QString &p, const QByteArray &bytes) const
    {
        QFile f(p);
        ASSERT_TRUE(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(bytes);
    }
    QTemporaryDir m_dir;
    QByteArray key = SecureRandom::bytes(32);
};

} // namespace

TEST_F(SealedFileTest, RoundTripsEverySizeAroundTheChunkBoundaries)
{
    for (qint64 size : {0LL, 1LL, 65535LL, 65536LL, 65537LL, 3LL * 65536 + 5}) {
        const QByteArray plain = SecureRandom::bytes(int(size));
        ASSERT_TRUE(SealedFile::writeAll(path(), key, plain)) << size;
        auto back = SealedFile::readAll(path(), key, 1 << 30);
        ASSERT_TRUE(back) << size << " " << back.error().code;
        EXPECT_EQ(back.value(), plain) << size;
        // One tag per started chunk, and an empty file still has its final chunk.
        const qint64 chunks = std::max<qint64>(1, (size + 65535) / 65536);
        EXPECT_EQ(raw(path()).size(), SealedFile::HeaderSize + size + chunks * SealedFile::TagSize)
            << size;
    }
}

TEST_F(SealedFileTest, StreamingInOddPiecesEqualsOneShotAndHashesThePlaintext)
{
    const QByteArray plain = SecureRandom::bytes(200000);
    SealedFileWriter w;
    ASSERT_TRUE(w.open(path(), key));
    for (qsizetype at = 0; at < plain.size(); at += 7777)
        ASSERT_TRUE(w.write(plain.mid(at, 7777)));
    EXPECT_FALSE(QFile::exists(path())) << "nothing appears before finish()";
    ASSERT_TRUE(w.finish());
    EXPECT_FALSE(QFile::exists(path() + ".part"));
    EXPECT_EQ(w.plaintextSize(), plain.size());
    EXPECT_EQ(w.sha256(), QCryptographicHash::hash(plain, QCryptographicHash::Sha256));
    EXPECT_EQ(SealedFile::readAll(path(), key, 1 << 30).value(), plain);
}

TEST_F(SealedFileTest, ReaderSeeksAnywhereAcrossChunks)
{
    const QByteArray plain = SecureRandom::bytes(3 * 65536 + 100);
    ASSERT_TRUE(SealedFile::writeAll(path(), key, plain));
    SealedFileReader r(path(), key);
    ASSERT_TRUE(r.open());
    EXPECT_EQ(r.size(), plain.size());
    for (qint64 at : {0LL, 65530LL, 131071LL, 196700LL}) {
        ASSERT_TRUE(r.seek(at));
        EXPECT_EQ(r.read(20), plain.mid(at, 20)) << at;
    }
    ASSERT_TRUE(r.seek(plain.size() - 3));
    EXPECT_EQ(r.read(100), plain.right(3));
    EXPECT_TRUE(r.atEnd());
}

TEST_F(SealedFileTest, TruncatedReorderedSplicedOrAlteredFilesDoNotOpen)
{
    const QByteArray plain = SecureRandom::bytes(3 * 65536 + 10);
    ASSERT_TRUE(SealedFile::writeAll(path(), key, plain));
    const QByteArray good = raw(path());
    auto opens = [&](const QByteArray &bytes) {
        overwrite(path("t"), bytes);
        return bool(SealedFile::readAll(path("t"), key, 1 << 30));
    };
    EXPECT_TRUE(opens(good));
    // Cut at a chunk boundary (the final chunk gone), and in the middle of a chunk.
    EXPECT_FALSE(opens(good.left(SealedFile::HeaderSize + 3 * Sealed)));
    EXPECT_FALSE(opens(good.left(good.size() - 5)));
    // Two chunks swapped.
    QByteArray swapped = good;
    swapped.replace(SealedFile::HeaderSize, Sealed,
                    good.mid(SealedFile::HeaderSize + Sealed, Sealed));
    swapped.replace(SealedFile::HeaderSize + Sealed, Sealed,
                    good.mid(SealedFile::HeaderSize, Sealed));
    EXPECT_FALSE(opens(swapped));
    // One bit in the header, a body and a tag.
    for (qint64 at :
         {6LL, qint64(SealedFile::HeaderSize + 100), qint64(SealedFile::HeaderSize + Sealed - 1)}) {
        QByteArray flipped = good;
        flipped[at] = char(flipped[at] ^ 0x01);
        EXPECT_FALSE(opens(flipped)) << at;
    }
    // A chunk of another file with the same key.
    ASSERT_TRUE(SealedFile::writeAll(path("o"), key, plain));
    QByteArray spliced = good;
    spliced.replace(SealedFile::HeaderSize, Sealed,
                    raw(path("o")).mid(SealedFile::HeaderSize, Sealed));
    EXPECT_FALSE(opens(spliced));
    // Another key.
    EXPECT_FALSE(SealedFile::readAll(path(), SecureRandom::bytes(32), 1 << 30));
}

TEST_F(SealedFileTest, AReadThatMeetsAnAlteredChunkFailsInsteadOfReturningIt)
{
    const QByteArray plain = SecureRandom::bytes(3 * 65536);
    ASSERT_TRUE(SealedFile::writeAll(path(), key, plain));
    QByteArray bytes = raw(path());
    bytes[SealedFile::HeaderSize + Sealed + 10] ^= 0x40; // the second chunk
    overwrite(path(), bytes);
    SealedFileReader r(path(), key);
    ASSERT_TRUE(r.open()) << "the last chunk is fine";
    EXPECT_EQ(r.read(65536), plain.left(65536));
    EXPECT_EQ(r.read(10), QByteArray()) << "nothing unauthenticated";
    EXPECT_EQ(r.lastError(), "media.corrupt");
}

TEST_F(SealedFileTest, AFailedWriteLeavesNothingBehind)
{
    // /dev/full answers every write with ENOSPC: the disk-full path, for real.
    SealedFileWriter w;
    const QString devFull = QStringLiteral("/dev/full");
    // The writer appends ".part"; a directory where it may not create files stands in for
    // a folder that fills up at the first write.
    QDir(m_dir.path()).mkdir("ro");
    QFile::setPermissions(path("ro"), QFileDevice::ReadOwner | QFileDevice::ExeOwner);
    auto opened = w.open(path("ro/m"), key);
    if (opened) { // root ignores the permission: use /dev/full through a symlink instead
        w.abort();
        ASSERT_TRUE(QFile::link(devFull, path("full.part")));
        SealedFileWriter full;
        ASSERT_TRUE(full.open(path("full"), key)) << "opening /dev/full succeeds";
        auto written = full.write(SecureRandom::bytes(300000));
        auto finished = written ? full.finish() : imp::Result<void>(written.error());
        ASSERT_FALSE(finished);
        EXPECT_EQ(finished.error().code, "media.disk_full");
        EXPECT_FALSE(QFile::exists(path("full")));
    } else {
        EXPECT_FALSE(QFile::exists(path("ro/m")));
    }
    EXPECT_FALSE(QFile::exists(path("ro/m")));
}

TEST_F(SealedFileTest, NothingOfThePlaintextIsOnDisk)
{
    const QByteArray canary = QByteArray("CANARY-MEDIA-0x5eed ").repeated(5000);
    ASSERT_TRUE(SealedFile::writeAll(path(), key, canary));
    EXPECT_FALSE(raw(path()).contains("CANARY-MEDIA"));
}
