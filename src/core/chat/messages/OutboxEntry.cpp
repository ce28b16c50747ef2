#include "chat/messages/OutboxEntry.h"

#include "chat/messages/AttachmentRecord.h"
#include "chat/messages/RecordCodec.h"
#include "common/Json.h"

namespace imp::chat::messages {

QByteArray OutboxEntry::encode() const
{
    RecordCodec::Writer w;
    w.string(originId)
        .string(peer)
        .integer(static_cast<qint64>(kind))
        .string(body)
        .string(retractId);
    if (kind == Kind::Attachment)
        AttachmentRecord::write(w, attachment);
    return w.take();
}

std::optional<OutboxEntry> OutboxEntry::decode(const QByteArray &bytes)
{
    OutboxEntry e;
    if (RecordCodec::isLegacyJson(bytes)) {
        const QJsonObject o = jsonObjectFrom(bytes);
        e.originId = o.value("o").toString();
        e.peer = o.value("p").toString();
        e.kind = o.value("k").toString() == QLatin1String("retract") ? Kind::Retract : Kind::Text;
        e.body = o.value("b").toString();
        e.retractId = o.value("r").toString();
    } else {
        RecordCodec::Reader r(bytes);
        e.originId = r.string();
        e.peer = r.string();
        const qint64 kind = r.integer();
        e.kind = kind == 1 ? Kind::Retract : kind == 2 ? Kind::Attachment : Kind::Text;
        e.body = r.string();
        e.retractId = r.string();
        if (!r.ok())
            return std::nullopt;
        if (e.kind == Kind::Attachment) {
            e.attachment = AttachmentRecord::read(r);
            if (e.attachment.isNull())
                return std::nullopt;
        }
    }
    if (e.originId.isEmpty() || e.peer.isEmpty())
        return std::nullopt;
    return e;
}

} // namespace imp::chat::messages
