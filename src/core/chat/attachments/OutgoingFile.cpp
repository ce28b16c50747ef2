#include "chat/attachments/OutgoingFile.h"

#include "chat/attachments/MediaLibrary.h"
#include "chat/messages/AttachmentCodec.h"
#include "media/ImageMetadata.h"
#include "media/MediaSniffer.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>

namespace imp::chat::attachments {

Result<Attachment> OutgoingFile::fromPath(const QString &path, const MediaLibrary &library,
                                          Options options)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return makeError("attachment.cannot_read", "open");
    if (file.size() > Attachment::MaxBytes)
        return makeError("attachment.too_large", "over the limit");
    QByteArray bytes = file.read(Attachment::MaxBytes + 1);
    if (bytes.size() > Attachment::MaxBytes) // grew while we read it
        return makeError("attachment.too_large", "over the limit");
    return fromBytes(std::move(bytes), QFileInfo(path).fileName(), library, options);
}

Result<Attachment> OutgoingFile::fromBytes(QByteArray bytes, const QString &name,
                                           const MediaLibrary &library, Options options)
{
    if (bytes.isEmpty())
        return makeError("attachment.empty", "no bytes");
    if (bytes.size() > Attachment::MaxBytes)
        return makeError("attachment.too_large", "over the limit");
    const auto kind = media::MediaSniffer::sniff(bytes.left(64));
    Attachment a;
    a.name = messages::AttachmentCodec::safeName(name);
    if (media::MediaSniffer::isImage(kind)) {
        a.kind = Attachment::Kind::Image;
        if (const auto size = media::ImageMetadata::dimensions(bytes)) { // before the strip
            a.width = size->width;
            a.height = size->height;
        }
        if (!options.keepPhotoMetadata) {
            auto stripped = media::ImageMetadata::strip(bytes);
            if (!stripped)
                return stripped.error();
            bytes = std::move(stripped.value());
        }
    } else {
        a.kind = Attachment::Kind::File;
    }
    a.mediaType = media::MediaSniffer::mediaType(kind);
    if (a.mediaType.isEmpty())
        a.mediaType = QStringLiteral("application/octet-stream");
    a.size = bytes.size();
    a.sha256 = QCryptographicHash::hash(bytes, QCryptographicHash::Sha256);
    auto stored = library.store(bytes);
    if (!stored)
        return stored.error();
    a.fileId = stored.value();
    a.transfer = Attachment::Transfer::Local;
    return a;
}

} // namespace imp::chat::attachments
