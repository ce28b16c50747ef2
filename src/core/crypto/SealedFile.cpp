#include "crypto/SealedFile.h"

#include "crypto/Hkdf.h"
#include "crypto/SecureRandom.h"

#include <QFileInfo>
#include <QtEndian>
#include <cstring>
#include <memory>
#include <openssl/evp.h>
#include <unistd.h>

namespace imp::crypto {

namespace {

constexpr char Magic[4] = {'I', 'M', 'P', 'M'};
constexpr char Version = 0x01;
constexpr int SaltSize = 16;
constexpr int NonceSize = 12;
constexpr qint64 SealedChunk = SealedFile::ChunkSize + SealedFile::TagSize;

using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

QByteArray fileKeyOf(const QByteArray &key, const QByteArray &header)
{
    return Hkdf::deriveSha256(key, header.mid(5, SaltSize), "imp.media.file.v1",
                              SealedFile::KeySize);
}

QByteArray nonceOf(quint64 index)
{
    QByteArray nonce(NonceSize, '\0');
    qToBigEndian(index, nonce.data() + 4);
    return nonce;
}

QByteArray aadOf(const QByteArray &header, quint64 index, bool final)
{
    QByteArray aad = header;
    aad.resize(header.size() + 9);
    qToBigEndian(index, aad.data() + header.size());
    aad[aad.size() - 1] = final ? '\x01' : '\x00';
    return aad;
}

const unsigned char *u(const char *p)
{
    return reinterpret_cast<const unsigned char *>(p);
}

// ciphertext || tag, or empty on an OpenSSL failure.
QByteArray gcm(bool encrypt, const QByteArray &key, quint64 index, const QByteArray &aad,
               QByteArrayView input)
{
    CipherCtx ctx(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
    const QByteArray nonce = nonceOf(index);
    const qsizetype bodySize = encrypt ? input.size() : input.size() - SealedFile::TagSize;
    if (!ctx || bodySize < 0)
        return {};
    if (EVP_CipherInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr, encrypt) != 1 ||
        EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, NonceSize, nullptr) != 1 ||
        EVP_CipherInit_ex(ctx.get(), nullptr, nullptr, u(key.constData()), u(nonce.constData()),
                          encrypt) != 1)
        return {};
    int len = 0;
    if (EVP_CipherUpdate(ctx.get(), nullptr, &len, u(aad.constData()), int(aad.size())) != 1)
        return {};
    QByteArray out(bodySize + (encrypt ? SealedFile::TagSize : 0), Qt::Uninitialized);
    auto *o = reinterpret_cast<unsigned char *>(out.data());
    if (bodySize > 0 && EVP_CipherUpdate(ctx.get(), o, &len, u(input.data()), int(bodySize)) != 1)
        return {};
    if (!encrypt) {
        QByteArray tag(input.data() + bodySize, SealedFile::TagSize);
        if (EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, SealedFile::TagSize, tag.data()) !=
            1)
            return {};
    }
    int tail = 0;
    if (EVP_CipherFinal_ex(ctx.get(), o + bodySize, &tail) != 1)
        return {}; // authentication failed
    if (encrypt && EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, SealedFile::TagSize,
                                       o + bodySize) != 1)
        return {};
    // An empty plaintext decrypts to an empty array that must still count as success.
    return encrypt ? out : (out.isNull() ? QByteArray("") : out);
}

} // namespace

// --- writer -----------------------------------------------------------------------------------

SealedFileWriter::~SealedFileWriter()
{
    if (m_open)
        abort();
}

