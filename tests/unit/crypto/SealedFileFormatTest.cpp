#include "crypto/SealedFileFormat.h"

#include "crypto/Hkdf.h"
#include "crypto/SealedFile.h"
#include "crypto/SecureRandom.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtEndian>
#include <gtest/gtest.h>
#include <openssl/evp.h>

using imp::crypto::Hkdf;
using imp::crypto::SealedFile;
using imp::crypto::SealedFileFormat;
using imp::crypto::SealedFileReader;
using imp::crypto::SecureRandom;

namespace {

constexpr qint64 Chunk = SealedFileFormat::ChunkSize;
constexpr qint64 Header = SealedFileFormat::HeaderSize;
constexpr qint64 Tag = SealedFileFormat::TagSize;
constexpr qint64 Sealed = SealedFileFormat::SealedChunkSize;

QByteArray be64(quint64 v)
{
    QByteArray out(8, '\0');
    qToBigEndian(v, out.data());
    return out;
}

// AES-256-GCM straight from OpenSSL, independent of the code under test.
QByteArray gcmSeal(const QByteArray &key, const QByteArray &nonce, const QByteArray &aad,
                   const QByteArray &plain)
{
    auto u = [](const QByteArray &b) {
        return reinterpret_cast<const unsigned char *>(b.data());
    };
    EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
    QByteArray out(plain.size() + Tag, '\0');
    auto *o = reinterpret_cast<unsigned char *>(out.data());
    int len = 0;
    int total = 0;
    EXPECT_EQ(EVP_EncryptInit_ex(ctx, EVP_aes_256_gcm(), nullptr, nullptr, nullptr), 1);
    EXPECT_EQ(EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_IVLEN, int(nonce.size()), nullptr), 1);
    EXPECT_EQ(EVP_EncryptInit_ex(ctx, nullptr, nullptr, u(key), u(nonce)), 1);
    EXPECT_EQ(EVP_EncryptUpdate(ctx, nullptr, &len, u(aad), int(aad.size())), 1);
    if (!plain.isEmpty()) {
        EXPECT_EQ(EVP_EncryptUpdate(ctx, o, &len, u(plain), int(plain.size())), 1);
        total = len;
    }
    EXPECT_EQ(EVP_EncryptFinal_ex(ctx, o + total, &len), 1);
    EXPECT_EQ(EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, int(Tag), o + plain.size()), 1);
    EVP_CIPHER_CTX_free(ctx);
    return out;
}

// The format exactly as SealedFileFormat.h documents it, written out by hand.
QByteArray sealBySpec(const QByteArray &mediaKey, const QByteArray &salt, const QByteArray &plain)
{
    const QByteArray header = QByteArray("IMPM\x01", 5) + salt;
    const QByteArray fileKey = Hkdf::deriveSha256(mediaKey, salt, "imp.media.file.v1", 32);
    const qint64 chunks = std::max<qint64>(1, (plain.size() + Chunk - 1) / Chunk);
    QByteArray out = header;
    for (qint64 i = 0; i < chunks; ++i) {
        const bool final = i == chunks - 1;
        const QByteArray nonce = QByteArray(4, '\0') + be64(quint64(i));
        const QByteArray aad = header + be64(quint64(i)) + QByteArray(1, final ? '\x01' : '\x00');
        out += gcmSeal(fileKey, nonce, aad, plain.mid(i * Chunk, Chunk));
    }
    return out;
}

QByteArray fileBytes(const QString &path)
{
    QFile f(path);
    EXPECT_TRUE(f.open(QIODevice::ReadOnly));
    return f.readAll();
}

} // namespace

TEST(SealedFileFormatTest, PlaintextSizeFollowsFromTheFileSizeAlone)
{
    for (qint64 size : {0LL, 1LL, Chunk - 1, Chunk, Chunk + 1, 3 * Chunk + 5, 10 * Chunk}) {
        const qint64 onDisk = SealedFileFormat::sealedSize(size);
        const qint64 chunks = std::max<qint64>(1, (size + Chunk - 1) / Chunk);
        EXPECT_EQ(onDisk, Header + size + chunks * Tag) << size;
        EXPECT_EQ(SealedFileFormat::chunkCount(size), quint64(chunks)) << size;
        EXPECT_EQ(SealedFileFormat::plaintextSize(onDisk), size) << size;
    }
}

TEST(SealedFileFormatTest, SizesNoWriterProducesAreRefused)
{
    EXPECT_EQ(SealedFileFormat::plaintextSize(0), -1);
    EXPECT_EQ(SealedFileFormat::plaintextSize(Header), -1) << "no final chunk at all";
    EXPECT_EQ(SealedFileFormat::plaintextSize(Header + Tag - 1), -1);
    EXPECT_EQ(SealedFileFormat::plaintextSize(Header + Sealed + 5), -1) << "a last chunk cut "
                                                                           "inside its tag";
    EXPECT_EQ(SealedFileFormat::plaintextSize(Header + Sealed + Tag), -1)
        << "an empty chunk after a full one is never written";
}

TEST(SealedFileFormatTest, WrittenFilesAreExactlyTheDocumentedFormat)
{
    // Media already on users' disks must stay readable: any change to the layout, nonce,
    // associated data or key derivation shows up here as different bytes.
    QTemporaryDir dir;
    const QByteArray key = SecureRandom::bytes(32);
    for (qint64 size : {0LL, 1LL, Chunk, 2 * Chunk + 7}) {
        const QByteArray plain = SecureRandom::bytes(int(size));
        const QString path = dir.filePath(QStringLiteral("m"));
        ASSERT_TRUE(SealedFile::writeAll(path, key, plain));
        const QByteArray written = fileBytes(path);
        ASSERT_GE(written.size(), Header);
        EXPECT_EQ(written.left(5), QByteArray("IMPM\x01", 5));
        EXPECT_EQ(written, sealBySpec(key, written.mid(5, 16), plain)) << size;
    }
}

TEST(SealedFileFormatTest, AFileBuiltByHandFromTheDocumentedFormatOpens)
{
    QTemporaryDir dir;
    const QByteArray key = SecureRandom::bytes(32);
    const QByteArray plain = SecureRandom::bytes(int(2 * Chunk + 99));
    const QString path = dir.filePath(QStringLiteral("m"));
    QFile f(path);
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.write(sealBySpec(key, SecureRandom::bytes(16), plain));
    f.close();
    auto back = SealedFile::readAll(path, key, 1 << 30);
    ASSERT_TRUE(back) << back.error().code;
    EXPECT_EQ(back.value(), plain);
}

TEST(SealedFileFormatTest, EveryFileGetsItsOwnSaltAndKey)
{
    const QByteArray key = SecureRandom::bytes(32);
    const QByteArray a = SealedFileFormat::newHeader();
    const QByteArray b = SealedFileFormat::newHeader();
    EXPECT_TRUE(SealedFileFormat::isHeader(a));
    EXPECT_NE(a, b);
    EXPECT_EQ(SealedFileFormat::fileKey(key, a).size(), 32);
    EXPECT_NE(SealedFileFormat::fileKey(key, a), SealedFileFormat::fileKey(key, b));
    EXPECT_NE(SealedFileFormat::fileKey(key, a), key) << "the media key itself is never used";
    EXPECT_TRUE(SealedFileFormat::fileKey(key.left(16), a).isEmpty());
    EXPECT_TRUE(SealedFileFormat::fileKey(key, a.left(20)).isEmpty());
}
