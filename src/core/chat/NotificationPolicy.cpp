#include "NotificationPolicy.h"

namespace imp::chat {

std::optional<NotificationRequest> NotificationPolicy::incoming(const Message &message,
                                                                const QString &title, bool inFront)
{
    if (inFront || message.outgoing || message.recalled || message.body.isEmpty())
        return std::nullopt;
    const int count = ++m_pending[message.peer];
    NotificationRequest request;
    request.peer = message.peer;
    if (m_hideText) {
        request.key = NotificationRequest::AllConversations;
        request.hidden = true;
        int total = 0;
        for (int n : std::as_const(m_pending))
            total += n;
        request.count = total;
        return request;
    }
    request.key = message.peer;
    request.title = title.isEmpty() ? message.peer.section('@', 0, 0) : title;
    request.text = firstLine(message.body);
    // In a group, who wrote it (the title is the group's).
    if (!message.senderName.isEmpty())
        request.text = message.senderName + QStringLiteral(": ") + request.text;
    request.count = count;
    return request;
}

std::optional<QString> NotificationPolicy::read(const QString &peer)
{
    if (!m_pending.remove(peer))
        return std::nullopt;
    if (!m_hideText)
        return peer;
    // The shared hidden notification stays while other conversations still have news.
    if (m_pending.isEmpty())
        return QString(NotificationRequest::AllConversations);
    return std::nullopt;
}

QString NotificationPolicy::firstLine(const QString &body, int maxChars)
{
    QString line = body.section('\n', 0, 0).trimmed();
    if (line.size() > maxChars) {
        int cut = maxChars;
        // Never split a surrogate pair (emoji, rare CJK).
        if (line.at(cut - 1).isHighSurrogate())
            --cut;
        line = line.left(cut) + QChar(0x2026);
    }
    return line;
}

} // namespace imp::chat
