#pragma once

#include "xmpp/ChatMessage.h"

#include <QHash>
#include <QObject>
#include <QTimer>

namespace imp::chat::messages {

struct MessageContext;

// Chat states (XEP-0085): "composing" while the user types (paused after a pause, active when
// done or sent), and whether the peer is typing (until their message, an end state, or a
// timeout when their client goes quiet).
class ChatStates : public QObject {
    Q_OBJECT
public:
    explicit ChatStates(MessageContext &context, QObject *parent = nullptr);

    void setComposing(const QString &peer, bool composing);
    // A message to the peer went out: it carries "active" itself.
    void sent(const QString &peer);
    void peerState(const QString &peer, xmpp::ChatMessage::ChatState state, bool withBody);
    void peerWrote(const QString &peer) { setPeerTyping(peer, false); }

signals:
    void typingChanged(const QString &peer, bool typing);

private:
    void setPeerTyping(const QString &peer, bool typing);
    void sendState(const QString &peer, xmpp::ChatMessage::ChatState state);

    MessageContext &m_context;
    QString m_composingPeer;
    QTimer m_composingTimer;
    QHash<QString, QTimer *> m_typingTimers;
};

} // namespace imp::chat::messages
