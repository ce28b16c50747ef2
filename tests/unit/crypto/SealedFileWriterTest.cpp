#include "crypto/SealedFileWriter.h"

#include "SealedFileTestSupport.h"
#include "crypto/SealedFile.h"
#include "crypto/SecureRandom.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <csignal>
#include <gtest/gtest.h>
#include <sys/resource.h>

using imp::crypto::SealedFile;
using imp::crypto::SealedFileFormat;
using imp::crypto::SealedFileWriter;
using imp::crypto::SecureRandom;

namespace {

constexpr int Chunk = SealedFileFormat::ChunkSize;

QByteArray sha256(const QByteArray &bytes)
{
    return QCryptographicHash::hash(bytes, QCryptographicHash::Sha256);
}

class SealedFileWriterTest : public imp::test::SealedFileFixture {
protected:
    QString part(const QString &name = QStringLiteral("m")) const { return path(name) + ".part"; }
    QByteArray readBack(const QString &p) const
    {
        auto back = SealedFile::readAll(p, key, 1 << 30);
        EXPECT_TRUE(back) << back.error().code;
        return back ? back.value() : QByteArray("<unreadable>");
    }
    QStringList entries() const
    {
        return QDir(m_dir.path())
            .entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot);
    }
    // The writer's .part as a symlink to /dev/full: every write(2) fails with ENOSPC, the
    // kernel's own full disk, without needing a tiny file system.
    bool partIsDevFull(const QString &name = QStringLiteral("m")) const
    {
        return QFileInfo::exists(QStringLiteral("/dev/full")) &&
               QFile::link(QStringLiteral("/dev/full"), part(name));
    }
};

// RLIMIT_FSIZE for one scope: writes past the limit come back short, then fail with EFBIG.
class FileSizeLimit {
public:
    explicit FileSizeLimit(rlim_t bytes)
    {
        m_oldHandler = std::signal(SIGXFSZ, SIG_IGN); // else the kernel kills the process
        getrlimit(RLIMIT_FSIZE, &m_old);
        rlimit limit = m_old;
        limit.rlim_cur = bytes;
        m_set = setrlimit(RLIMIT_FSIZE, &limit) == 0;
    }
    ~FileSizeLimit()
    {
        setrlimit(RLIMIT_FSIZE, &m_old);
        std::signal(SIGXFSZ, m_oldHandler);
    }
    bool set() const { return m_set; }

private:
    rlimit m_old{};
    void (*m_oldHandler)(int) = nullptr;
    bool m_set = false;
};

} // namespace

TEST_F(SealedFileWriterTest, StreamingInOddPiecesGivesTheSameFileAsOneShot)
{
    const QByteArray plain = SecureRandom::bytes(3 * Chunk + 12345);
    ASSERT_TRUE(SealedFile::writeAll(path("once"), key, plain));

    SealedFileWriter w;
    ASSERT_TRUE(w.open(path(), key));
    const int pieces[] = {1, 7, 0, Chunk - 8, Chunk, Chunk + 1, 3, 2 * Chunk};
    qsizetype at = 0;
    for (int i = 0; at < plain.size(); ++i) {
        const QByteArray piece = plain.mid(at, pieces[i % std::size(pieces)]);
        ASSERT_TRUE(w.write(piece)) << at;
        at += piece.size();
        EXPECT_EQ(w.plaintextSize(), at);
    }
    ASSERT_TRUE(w.finish());
    EXPECT_EQ(QFileInfo(path()).size(), QFileInfo(path("once")).size());
    EXPECT_EQ(readBack(path()), plain);
    EXPECT_EQ(readBack(path("once")), plain);
}

TEST_F(SealedFileWriterTest, Sha256IsThePlaintextsAtEveryStepWithoutASecondPass)
{
    const QByteArray plain = SecureRandom::bytes(2 * Chunk + 77);
    SealedFileWriter w;
    ASSERT_TRUE(w.open(path(), key));
    EXPECT_EQ(w.sha256(), sha256({})) << "nothing written yet";
    for (qsizetype at = 0; at < plain.size(); at += 50000) {
        ASSERT_TRUE(w.write(plain.mid(at, 50000)));
        EXPECT_EQ(w.sha256(), sha256(plain.left(at + 50000))) << at;
    }
    ASSERT_TRUE(w.finish());
    EXPECT_EQ(w.sha256(), sha256(plain)) << "XEP-0446 metadata is taken after finish()";
    EXPECT_EQ(w.plaintextSize(), plain.size());
}

TEST_F(SealedFileWriterTest, NothingAppearsAtThePathBeforeFinishAndThePartIsOwnerOnly)
{
    SealedFileWriter w;
    ASSERT_TRUE(w.open(path(), key));
    ASSERT_TRUE(w.write(SecureRandom::bytes(Chunk + 1)));
    EXPECT_FALSE(QFileInfo::exists(path()));
    ASSERT_TRUE(QFileInfo::exists(part()));
    EXPECT_EQ(QFileInfo(part()).permissions().toInt() & 0x0077, 0) << "no group or other access";
    ASSERT_TRUE(w.finish());
    EXPECT_TRUE(QFileInfo::exists(path()));
    EXPECT_EQ(entries(), QStringList{"m"}) << "no .part left behind";
}

