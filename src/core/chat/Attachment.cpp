#include "chat/Attachment.h"

namespace imp::chat {

QString Attachment::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Voice:
        return QStringLiteral("voice");
    case Kind::Image:
        return QStringLiteral("image");
    case Kind::File:
        return QStringLiteral("file");
    case Kind::None:
        break;
    }
    return {};
}

QString Attachment::transferName(Transfer transfer)
{
    switch (transfer) {
    case Transfer::Local:
        return QStringLiteral("local");
    case Transfer::UploadFailed:
        return QStringLiteral("upload-failed");
    case Transfer::Remote:
        return QStringLiteral("remote");
    case Transfer::Ready:
        return QStringLiteral("ready");
    case Transfer::DownloadFailed:
        return QStringLiteral("download-failed");
    }
    return {};
}

} // namespace imp::chat
