#include "chat/messages/OutboxEntry.h"

#include "chat/messages/RecordCodec.h"
#include "common/Json.h"

namespace imp::chat::messages {

QByteArray OutboxEntry::encode() const
{
    return RecordCodec::Writer()
        .string(originId)
        .string(peer)
        .integer(kind == Kind::Retract ? 1 : 0)
        .string(body)
        .string(retractId)
        .take();
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
        e.kind = r.integer() == 1 ? Kind::Retract : Kind::Text;
        e.body = r.string();
        e.retractId = r.string();
        if (!r.ok())
            return std::nullopt;
    }
    if (e.originId.isEmpty() || e.peer.isEmpty())
        return std::nullopt;
    return e;
}

} // namespace imp::chat::messages
