#pragma once

#include "chat/Attachment.h"

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

    // The sealed record (RecordCodec; older entries are JSON).
    QByteArray encode() const;
    static std::optional<OutboxEntry> decode(const QByteArray &bytes);
};

} // namespace imp::chat::messages