TEST_F(SealedFileWriterTest, AbortAndAnUnfinishedWriterLeaveNothing)
{
    {
        SealedFileWriter w;
        ASSERT_TRUE(w.open(path("a"), key));
        ASSERT_TRUE(w.write(SecureRandom::bytes(2 * Chunk)));
        w.abort();
        EXPECT_FALSE(w.write("more")) << "an aborted writer takes no more";
        EXPECT_FALSE(w.finish());
    }
    {
        SealedFileWriter w; // a download dropped halfway: destroyed without finish()
        ASSERT_TRUE(w.open(path("b"), key));
        ASSERT_TRUE(w.write(SecureRandom::bytes(Chunk + 3)));
    }
    EXPECT_TRUE(entries().isEmpty()) << entries().join(' ').toStdString();
}

TEST_F(SealedFileWriterTest, FinishReplacesAnOlderFileOnlyWhenTheNewOneIsComplete)
{
    const QByteArray before = SecureRandom::bytes(1000);
    const QByteArray after = SecureRandom::bytes(Chunk + 1000);
    ASSERT_TRUE(SealedFile::writeAll(path(), key, before));
    SealedFileWriter w;
    ASSERT_TRUE(w.open(path(), key));
    ASSERT_TRUE(w.write(after));
    EXPECT_EQ(readBack(path()), before) << "the old file stays whole while the new one is written";
    ASSERT_TRUE(w.finish());
    EXPECT_EQ(readBack(path()), after);
}

TEST_F(SealedFileWriterTest, AFullDiskIsReportedAndLeavesNothingBehind)
{
    ASSERT_TRUE(partIsDevFull());
    SealedFileWriter w;
    auto opened = w.open(path(), key);
    ASSERT_FALSE(opened) << "the header write already fails";
    EXPECT_EQ(opened.error().code, "media.disk_full");
    EXPECT_FALSE(w.isOpen());
    EXPECT_FALSE(w.write("x"));
    EXPECT_TRUE(entries().isEmpty()) << entries().join(' ').toStdString();
    EXPECT_TRUE(QFileInfo::exists(QStringLiteral("/dev/full"))) << "only our link was removed";
}

TEST_F(SealedFileWriterTest, AFullDiskNeverDamagesTheFileAlreadyThere)
{
    const QByteArray before = SecureRandom::bytes(Chunk + 5);
    ASSERT_TRUE(SealedFile::writeAll(path(), key, before));
    ASSERT_TRUE(partIsDevFull());
    auto rewritten = SealedFile::writeAll(path(), key, SecureRandom::bytes(Chunk * 3));
    ASSERT_FALSE(rewritten);
    EXPECT_EQ(rewritten.error().code, "media.disk_full");
    EXPECT_EQ(readBack(path()), before);
    EXPECT_EQ(entries(), QStringList{"m"});
}

TEST_F(SealedFileWriterTest, AShortWriteMidFileFailsTheWriteAndRemovesThePart)
{
    SealedFileWriter w;
    ASSERT_TRUE(w.open(path(), key));
    const QByteArray plain = SecureRandom::bytes(6 * Chunk);
    imp::Result<void> result;
    qsizetype at = 0;
    {
        // Room for two chunks and part of a third: the kernel takes a short write, then refuses.
        FileSizeLimit limit(SealedFileFormat::HeaderSize + 2 * SealedFileFormat::SealedChunkSize +
                            1000);
        ASSERT_TRUE(limit.set());
        for (; at < plain.size() && result; at += 10000)
            result = w.write(plain.mid(at, 10000));
        if (result)
            result = w.finish();
    }
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, "media.write_failed");
    EXPECT_LT(at, plain.size()) << "the failure surfaced in write(), not only at finish()";
    EXPECT_FALSE(w.isOpen());
    EXPECT_FALSE(w.finish()) << "a failed writer cannot be finished into a file";
    EXPECT_TRUE(entries().isEmpty()) << entries().join(' ').toStdString();
}

TEST_F(SealedFileWriterTest, KeysOfTheWrongSizeAreRefusedBeforeAnythingIsCreated)
{
    for (int size : {0, 16, 31, 33, 64}) {
        SealedFileWriter w;
        auto opened = w.open(path(), SecureRandom::bytes(size));
        ASSERT_FALSE(opened) << size;
        EXPECT_EQ(opened.error().code, "crypto.bad_key");
    }
    EXPECT_TRUE(entries().isEmpty());
}

TEST_F(SealedFileWriterTest, AWriterCanBeReusedForTheNextFile)
{
    const QByteArray first = SecureRandom::bytes(Chunk + 9);
    const QByteArray second = SecureRandom::bytes(100);
    SealedFileWriter w;
    ASSERT_TRUE(w.open(path("1"), key));
    ASSERT_TRUE(w.write(first));
    ASSERT_TRUE(w.finish());
    ASSERT_TRUE(w.open(path("2"), key));
    ASSERT_TRUE(w.write(second));
    ASSERT_TRUE(w.finish());
    EXPECT_EQ(w.plaintextSize(), second.size());
    EXPECT_EQ(w.sha256(), sha256(second));
    EXPECT_EQ(readBack(path("1")), first);
    EXPECT_EQ(readBack(path("2")), second);
}
