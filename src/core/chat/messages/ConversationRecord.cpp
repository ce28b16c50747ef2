#include "chat/messages/ConversationRecord.h"

#include "chat/Keyring.h"
#include "chat/messages/RecordCodec.h"
#include "common/Json.h"

namespace imp::chat::messages {

using store::ConversationRepository;

QString ConversationRecord::previewOf(const QString &body)
{
    QString line = body.section(QLatin1Char('\n'), 0, 0).trimmed();
    if (line.size() > PreviewLength)
        line = line.left(PreviewLength) + QStringLiteral("…");
    return line;
}

Result<store::ConversationRow> ConversationRecord::seal(const Keyring &keys, const Conversation &c)
{
    store::ConversationRow row;
    row.tag = keys.conversationTag(c.peer);
    row.lastTs = c.lastActivity.isValid() ? c.lastActivity.toMSecsSinceEpoch() : 0;
    row.unread = c.unread;
    row.pinned = c.pinned;
    const QByteArray payload = RecordCodec::Writer()
                                   .string(c.peer)
                                   .string(c.title)
                                   .string(c.preview)
                                   .boolean(c.previewRecalled)
                                   .boolean(c.lastOutgoing)
                                   .integer(static_cast<int>(c.lastState))
                                   .integer(static_cast<int>(c.previewKind))
                                   .string(c.previewSender)
                                   .take();
    auto sealed = keys.seal(payload, ConversationRepository::sealedAssociatedData(row.tag));
    if (!sealed)
        return sealed.error();
    row.sealed = std::move(sealed.value());
    return row;
}

std::optional<Conversation> ConversationRecord::open(const Keyring &keys,
                                                     const store::ConversationRow &row)
{
    auto opened = keys.open(row.sealed, ConversationRepository::sealedAssociatedData(row.tag));
    if (!opened)
        return std::nullopt;
    Conversation c;
    if (RecordCodec::isLegacyJson(opened.value())) {
        const QJsonObject o = jsonObjectFrom(opened.value());
        c.peer = o.value("p").toString();
        c.title = o.value("t").toString();
        c.preview = o.value("v").toString();
        c.previewRecalled = o.value("r").toBool();
        c.lastOutgoing = o.value("o").toBool();
        c.lastState = static_cast<Message::State>(o.value("s").toInt());
    } else {
        RecordCodec::Reader r(opened.value());
        c.peer = r.string();
        c.title = r.string();
        c.preview = r.string();
        c.previewRecalled = r.boolean();
        c.lastOutgoing = r.boolean();
        c.lastState = static_cast<Message::State>(r.integer());
        if (!r.ok())
            return std::nullopt;
        // Rows written before attachments end here: a text preview.
        const qint64 kind = r.atEnd() ? 0 : r.integer();
        c.previewKind =
            kind >= 0 && kind <= 3 ? static_cast<Attachment::Kind>(kind) : Attachment::Kind::None;
        // Rows written before groups end here.
        c.previewSender = r.atEnd() ? QString() : r.string();
    }
    if (row.lastTs > 0)
        c.lastActivity = QDateTime::fromMSecsSinceEpoch(row.lastTs, Qt::UTC);
    c.unread = static_cast<int>(row.unread);
    c.pinned = row.pinned;
    return c;
}

} // namespace imp::chat::messages
