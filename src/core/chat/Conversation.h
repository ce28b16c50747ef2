#pragma once

#include "chat/Message.h"

#include <QDateTime>
#include <QString>

namespace imp::chat {

// One row of the conversation list (opened from the encrypted `conversations` table).
struct Conversation {
    QString peer;    // bare JID
    QString title;   // the friend's nickname, else their IMpTech ID, else the JID's node
    QString preview; // the last message's text (first line, at most 200 characters)
    bool previewRecalled = false;
    // The last message is a voice note, photo or file (the list shows "[Voice]" and so on).
    Attachment::Kind previewKind = Attachment::Kind::None;
    QString previewSender; // groups: who wrote the last message ("" when we did, or one to one)
    bool lastOutgoing = false;
    Message::State lastState = Message::State::Received;
    QDateTime lastActivity; // UTC; invalid for an empty conversation
    int unread = 0;
    bool pinned = false;
};

} // namespace imp::chat

Q_DECLARE_METATYPE(imp::chat::Conversation)
