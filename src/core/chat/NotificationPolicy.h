#pragma once

#include "chat/Message.h"

#include <QHash>
#include <QString>
#include <optional>

namespace imp::chat {

// What a desktop notification for incoming messages says, decided without any UI: the app
// turns it into words (translated) and hands it to the platform.
struct NotificationRequest {
    // One notification per key, replaced as more messages come: the peer's bare JID, or
    // AllConversations when the text is hidden (then not even the sender is shown).
    QString key;
    QString peer;  // the conversation to open when it is clicked
    QString title; // the sender's name; empty when hidden
    QString text;  // the newest message's first line (<= 120 chars); empty when hidden
    int count = 1; // messages behind this notification since it was last read
    bool hidden = false;

    static constexpr const char *AllConversations = "*";
};

// When to notify, and how messages fold together. A burst (a catch-up after a night offline)
// becomes one notification per conversation with a count, never one per message.
class NotificationPolicy {
public:
    // "Hide message text in notifications": the privacy setting; always on for minors.
    void setHideText(bool hide) { m_hideText = hide; }
    bool hideText() const { return m_hideText; }

    // An incoming message was stored. `inFront`: the window is active, so the user sees it.
    std::optional<NotificationRequest> incoming(const Message &message, const QString &title,
                                                bool inFront);

    // The conversation was opened or read: its notification, if one is showing, should go.
    // Returns the key to withdraw.
    std::optional<QString> read(const QString &peer);

    static QString firstLine(const QString &body, int maxChars = 120);

private:
    bool m_hideText = false;
    QHash<QString, int> m_pending; // by peer: messages notified and not read yet
};

} // namespace imp::chat
