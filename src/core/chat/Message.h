#pragma once

#include "chat/Attachment.h"

#include <QDateTime>
#include <QMetaType>
#include <QString>

namespace imp::chat {

// One message of a one-to-one conversation as the UI and imptech-cli see it (opened from the
// encrypted store).
struct Message {
    // Stored as plain integers (store/MessageRepository `state`). Outgoing states only rise:
    // Sending → Sent (the server acknowledged it, XEP-0198) → Delivered (XEP-0184) → Read
    // (XEP-0333). Incoming messages are Received, then Seen once we sent our read marker.
    enum class State : int {
        Sending = 0,
        Sent = 1,
        Delivered = 2,
        Read = 3,
        Received = 10,
        Seen = 11
    };

    qint64 id = 0;      // local row id
    QString peer;       // bare JID of the conversation
    QString sender;     // bare JID of the author (own JID for outgoing); in a group, the
                        // member's occupant JID (room/nick) unless the room said who it is
    QString senderName; // groups: the member's nickname in the room ("" one to one)
    QString stanzaId;   // the <message id/> attribute (what receipts and markers refer to)
    QString originId;   // XEP-0359 origin id
    QString archiveId;  // XEP-0359 stanza-id / MAM id given by our server, when known
    QString body;       // empty when recalled, and for an attachment without a caption
    QDateTime time;     // UTC
    bool outgoing = false;
    State state = State::Received;
    bool recalled = false;
    Attachment attachment; // kind None for a text message
};

} // namespace imp::chat

Q_DECLARE_METATYPE(imp::chat::Message)
