#pragma once

#include "chat/Message.h"

#include <QObject>

namespace imp::chat::messages {

struct MessageContext;

// Delivery states of our own messages (XEP-0184 receipts, XEP-0333 read markers), and reading:
// our read marker for the newest message when the user has seen a chat. States only rise; the
// conversation's ticks follow through the ledger in the same transaction.
class DeliveryTracker : public QObject {
    Q_OBJECT
public:
    explicit DeliveryTracker(MessageContext &context, QObject *parent = nullptr);

    // The peer reports `messageId` (our id == origin id) as Delivered or Read. A read marker
    // covers everything we sent before it (XEP-0333 §4).
    void apply(const QString &peer, const QString &messageId, Message::State state);
    // The user has seen the chat: unread = 0, the newest incoming message Seen, and a read
    // marker for it.
    void markRead(const QString &peer);
    // Read on another of our devices (our own marker, carbon-copied): unread = 0 here too.
    void readElsewhere(const QString &peer);

signals:
    void messageChanged(const imp::chat::Message &message);

private:
    MessageContext &m_context;
};

} // namespace imp::chat::messages
