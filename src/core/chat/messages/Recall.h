#pragma once

#include "chat/Message.h"
#include "common/Result.h"

#include <QObject>
#include <functional>

namespace imp::chat::messages {

struct MessageContext;
class Outbox;

// Recalling a message (XEP-0424 retraction): our own within the window, through the outbox;
// the peer's when they retract theirs. Both sides then show it as recalled.
class Recall : public QObject {
    Q_OBJECT
public:
    static constexpr int WindowSeconds = 120;

    Recall(MessageContext &context, Outbox &outbox, QObject *parent = nullptr);

    // Errors: chat.recall_too_late, chat.not_found, chat.not_own.
    void recall(const QString &peer, qint64 messageId, std::function<void(Result<void>)> done);
    // `sender` retracts their message with `originId` in the chat with `peer`. Only the author
    // may retract, and only their own message.
    void apply(const QString &peer, const QString &sender, const QString &originId);

signals:
    void messageChanged(const imp::chat::Message &message);

private:
    MessageContext &m_context;
    Outbox &m_outbox;
};

} // namespace imp::chat::messages
