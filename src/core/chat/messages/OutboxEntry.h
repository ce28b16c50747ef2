#pragma once

#include "chat/Attachment.h"
#include "chat/Message.h"

#include <QByteArray>
#include <QString>
#include <optional>

namespace imp::chat::messages {

// What the outbox keeps for one composed stanza: enough to build it again when it is sent.
struct OutboxEntry {
    enum class Kind { Text, Retract, Attachment };

    QString originId;
    QString peer;
    Kind kind = Kind::Text;
    QString body;      // Text
    QString retractId; // Retract: the origin id of the recalled message
    // Attachment: what is sent; its url is "" until the upload is done, and the entry is only
    // sent after that.
    chat::Attachment attachment;
    qint64 composedMs = 0;

    // A new own message to `peer` as the user sees it while it waits: Sending, a fresh
    // origin id, stamped to the second. With text, or with an attachment sealed in the media
    // library (not uploaded yet, no unplayed dot for our own voice note).
    static Message composeText(const QString &peer, const QString &ownBare, const QString &text);
    static Message composeAttachment(const QString &peer, const QString &ownBare,
                                     const Attachment &attachment);
    // The entry that sends `m`.
    static OutboxEntry of(const Message &m);

    // The sealed record (RecordCodec; older entries are JSON).
    QByteArray encode() const;
    static std::optional<OutboxEntry> decode(const QByteArray &bytes);
};

} // namespace imp::chat::messages
