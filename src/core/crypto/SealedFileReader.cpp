#include "crypto/SealedFileReader.h"

#include "common/Log.h"
#include "crypto/SealedFileFormat.h"

#include <algorithm>
#include <cstring>
#include <openssl/crypto.h>

namespace imp::crypto {
namespace {

using Format = SealedFileFormat;

void cleanse(QByteArray &bytes)
{
    if (!bytes.isEmpty())
        OPENSSL_cleanse(bytes.data(), size_t(bytes.size()));
    bytes.clear();
}

} // namespace

SealedFileReader::SealedFileReader(QString path, QByteArray key, QObject *parent)
    : QIODevice(parent)
    , m_path(std::move(path))
    , m_key(std::move(key))
{}

SealedFileReader::~SealedFileReader()
{
    // close() is virtual: called here it runs this class's version, which wipes the cache.
    SealedFileReader::close();
    cleanse(m_key);
}

bool SealedFileReader::refuse(const QString &code)
{
    m_error = code;
    setErrorString(code);
    return false;
}

bool SealedFileReader::open(OpenMode mode)
{
    if (isOpen())
        close();
    m_error.clear();
    if (mode & WriteOnly)
        return refuse(QStringLiteral("media.read_only"));
    if (m_key.size() != Format::KeySize)
        return refuse(QStringLiteral("crypto.bad_key"));
    m_file.setFileName(m_path);
    if (!m_file.open(QIODevice::ReadOnly))
        return refuse(QStringLiteral("media.missing"));
    m_header = m_file.read(Format::HeaderSize);
    m_size = Format::plaintextSize(m_file.size());
    if (!Format::isHeader(m_header) || m_size < 0 ||
        !m_cipher.setKey(Format::fileKey(m_key, m_header))) {
        close();
        return refuse(QStringLiteral("media.corrupt"));
    }
    m_chunks = Format::chunkCount(m_size);
    m_cachedIndex = -1;
    // Unbuffered: QIODevice would otherwise keep a second plaintext copy in its own buffer.
    QIODevice::open(ReadOnly | Unbuffered);
    // The end first: a file cut short (its final chunk gone) is refused before it plays.
    if (!loadChunk(m_chunks - 1)) {
        close();
        return refuse(QStringLiteral("media.corrupt"));
    }
    return true;
}

void SealedFileReader::close()
{
    m_file.close();
    m_cipher.clear();
    cleanse(m_cached);
    cleanse(m_sealed);
    m_cachedIndex = -1;
    m_size = 0;
    m_chunks = 0;
    if (isOpen())
        QIODevice::close();
}

bool SealedFileReader::seek(qint64 pos)
{
    if (!isOpen() || pos < 0 || pos > m_size)
        return false;
    return QIODevice::seek(pos);
}

bool SealedFileReader::loadChunk(quint64 index)
{
    if (m_cachedIndex == qint64(index))
        return true;
    const bool final = index + 1 == m_chunks;
    const qint64 expected = final ? Format::sealedSize(m_size) - Format::HeaderSize -
                                        qint64(index) * Format::SealedChunkSize
                                  : Format::SealedChunkSize;
    m_sealed.resize(expected);
    const bool read = m_file.seek(Format::HeaderSize + qint64(index) * Format::SealedChunkSize) &&
                      m_file.read(m_sealed.data(), expected) == expected;
    // The cache is dropped first: after a failure no earlier chunk stands in for this one.
    cleanse(m_cached);
    m_cachedIndex = -1;
    if (!read ||
        !m_cipher.open(index, Format::associatedData(m_header, index, final), m_sealed, m_cached)) {
        IMP_LOG_WARN("media: a sealed file chunk failed to {}", read ? "authenticate" : "read");
        m_error = QStringLiteral("media.corrupt");
        setErrorString(m_error);
        return false;
    }
    m_cachedIndex = qint64(index);
    return true;
}

qint64 SealedFileReader::readData(char *data, qint64 maxSize)
{
    qint64 done = 0;
    qint64 at = pos();
    while (done < maxSize && at < m_size) {
        const auto index = quint64(at / Format::ChunkSize);
        if (!loadChunk(index))
            return -1;
        const qint64 offset = at % Format::ChunkSize;
        const qint64 n = std::min<qint64>(maxSize - done, m_cached.size() - offset);
        if (n <= 0) { // cannot happen for a size checked at open(); refuse rather than loop
            m_error = QStringLiteral("media.corrupt");
            return -1;
        }
        std::memcpy(data + done, m_cached.constData() + offset, size_t(n));
        done += n;
        at += n;
    }
    return done;
}

qint64 SealedFileReader::writeData(const char *, qint64)
{
    return -1;
}

} // namespace imp::crypto
