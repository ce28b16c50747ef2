#include "crypto/SealedFile.h"

namespace imp::crypto {

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
        return makeError(reader.lastError().toStdString(), "cannot open the sealed file");
    if (reader.size() > maxBytes)
        return makeError("media.too_large", "the sealed file is over the limit");
    QByteArray out(reader.size(), Qt::Uninitialized);
    if (reader.read(out.data(), out.size()) != out.size())
        return makeError("media.corrupt", "a chunk failed to authenticate");
    return out;
}

} // namespace imp::crypto
