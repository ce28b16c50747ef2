#include "chat/messages/ChatStates.h"

#include "chat/messages/MessageContext.h"
#include "chat/messages/StanzaCodec.h"
#include "xmpp/StanzaChannel.h"

namespace imp::chat::messages {

namespace {
constexpr auto TypingTimeout = std::chrono::seconds(30);
constexpr auto ComposingPause = std::chrono::seconds(5);
} // namespace

ChatStates::ChatStates(MessageContext &context, QObject *parent)
    : QObject(parent)
    , m_context(context)
{
    m_composingTimer.setSingleShot(true);
    connect(&m_composingTimer, &QTimer::timeout, this, [this] {
        if (!m_composingPeer.isEmpty())
            sendState(m_composingPeer, xmpp::ChatMessage::ChatState::Paused);
        m_composingPeer.clear();
    });
}

void ChatStates::sendState(const QString &peer, xmpp::ChatMessage::ChatState state)
{
    m_context.channel.send(StanzaCodec::chatState(peer, state));
}

void ChatStates::setComposing(const QString &peer, bool composing)
{
    if (composing) {
        if (m_composingPeer != peer) {
            if (!m_composingPeer.isEmpty())
                sendState(m_composingPeer, xmpp::ChatMessage::ChatState::Active);
            m_composingPeer = peer;
            sendState(peer, xmpp::ChatMessage::ChatState::Composing);
        }
        m_composingTimer.start(ComposingPause);
    } else if (m_composingPeer == peer) {
        m_composingTimer.stop();
        m_composingPeer.clear();
        sendState(peer, xmpp::ChatMessage::ChatState::Active);
    }
}

void ChatStates::sent(const QString &peer)
{
    if (m_composingPeer == peer) {
        m_composingTimer.stop();
        m_composingPeer.clear();
    }
}

void ChatStates::peerState(const QString &peer, xmpp::ChatMessage::ChatState state, bool withBody)
{
    if (state == xmpp::ChatMessage::ChatState::None)
        return;
    setPeerTyping(peer, state == xmpp::ChatMessage::ChatState::Composing && !withBody);
}

void ChatStates::setPeerTyping(const QString &peer, bool typing)
{
    QTimer *timer = m_typingTimers.value(peer);
    const bool was = timer != nullptr && timer->isActive();
    if (typing) {
        if (!timer) {
            timer = new QTimer(this);
            timer->setSingleShot(true);
            connect(timer, &QTimer::timeout, this,
                    [this, peer] { emit typingChanged(peer, false); });
            m_typingTimers.insert(peer, timer);
        }
        timer->start(TypingTimeout);
    } else if (timer) {
        timer->stop();
    }
    if (was != typing)
        emit typingChanged(peer, typing);
}

} // namespace imp::chat::messages