Result<void> SealedFileWriter::open(const QString &path, const QByteArray &key)
{
    if (key.size() != SealedFile::KeySize)
        return makeError("crypto.bad_key", "media key size");
    m_path = path;
    m_header = QByteArray(Magic, 4) + Version + SecureRandom::bytes(SaltSize);
    m_fileKey = fileKeyOf(key, m_header);
    if (m_fileKey.size() != SealedFile::KeySize)
        return makeError("crypto.bad_key", "hkdf");
    m_file.setFileName(path + QStringLiteral(".part"));
    if (!m_file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return makeError(m_file.error() == QFileDevice::ResourceError ? "media.disk_full"
                                                                      : "media.write_failed",
                         "open");
    m_open = true;
    if (m_file.write(m_header) != m_header.size())
        return failed("header");
    return {};
}

Result<void> SealedFileWriter::failed(const char *what)
{
    const bool full = m_file.error() == QFileDevice::ResourceError || errno == ENOSPC;
    abort();
    return makeError(full ? "media.disk_full" : "media.write_failed", what);
}

Result<void> SealedFileWriter::sealChunk(QByteArrayView plain, bool final)
{
    const QByteArray sealed = gcm(true, m_fileKey, m_index, aadOf(m_header, m_index, final), plain);
    if (sealed.isEmpty()) {
        abort();
        return makeError("media.write_failed", "seal");
    }
    if (m_file.write(sealed) != sealed.size())
        return failed("chunk");
    ++m_index;
    return {};
}

Result<void> SealedFileWriter::write(QByteArrayView bytes)
{
    if (!m_open)
        return makeError("media.write_failed", "not open");
    m_hash.addData(bytes);
    m_size += bytes.size();
    m_buffer.append(bytes.data(), bytes.size());
    // A full chunk is sealed only once more follows: the last chunk must carry the final flag.
    qsizetype at = 0;
    while (m_buffer.size() - at > SealedFile::ChunkSize) {
        if (auto sealed =
                sealChunk(QByteArrayView(m_buffer).sliced(at, SealedFile::ChunkSize), false);
            !sealed)
            return sealed;
        at += SealedFile::ChunkSize;
    }
    if (at > 0)
        m_buffer.remove(0, at);
    return {};
}

Result<void> SealedFileWriter::finish()
{
    if (!m_open)
        return makeError("media.write_failed", "not open");
    if (auto sealed = sealChunk(m_buffer, true); !sealed)
        return sealed;
    m_buffer.clear();
    if (!m_file.flush() || ::fsync(m_file.handle()) != 0)
        return failed("sync");
    m_file.close();
    QFile::remove(m_path);
    if (!QFile::rename(m_path + QStringLiteral(".part"), m_path)) {
        QFile::remove(m_path + QStringLiteral(".part"));
        m_open = false;
        return makeError("media.write_failed", "rename");
    }
    m_open = false;
    m_digest = m_hash.result();
    return {};
}

void SealedFileWriter::abort()
{
    if (m_file.isOpen())
        m_file.close();
    if (!m_path.isEmpty())
        QFile::remove(m_path + QStringLiteral(".part"));
    m_open = false;
    m_buffer.clear();
}

// --- reader -----------------------------------------------------------------------------------

SealedFileReader::SealedFileReader(QString path, QByteArray key, QObject *parent)
    : QIODevice(parent)
    , m_path(std::move(path))
    , m_key(std::move(key))
{}

bool SealedFileReader::open(OpenMode mode)
{
    m_error.clear();
    if ((mode & WriteOnly) || m_key.size() != SealedFile::KeySize) {
        m_error = QStringLiteral("media.corrupt");
        return false;
    }
    m_file.setFileName(m_path);
    if (!m_file.open(QIODevice::ReadOnly)) {
        m_error = QStringLiteral("media.missing");
        return false;
    }
    m_header = m_file.read(SealedFile::HeaderSize);
    const qint64 body = m_file.size() - SealedFile::HeaderSize;
    if (m_header.size() != SealedFile::HeaderSize || !m_header.startsWith(QByteArray(Magic, 4)) ||
        m_header[4] != Version || body < SealedFile::TagSize) {
        m_file.close();
        m_error = QStringLiteral("media.corrupt");
        return false;
    }
    m_chunks = quint64((body + SealedChunk - 1) / SealedChunk);
    const qint64 lastSealed = body - qint64(m_chunks - 1) * SealedChunk;
    if (lastSealed < SealedFile::TagSize) {
        m_file.close();
        m_error = QStringLiteral("media.corrupt");
        return false;
    }
    m_size = qint64(m_chunks - 1) * SealedFile::ChunkSize + (lastSealed - SealedFile::TagSize);
    m_fileKey = fileKeyOf(m_key, m_header);
    m_cachedIndex = -1;
    QIODevice::open(ReadOnly | Unbuffered);
    // The end first: a file cut short (or missing its final chunk) is refused before playing.
    if (!loadChunk(m_chunks - 1)) {
        close();
        m_error = QStringLiteral("media.corrupt");
        return false;
    }
    return true;
}

void SealedFileReader::close()
{
    m_file.close();
    m_cached.clear();
    m_cachedIndex = -1;
    QIODevice::close();
}

bool SealedFileReader::loadChunk(quint64 index)
{
    if (m_cachedIndex == qint64(index))
        return true;
    const bool final = index + 1 == m_chunks;
    if (!m_file.seek(SealedFile::HeaderSize + qint64(index) * SealedChunk))
        return false;
    const QByteArray sealed = m_file.read(SealedChunk);
    if (!final && sealed.size() != SealedChunk)
        return false;
    QByteArray plain = gcm(false, m_fileKey, index, aadOf(m_header, index, final), sealed);
    if (plain.isNull()) {
        m_error = QStringLiteral("media.corrupt");
        return false;
    }
    m_cached = std::move(plain);
    m_cachedIndex = qint64(index);
    return true;
}

qint64 SealedFileReader::readData(char *data, qint64 maxSize)
{
    qint64 done = 0;
    qint64 at = pos();
    while (done < maxSize && at < m_size) {
        const quint64 index = quint64(at / SealedFile::ChunkSize);
        if (!loadChunk(index)) {
            m_error = QStringLiteral("media.corrupt");
            return -1;
        }
        const qint64 offset = at % SealedFile::ChunkSize;
        const qint64 n = std::min<qint64>(maxSize - done, m_cached.size() - offset);
        if (n <= 0) {
            m_error = QStringLiteral("media.corrupt");
            return -1;
        }
        std::memcpy(data + done, m_cached.constData() + offset, size_t(n));
        done += n;
        at += n;
    }
    return done;
}

// --- whole files ------------------------------------------------------------------------------

Result<void> SealedFile::writeAll(const QString &path, const QByteArray &key,
                                  const QByteArray &plaintext)
{
    SealedFileWriter writer;
    if (auto opened = writer.open(path, key); !opened)
        return opened;
    if (auto written = writer.write(plaintext); !written)
        return written;
    return writer.finish();
}

Result<QByteArray> SealedFile::readAll(const QString &path, const QByteArray &key, qint64 maxBytes)
{
    SealedFileReader reader(path, key);
    if (!reader.open())
        return makeError(reader.lastError().toStdString(), "open");
    if (reader.size() > maxBytes)
        return makeError("media.too_large", "over the limit");
    QByteArray out(reader.size(), Qt::Uninitialized);
    if (reader.read(out.data(), out.size()) != out.size())
        return makeError("media.corrupt", "read");
    return out;
}

} // namespace imp::crypto
