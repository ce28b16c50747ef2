#include "crypto/SealedFileFormat.h"

#include "crypto/Hkdf.h"
#include "crypto/SecureRandom.h"

#include <QtEndian>
#include <algorithm>

namespace imp::crypto {

qint64 SealedFileFormat::sealedSize(qint64 plaintextSize)
{
    return HeaderSize + plaintextSize + qint64(chunkCount(plaintextSize)) * TagSize;
}

qint64 SealedFileFormat::plaintextSize(qint64 fileSize)
{
    const qint64 body = fileSize - HeaderSize;
    if (body < TagSize)
        return -1;
    const qint64 chunks = (body + SealedChunkSize - 1) / SealedChunkSize;
    const qint64 last = body - (chunks - 1) * SealedChunkSize;
    // A tag-only last chunk after full ones is never written (the writer marks the last full
    // chunk final instead), so such a size is not canonical and is refused.
    if (last < TagSize || (last == TagSize && chunks > 1))
        return -1;
    return (chunks - 1) * ChunkSize + (last - TagSize);
}

quint64 SealedFileFormat::chunkCount(qint64 plaintextSize)
{
    return quint64(std::max<qint64>(1, (plaintextSize + ChunkSize - 1) / ChunkSize));
}

QByteArray SealedFileFormat::newHeader()
{
    QByteArray header(Magic, sizeof Magic);
    header.append(Version);
    header.append(SecureRandom::bytes(SaltSize));
    return header;
}

bool SealedFileFormat::isHeader(const QByteArray &header)
{
    return header.size() == HeaderSize && header.startsWith(QByteArrayView(Magic, sizeof Magic)) &&
           header.at(sizeof Magic) == Version;
}

QByteArray SealedFileFormat::fileKey(const QByteArray &mediaKey, const QByteArray &header)
{
    if (mediaKey.size() != KeySize || !isHeader(header))
        return {};
    return Hkdf::deriveSha256(mediaKey, header.right(SaltSize), QByteArray(FileKeyInfo), KeySize);
}

QByteArray SealedFileFormat::nonce(quint64 index)
{
    QByteArray out(NonceSize, '\0');
    qToBigEndian(index, out.data() + NonceSize - 8);
    return out;
}

QByteArray SealedFileFormat::associatedData(const QByteArray &header, quint64 index, bool final)
{
    QByteArray out = header;
    out.resize(header.size() + 9);
    qToBigEndian(index, out.data() + header.size());
    out[out.size() - 1] = final ? '\x01' : '\x00';
    return out;
}

} // namespace imp::crypto
