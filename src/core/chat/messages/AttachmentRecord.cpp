#include "chat/messages/AttachmentRecord.h"

namespace imp::chat::messages {

namespace {
constexpr qint64 Version = 1;
}

void AttachmentRecord::write(RecordCodec::Writer &w, const Attachment &a)
{
    if (a.isNull())
        return;
    w.integer(Version)
        .integer(static_cast<qint64>(a.kind))
        .string(a.url)
        .string(a.mediaType)
        .string(a.name)
        .integer(a.size)
        .integer(a.durationMs)
        .integer(a.width)
        .integer(a.height)
        .string(QString::fromLatin1(a.sha256.toBase64()))
        .string(QString::fromLatin1(a.waveform.toBase64()))
        .string(a.fileId)
        .integer(static_cast<qint64>(a.transfer))
        .string(a.error)
        .boolean(a.played);
}

Attachment AttachmentRecord::read(RecordCodec::Reader &r)
{
    Attachment a;
    if (r.atEnd() || r.integer() != Version)
        return a;
    const qint64 kind = r.integer();
    if (kind < 1 || kind > 3)
        return {};
    a.kind = static_cast<Attachment::Kind>(kind);
    a.url = r.string();
    a.mediaType = r.string();
    a.name = r.string();
    a.size = r.integer();
    a.durationMs = r.integer();
    a.width = static_cast<int>(r.integer());
    a.height = static_cast<int>(r.integer());
    a.sha256 = QByteArray::fromBase64(r.string().toLatin1());
    a.waveform = QByteArray::fromBase64(r.string().toLatin1());
    a.fileId = r.string();
    const qint64 transfer = r.integer();
    a.transfer = transfer >= 0 && transfer <= 4 ? static_cast<Attachment::Transfer>(transfer)
                                                : Attachment::Transfer::Remote;
    a.error = r.string();
    a.played = r.boolean();
    if (!r.ok())
        return {};
    return a;
}

} // namespace imp::chat::messages
