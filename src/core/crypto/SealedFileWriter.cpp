#include "crypto/SealedFileWriter.h"

#include "common/Log.h"
#include "crypto/SealedFileFormat.h"

#include <QFileInfo>
#include <algorithm>
#include <cerrno>
#include <fcntl.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <unistd.h>

namespace imp::crypto {
namespace {

using Format = SealedFileFormat;

void cleanse(QByteArray &bytes)
{
    if (!bytes.isEmpty())
        OPENSSL_cleanse(bytes.data(), size_t(bytes.size()));
    bytes.clear();
}

bool noSpace(int err)
{
    return err == ENOSPC || err == EDQUOT;
}

// The rename lives in the folder's entry, so the folder is synced too (DESIGN §3: a write that
// returned success survives a power cut).
bool syncFolderOf(const QString &path)
{
    const QByteArray dir = QFile::encodeName(QFileInfo(path).absolutePath());
    const int fd = ::open(dir.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return false;
    const bool synced = ::fsync(fd) == 0;
    ::close(fd);
    return synced;
}

} // namespace

SealedFileWriter::SealedFileWriter()
    : m_hash(EVP_MD_CTX_new())
{}

SealedFileWriter::~SealedFileWriter()
{
    abort();
    EVP_MD_CTX_free(m_hash);
}

Result<void> SealedFileWriter::open(const QString &path, const QByteArray &key)
{
    abort(); // a writer may be reused; an unfinished file before it is dropped
    m_size = 0;
    if (m_hash == nullptr || EVP_DigestInit_ex(m_hash, EVP_sha256(), nullptr) != 1)
        return makeError("crypto.internal", "cannot start SHA-256");
    if (key.size() != Format::KeySize)
        return makeError("crypto.bad_key", "the media key must be 32 bytes");
    if (path.isEmpty())
        return makeError("media.write_failed", "no path");
    m_header = Format::newHeader();
    if (!m_cipher.setKey(Format::fileKey(key, m_header))) {
        reset();
        return makeError("crypto.internal", "cannot key the media cipher");
    }
    m_buffer.reserve(Format::ChunkSize);

    m_path = path;
    m_file.setFileName(partPath());
    // Unbuffered: chunks are large already, and a failing write(2) then fails the call that
    // made it instead of a later flush.
    if (!m_file.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Unbuffered,
                     QFileDevice::ReadOwner | QFileDevice::WriteOwner)) {
        const bool full = m_file.error() == QFileDevice::ResourceError || noSpace(errno);
        reset();
        IMP_LOG_WARN("media: cannot create a sealed file ({})", full ? "disk full" : "open");
        return makeError(full ? "media.disk_full" : "media.write_failed", "cannot create the file");
    }
    m_open = true;
    return writeOut(m_header, "header");
}

Result<void> SealedFileWriter::write(QByteArrayView bytes)
{
    if (!m_open)
        return makeError("media.write_failed", "the writer is not open");
    if (bytes.isEmpty())
        return {};
    if (EVP_DigestUpdate(m_hash, bytes.data(), size_t(bytes.size())) != 1)
        return fail("hash", false);
    m_size += bytes.size();

    qsizetype at = 0;
    while (at < bytes.size()) {
        // A full chunk is sealed only once more plaintext follows: whichever chunk is last
        // must carry the final flag, and only finish() knows which one that is.
        if (m_buffer.size() == Format::ChunkSize) {
            if (auto sealed = sealChunk(m_buffer, false); !sealed)
                return sealed;
            cleanse(m_buffer);
        }
        const qsizetype rest = bytes.size() - at;
        if (m_buffer.isEmpty() && rest > Format::ChunkSize) {
            // Whole chunks straight from the caller's bytes, without a copy.
            if (auto sealed = sealChunk(bytes.sliced(at, Format::ChunkSize), false); !sealed)
                return sealed;
            at += Format::ChunkSize;
            continue;
        }
        const qsizetype take = std::min<qsizetype>(Format::ChunkSize - m_buffer.size(), rest);
        m_buffer.append(bytes.data() + at, take);
        at += take;
    }
    return {};
}

Result<void> SealedFileWriter::finish()
{
    if (!m_open)
        return makeError("media.write_failed", "the writer is not open");
    if (auto sealed = sealChunk(m_buffer, true); !sealed)
        return sealed;
    cleanse(m_buffer);
    if (!m_file.flush())
        return failFile("flush");
    if (::fsync(m_file.handle()) != 0)
        return fail("fsync", noSpace(errno));
    m_file.close();
    if (m_file.error() != QFileDevice::NoError)
        return failFile("close");
    // rename(2), unlike QFile::rename, replaces an existing file in one step: `path` is
    // always either the old complete file or the new complete one.
    if (::rename(QFile::encodeName(partPath()).constData(),
                 QFile::encodeName(m_path).constData()) != 0)
        return fail("rename", noSpace(errno));
    m_open = false; // the .part is gone: from here a failure must remove `path` itself
    if (!syncFolderOf(m_path)) {
        const bool full = noSpace(errno);
        QFile::remove(m_path);
        reset();
        IMP_LOG_WARN("media: sealed file not durable ({})", full ? "disk full" : "folder sync");
        return makeError(full ? "media.disk_full" : "media.write_failed", "folder sync");
    }
    m_cipher.clear();
    return {};
}

void SealedFileWriter::abort()
{
    if (m_open) {
        m_file.close();
        QFile::remove(partPath());
    }
    reset();
}

QByteArray SealedFileWriter::sha256() const
{
    // A copy is finalised so the running digest can go on taking bytes.
    QByteArray digest(EVP_MAX_MD_SIZE, Qt::Uninitialized);
    unsigned int length = 0;
    EVP_MD_CTX *copy = EVP_MD_CTX_new();
    const bool ok =
        copy != nullptr && m_hash != nullptr && EVP_MD_CTX_copy_ex(copy, m_hash) == 1 &&
        EVP_DigestFinal_ex(copy, reinterpret_cast<unsigned char *>(digest.data()), &length) == 1;
    EVP_MD_CTX_free(copy);
    if (!ok)
        return {};
    digest.truncate(int(length));
    return digest;
}

Result<void> SealedFileWriter::sealChunk(QByteArrayView plain, bool final)
{
    if (!m_cipher.seal(m_index, Format::associatedData(m_header, m_index, final), plain, m_sealed))
        return fail("seal", false);
    if (auto written = writeOut(m_sealed, "chunk"); !written)
        return written;
    ++m_index;
    return {};
}

Result<void> SealedFileWriter::writeOut(const QByteArray &bytes, const char *step)
{
    errno = 0;
    const qint64 written = m_file.write(bytes);
    if (written == bytes.size())
        return {};
    // Qt sets ResourceError when write(2) fails with ENOSPC at once. When the disk fills in the
    // middle, Qt returns the short count and sets no error: then the errno of its last
    // write(2) (reset just above, so not stale) tells a full disk from other failures.
    const int err = errno;
    return fail(step, m_file.error() == QFileDevice::ResourceError || noSpace(err));
}

Result<void> SealedFileWriter::failFile(const char *step)
{
    return fail(step, m_file.error() == QFileDevice::ResourceError);
}

Result<void> SealedFileWriter::fail(const char *step, bool diskFull)
{
    abort();
    IMP_LOG_WARN("media: writing a sealed file failed at {} ({})", step,
                 diskFull ? "disk full" : "error");
    return makeError(diskFull ? "media.disk_full" : "media.write_failed",
                     std::string("sealed file: ") + step);
}

void SealedFileWriter::reset()
{
    m_open = false;
    cleanse(m_buffer);
    cleanse(m_sealed);
    m_cipher.clear();
    m_header.clear();
    m_index = 0;
}

} // namespace imp::crypto
