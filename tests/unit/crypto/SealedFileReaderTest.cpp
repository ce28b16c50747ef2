#include "crypto/SealedFileReader.h"

#include "SealedFileTestSupport.h"
#include "crypto/SealedFile.h"
#include "crypto/SecureRandom.h"

#include <QFile>
#include <QTemporaryDir>
#include <gtest/gtest.h>
#include <random>

using imp::crypto::SealedFile;
using imp::crypto::SealedFileFormat;
using imp::crypto::SealedFileReader;
using imp::crypto::SecureRandom;

namespace {

constexpr qint64 Chunk = SealedFileFormat::ChunkSize;
constexpr qint64 Header = SealedFileFormat::HeaderSize;
constexpr qint64 Sealed = SealedFileFormat::SealedChunkSize;

class SealedFileReaderTest : public imp::test::SealedFileFixture {
protected:
    void overwrite(const QString &p, const QByteArray &bytes) const
    {
        QFile f(p);
        ASSERT_TRUE(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        ASSERT_EQ(f.write(bytes), bytes.size());
    }
    // `plain` sealed at path(), returning the sealed bytes.
    QByteArray seal(const QByteArray &plain, const QString &name = QStringLiteral("m"))
    {
        EXPECT_TRUE(SealedFile::writeAll(path(name), key, plain));
        return raw(path(name));
    }
    // What open() says about these bytes as a sealed file: "" when it opens.
    QString openError(const QByteArray &bytes, const QByteArray &k = {})
    {
        overwrite(path("t"), bytes);
        SealedFileReader r(path("t"), k.isNull() ? key : k);
        return r.open() ? QString() : r.lastError();
    }
    // Whether every byte of these bytes reads back, via the whole-file helper.
    bool readsBack(const QByteArray &bytes)
    {
        overwrite(path("t"), bytes);
        return bool(SealedFile::readAll(path("t"), key, 1 << 30));
    }
    static QByteArray chunk(const QByteArray &file, qint64 i)
    {
        return file.mid(Header + i * Sealed, Sealed);
    }
};

} // namespace

TEST_F(SealedFileReaderTest, SeeksAndReadsAnywhereInPlaintextCoordinates)
{
    const QByteArray plain = SecureRandom::bytes(int(3 * Chunk + 100));
    seal(plain);
    SealedFileReader r(path(), key);
    ASSERT_TRUE(r.open()) << r.lastError().toStdString();
    EXPECT_EQ(r.size(), plain.size());
    EXPECT_FALSE(r.isSequential());
    EXPECT_TRUE(r.isReadable());
    EXPECT_FALSE(r.isWritable());

    // Reads that start or end on a boundary, or span two of them.
    for (qint64 at : {0LL, Chunk - 1, Chunk, 2 * Chunk - 3, 3 * Chunk, qint64(plain.size()) - 1}) {
        for (qint64 length : {1LL, 2LL, 5000LL, Chunk + 10, 2 * Chunk + 1}) {
            ASSERT_TRUE(r.seek(at)) << at;
            EXPECT_EQ(r.pos(), at);
            EXPECT_EQ(r.bytesAvailable(), plain.size() - at);
            const QByteArray got = r.read(length);
            EXPECT_EQ(got, plain.mid(at, length)) << at << "+" << length;
            EXPECT_EQ(r.pos(), at + got.size());
        }
    }
    // A player jumping around at random.
    std::mt19937 rng(7);
    for (int i = 0; i < 300; ++i) {
        const qint64 at = std::uniform_int_distribution<qint64>(0, plain.size())(rng);
        const qint64 length = std::uniform_int_distribution<qint64>(0, 3 * Chunk)(rng);
        ASSERT_TRUE(r.seek(at));
        ASSERT_EQ(r.read(length), plain.mid(at, length)) << at << "+" << length;
    }
}

TEST_F(SealedFileReaderTest, BehavesLikeAReadOnlyQIODeviceAtItsEnds)
{
    const QByteArray plain = SecureRandom::bytes(int(Chunk + 10));
    seal(plain);
    SealedFileReader r(path(), key);
    ASSERT_TRUE(r.open());
    EXPECT_EQ(r.peek(64), plain.left(64)) << "the media sniffer peeks at the first bytes";
    EXPECT_EQ(r.pos(), 0) << "peek does not move";
    ASSERT_TRUE(r.seek(plain.size()));
    EXPECT_TRUE(r.atEnd());
    EXPECT_EQ(r.read(10), QByteArray());
    EXPECT_FALSE(r.seek(plain.size() + 1));
    EXPECT_FALSE(r.seek(-1));
    ASSERT_TRUE(r.seek(0));
    QByteArray pieces;
    while (!r.atEnd())
        pieces += r.read(1000);
    EXPECT_EQ(pieces, plain);
    EXPECT_EQ(r.readAll(), QByteArray());
    EXPECT_EQ(r.write("x"), -1);
    r.close();
    EXPECT_FALSE(r.isOpen());
    ASSERT_TRUE(r.open()) << "reopens";
    EXPECT_EQ(r.read(5), plain.left(5));
}

TEST_F(SealedFileReaderTest, AnEmptyFileOpensAsEmpty)
{
    const QByteArray sealed = seal({});
    EXPECT_EQ(sealed.size(), Header + SealedFileFormat::TagSize);
    SealedFileReader r(path(), key);
    ASSERT_TRUE(r.open());
    EXPECT_EQ(r.size(), 0);
    EXPECT_TRUE(r.atEnd());
    EXPECT_EQ(r.readAll(), QByteArray());
}

TEST_F(SealedFileReaderTest, ATruncatedFileIsRefusedBeforeAnythingPlays)
{
    const QByteArray good = seal(SecureRandom::bytes(int(3 * Chunk + 10)));
    ASSERT_EQ(openError(good), QString());
    // At chunk boundaries: what is left looks complete but its last chunk was not sealed final.
    for (qint64 chunks : {1, 2, 3})
        EXPECT_EQ(openError(good.left(Header + chunks * Sealed)), "media.corrupt") << chunks;
    // Inside the final chunk, inside an earlier chunk, inside a tag, inside the header.
    for (qint64 size : {qint64(good.size()) - 1, qint64(good.size()) - 5, Header + Sealed + 100,
                        Header + 2 * Sealed + 3, Header + 10, 0LL})
        EXPECT_EQ(openError(good.left(size)), "media.corrupt") << size;
    // An empty file cut to its header.
    EXPECT_EQ(openError(seal({}).left(Header)), "media.corrupt");
}

TEST_F(SealedFileReaderTest, ReorderedOrRepeatedChunksDoNotRead)
{
    const QByteArray good = seal(SecureRandom::bytes(int(3 * Chunk + 10)));
    ASSERT_TRUE(readsBack(good));
    const QByteArray h = good.left(Header);
    const QByteArray tail = good.mid(Header + 3 * Sealed);
    EXPECT_FALSE(readsBack(h + chunk(good, 1) + chunk(good, 0) + chunk(good, 2) + tail));
    EXPECT_FALSE(readsBack(h + chunk(good, 0) + chunk(good, 2) + chunk(good, 1) + tail));
    EXPECT_FALSE(readsBack(h + chunk(good, 0) + chunk(good, 0) + chunk(good, 2) + tail));
    // A chunk dropped from the middle: the sizes still add up, the indexes do not.
    EXPECT_FALSE(readsBack(h + chunk(good, 0) + chunk(good, 2) + tail));
    // The final chunk moved forward.
    EXPECT_EQ(openError(h + tail + chunk(good, 0) + chunk(good, 1) + chunk(good, 2)),
              "media.corrupt");
}

TEST_F(SealedFileReaderTest, OneFlippedBitAnywhereIsCaught)
{
    const QByteArray good = seal(SecureRandom::bytes(int(2 * Chunk + 10)));
    std::vector<qint64> positions;
    for (qint64 i = 0; i < Header; ++i)
        positions.push_back(i);                                 // magic, version, every salt byte
    for (qint64 i : {Header, Header + 1000, Header + Chunk - 1, // chunk 0 ciphertext
                     Header + Chunk, Header + Sealed - 1,       // chunk 0 tag
                     Header + Sealed + 5, Header + 2 * Sealed,  // chunk 1, final chunk
                     qint64(good.size()) - 1})                  // the final tag
        positions.push_back(i);
    for (qint64 at : positions) {
        for (char bit : {'\x01', '\x80'}) {
            QByteArray flipped = good;
            flipped[at] = char(flipped[at] ^ bit);
            EXPECT_FALSE(readsBack(flipped)) << at << " bit " << int(quint8(bit));
        }
    }
}

TEST_F(SealedFileReaderTest, TheWrongKeyOpensNothing)
{
    const QByteArray good = seal(SecureRandom::bytes(1000));
    EXPECT_EQ(openError(good, SecureRandom::bytes(32)), "media.corrupt");
    QByteArray nearly = key;
    nearly[31] = char(nearly[31] ^ 0x01);
    EXPECT_EQ(openError(good, nearly), "media.corrupt");
    EXPECT_EQ(openError(good, key.left(16)), "crypto.bad_key");
    auto read = SealedFile::readAll(path(), SecureRandom::bytes(32), 1 << 30);
    ASSERT_FALSE(read);
    EXPECT_EQ(read.error().code, "media.corrupt");
}

TEST_F(SealedFileReaderTest, ChunksSplicedFromAnotherFileDoNotRead)
{
    // Same key, same plaintext, same sizes: only the per-file salt tells the files apart.
    const QByteArray plain = SecureRandom::bytes(int(2 * Chunk + 10));
    const QByteArray a = seal(plain, QStringLiteral("a"));
    const QByteArray b = seal(plain, QStringLiteral("b"));
    ASSERT_EQ(a.size(), b.size());
    EXPECT_NE(a, b);
    const QByteArray h = a.left(Header);
    EXPECT_FALSE(readsBack(h + chunk(b, 0) + a.mid(Header + Sealed))) << "one chunk from b";
    EXPECT_EQ(openError(h + b.mid(Header)), "media.corrupt") << "a's header on b's chunks";
    EXPECT_EQ(openError(a.left(Header + 2 * Sealed) + b.mid(Header + 2 * Sealed)), "media.corrupt")
        << "b's final chunk after a's";
}

TEST_F(SealedFileReaderTest, AnAlteredChunkFailsTheReadAndNoneOfItsBytesAreReturned)
{
    const QByteArray plain = SecureRandom::bytes(int(3 * Chunk));
    QByteArray bytes = seal(plain);
    bytes[Header + Sealed + 10] = char(bytes[Header + Sealed + 10] ^ 0x40); // the second chunk
    overwrite(path(), bytes);
    SealedFileReader r(path(), key);
    ASSERT_TRUE(r.open()) << "the final chunk is intact";
    EXPECT_EQ(r.lastError(), QString());
    EXPECT_EQ(r.read(Chunk), plain.left(Chunk));

    QByteArray out(100, '\xAA');
    EXPECT_EQ(r.read(out.data(), out.size()), -1);
    EXPECT_EQ(out, QByteArray(100, '\xAA')) << "not one unauthenticated byte reached the caller";
    EXPECT_EQ(r.lastError(), "media.corrupt");
    ASSERT_TRUE(r.seek(Chunk + 5000));
    EXPECT_EQ(r.read(10), QByteArray());
    EXPECT_EQ(r.read(out.data(), 1), -1) << "it keeps failing, not just once";

    auto whole = SealedFile::readAll(path(), key, 1 << 30);
    ASSERT_FALSE(whole);
    EXPECT_EQ(whole.error().code, "media.corrupt");
}

TEST_F(SealedFileReaderTest, MissingFilesAndWritesAreRefused)
{
    SealedFileReader missing(path("nope"), key);
    EXPECT_FALSE(missing.open());
    EXPECT_EQ(missing.lastError(), "media.missing");

    seal("hello");
    SealedFileReader r(path(), key);
    EXPECT_FALSE(r.open(QIODevice::ReadWrite));
    EXPECT_EQ(r.lastError(), "media.read_only");
    EXPECT_EQ(raw(path()).size(), Header + 5 + SealedFileFormat::TagSize) << "untouched";
}
