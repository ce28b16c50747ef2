#include "chat/messages/MessageRecord.h"

#include "chat/Keyring.h"
#include "chat/messages/AttachmentRecord.h"
#include "chat/messages/RecordCodec.h"
#include "common/Json.h"
#include "common/Log.h"

#include <QUuid>

namespace imp::chat::messages {

using store::MessageRepository;
using store::MessageRow;

namespace {

QByteArray payloadOf(const Message &m)
{
    RecordCodec::Writer w;
    w.string(m.peer)
        .string(m.sender)
        .string(m.stanzaId)
        .string(m.originId)
        .string(m.archiveId)
        .string(m.body);
    AttachmentRecord::write(w, m.attachment);
    if (!m.senderName.isEmpty()) {
        // Added with groups (older records end before it): after "no attachment" (0), which
        // AttachmentRecord::read takes as no attachment.
        if (m.attachment.isNull())
            w.integer(0);
        w.string(m.senderName);
    }
    return w.take();
}

bool readPayload(const QByteArray &bytes, Message &m)
{
    if (RecordCodec::isLegacyJson(bytes)) {
        const QJsonObject o = jsonObjectFrom(bytes);
        m.peer = o.value("p").toString();
        m.sender = o.value("s").toString();
        m.stanzaId = o.value("i").toString();
        m.originId = o.value("o").toString();
        m.archiveId = o.value("a").toString();
        m.body = o.value("b").toString();
        return true;
    }
    RecordCodec::Reader r(bytes);
    m.peer = r.string();
    m.sender = r.string();
    m.stanzaId = r.string();
    m.originId = r.string();
    m.archiveId = r.string();
    m.body = r.string();
    if (!r.ok())
        return false;
    m.attachment = AttachmentRecord::read(r);
    if (!r.atEnd())
        m.senderName = r.string();
    return true;
}

} // namespace

QByteArray MessageRecord::originTag(const Keyring &keys, const Message &m)
{
    if (!m.originId.isEmpty())
        return keys.originIdTag(m.originId);
    if (!m.stanzaId.isEmpty())
        return keys.tag("mid", m.sender + QLatin1Char('/') + m.stanzaId);
    return {};
}

Result<MessageRow> MessageRecord::seal(const Keyring &keys, const Message &m)
{
    MessageRow row;
    row.conversationTag = keys.conversationTag(m.peer);
    row.ts = m.time.toMSecsSinceEpoch();
    row.stanzaIdTag = m.archiveId.isEmpty() ? QByteArray() : keys.stanzaIdTag(m.archiveId);
    row.originIdTag = originTag(keys, m);
    if (row.stanzaIdTag.isNull() && row.originIdTag.isNull())
        row.originIdTag = keys.tag("local", QUuid::createUuid().toString(QUuid::WithoutBraces));
    row.direction = m.outgoing ? DirectionOut : DirectionIn;
    row.state = static_cast<qint64>(m.state);
    row.flags = m.recalled ? MessageRepository::kFlagRecalled : 0;
    auto sealed = keys.seal(payloadOf(m), MessageRepository::sealedAssociatedData(row));
    if (!sealed)
        return sealed.error();
    row.sealed = std::move(sealed.value());
    return row;
}

Result<QByteArray> MessageRecord::reseal(const Keyring &keys, const Message &m,
                                         const MessageRow &row)
{
    return keys.seal(payloadOf(m), MessageRepository::sealedAssociatedData(row));
}

std::optional<Message> MessageRecord::open(const Keyring &keys, const MessageRow &row)
{
    auto opened = keys.open(row.sealed, MessageRepository::sealedAssociatedData(row));
    if (!opened) {
        IMP_LOG_WARN("store: a message does not open ({})", opened.error().code);
        return std::nullopt;
    }
    Message m;
    if (!readPayload(opened.value(), m)) {
        IMP_LOG_WARN("store: a message's sealed record is malformed");
        return std::nullopt;
    }
    m.id = row.id;
    m.time = QDateTime::fromMSecsSinceEpoch(row.ts, Qt::UTC);
    m.outgoing = row.direction == DirectionOut;
    m.state = static_cast<Message::State>(row.state);
    m.recalled = (row.flags & MessageRepository::kFlagRecalled) != 0;
    return m;
}

} // namespace imp::chat::messages
