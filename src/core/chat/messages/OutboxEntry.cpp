#include "chat/messages/OutboxEntry.h"

#include "chat/messages/AttachmentRecord.h"
#include "chat/messages/RecordCodec.h"
#include "chat/messages/StanzaCodec.h"
#include "common/Json.h"
#include "xmpp/ChatMessage.h"

namespace imp::chat::messages {

namespace {

Message composed(const QString &peer, const QString &ownBare)
{
    Message m;
    m.peer = peer;
    m.sender = ownBare;
    m.originId = xmpp::ChatMessage::newId();
    m.stanzaId = m.originId;
    m.time = StanzaCodec::toTheSecond(QDateTime::currentDateTimeUtc());
    m.outgoing = true;
    m.state = Message::State::Sending;
    return m;
}

} // namespace

Message OutboxEntry::composeText(const QString &peer, const QString &ownBare, const QString &text)
{
    Message m = composed(peer, ownBare);
    m.body = text;
    return m;
}

Message OutboxEntry::composeAttachment(const QString &peer, const QString &ownBare,
                                       const Attachment &attachment)
{
    Message m = composed(peer, ownBare);
    m.attachment = attachment;
    m.attachment.url.clear();
    m.attachment.transfer = Attachment::Transfer::Local;
    m.attachment.error.clear();
    m.attachment.played = true;
    return m;
}

OutboxEntry OutboxEntry::of(const Message &m)
{
    OutboxEntry entry;
    entry.originId = m.originId;
    entry.peer = m.peer;
    if (m.attachment.isNull()) {
        entry.body = m.body;
    } else {
        entry.kind = Kind::Attachment;
        entry.attachment = m.attachment;
    }
    return entry;
}

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
