#include "chat/attachments/MediaLibrary.h"

#include "crypto/SealedFile.h"
#include "crypto/SecureRandom.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>

namespace imp::chat::attachments {

MediaLibrary::MediaLibrary(QString dir, QByteArray key)
    : m_dir(std::move(dir))
    , m_key(std::move(key))
{}

QString MediaLibrary::newFileId()
{
    return QString::fromLatin1(crypto::SecureRandom::bytes(16).toHex());
}

bool MediaLibrary::validId(const QString &fileId)
{
    static const QRegularExpression hex(QStringLiteral("^[0-9a-f]{32}$"));
    return hex.match(fileId).hasMatch();
}

QString MediaLibrary::pathOf(const QString &fileId) const
{
    return m_dir + QLatin1Char('/') + fileId + QStringLiteral(".imm");
}

Result<std::unique_ptr<crypto::SealedFileWriter>> MediaLibrary::create(const QString &fileId) const
{
    if (!validId(fileId))
        return makeError("media.bad_id", "not a library id");
    if (!QDir().mkpath(m_dir))
        return makeError("media.write_failed", "media folder");
    auto writer = std::make_unique<crypto::SealedFileWriter>();
    if (auto opened = writer->open(pathOf(fileId), m_key); !opened)
        return opened.error();
    return writer;
}

Result<std::unique_ptr<crypto::SealedFileReader>> MediaLibrary::open(const QString &fileId) const
{
    if (!validId(fileId))
        return makeError("media.missing", "not a library id");
    auto reader = std::make_unique<crypto::SealedFileReader>(pathOf(fileId), m_key);
    if (!reader->open())
        return makeError(reader->lastError().toStdString(), "open");
    return reader;
}

Result<QByteArray> MediaLibrary::readAll(const QString &fileId, qint64 maxBytes) const
{
    if (!validId(fileId))
        return makeError("media.missing", "not a library id");
    return crypto::SealedFile::readAll(pathOf(fileId), m_key, maxBytes);
}

Result<QString> MediaLibrary::store(const QByteArray &plaintext) const
{
    const QString id = newFileId();
    auto writer = create(id);
    if (!writer)
        return writer.error();
    if (auto written = writer.value()->write(plaintext); !written)
        return written.error();
    if (auto finished = writer.value()->finish(); !finished)
        return finished.error();
    return id;
}

void MediaLibrary::remove(const QString &fileId) const
{
    if (validId(fileId))
        QFile::remove(pathOf(fileId));
}

} // namespace imp::chat::attachments
