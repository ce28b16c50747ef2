#include "crypto/SealedFile.h"

#include "SealedFileTestSupport.h"
#include "crypto/SecureRandom.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <gtest/gtest.h>

using imp::crypto::SealedFile;
using imp::crypto::SealedFileFormat;
using imp::crypto::SecureRandom;

namespace {

constexpr qint64 Chunk = SealedFileFormat::ChunkSize;
constexpr qint64 Header = SealedFileFormat::HeaderSize;

class SealedFileTest : public imp::test::SealedFileFixture {};

} // namespace

TEST_F(SealedFileTest, RoundTripsEverySizeAroundTheChunkBoundaries)
{
    for (qint64 size : {0LL, 1LL, Chunk - 1, Chunk, Chunk + 1, 3 * Chunk + 5}) {
        const QByteArray plain = SecureRandom::bytes(int(size));
        ASSERT_TRUE(SealedFile::writeAll(path(), key, plain)) << size;
        auto back = SealedFile::readAll(path(), key, 1 << 30);
        ASSERT_TRUE(back) << size << " " << back.error().code;
        EXPECT_EQ(back.value(), plain) << size;
        // One tag per started chunk, and an empty file still has its final chunk.
        EXPECT_EQ(raw(path()).size(), SealedFileFormat::sealedSize(size)) << size;
    }
}

TEST_F(SealedFileTest, ReadAllRefusesAFileOverTheLimit)
{
    const QByteArray plain = SecureRandom::bytes(int(Chunk + 1));
    ASSERT_TRUE(SealedFile::writeAll(path(), key, plain));
    auto over = SealedFile::readAll(path(), key, plain.size() - 1);
    ASSERT_FALSE(over);
    EXPECT_EQ(over.error().code, "media.too_large");
    auto exact = SealedFile::readAll(path(), key, plain.size());
    ASSERT_TRUE(exact);
    EXPECT_EQ(exact.value(), plain);
}

TEST_F(SealedFileTest, ErrorsCarryTheirCodes)
{
    auto badKey = SealedFile::writeAll(path(), key.left(31), "x");
    ASSERT_FALSE(badKey);
    EXPECT_EQ(badKey.error().code, "crypto.bad_key");
    EXPECT_TRUE(QDir(m_dir.path()).isEmpty());
    auto missing = SealedFile::readAll(path(), key, 100);
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code, "media.missing");
    ASSERT_TRUE(SealedFile::writeAll(path(), key, "x"));
    auto shortKey = SealedFile::readAll(path(), key.left(31), 100);
    ASSERT_FALSE(shortKey);
    EXPECT_EQ(shortKey.error().code, "crypto.bad_key");
    QFile junk(path("junk"));
    ASSERT_TRUE(junk.open(QIODevice::WriteOnly));
    junk.write(QByteArray(1000, 'j'));
    junk.close();
    auto notSealed = SealedFile::readAll(path("junk"), key, 1 << 20);
    ASSERT_FALSE(notSealed);
    EXPECT_EQ(notSealed.error().code, "media.corrupt");
}

TEST_F(SealedFileTest, NothingOfThePlaintextIsOnDisk)
{
    // A distinctive run, repeated across several chunks, as a voice note's silence would be.
    const QByteArray canary = QByteArray("CANARY-MEDIA-0x5eed ").repeated(20000);
    ASSERT_TRUE(SealedFile::writeAll(path(), key, canary));
    const QByteArray onDisk = raw(path());
    EXPECT_FALSE(onDisk.contains("CANARY")) << "no copy of the text";
    EXPECT_FALSE(onDisk.contains(canary.mid(Chunk, 16))) << "nor of any 16 bytes of it";
    // Repeated plaintext does not repeat in the ciphertext (no ECB-like pattern across chunks).
    EXPECT_NE(onDisk.mid(Header, 64), onDisk.mid(Header + SealedFileFormat::SealedChunkSize, 64));
    EXPECT_EQ(QDir(m_dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{"m"})
        << "no plaintext temporary file beside it";
}

TEST_F(SealedFileTest, TheSameMediaSealedTwiceLooksUnrelated)
{
    // Two copies of one forwarded photo must not be recognisable as the same file on disk.
    const QByteArray plain = SecureRandom::bytes(5000);
    ASSERT_TRUE(SealedFile::writeAll(path("a"), key, plain));
    ASSERT_TRUE(SealedFile::writeAll(path("b"), key, plain));
    const QByteArray a = raw(path("a"));
    const QByteArray b = raw(path("b"));
    ASSERT_EQ(a.size(), b.size());
    EXPECT_NE(a.mid(5, 16), b.mid(5, 16)) << "salt";
    EXPECT_NE(a.mid(Header, 32), b.mid(Header, 32)) << "ciphertext";
}
