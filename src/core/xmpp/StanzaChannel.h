#pragma once

#include "xmpp/IqTracker.h"
#include "xmpp/XmlElement.h"

#include <QObject>
#include <chrono>
#include <functional>

namespace imp::xmpp {

// What the chat services need of an XMPP session: send stanzas and IQs, receive stanzas, learn
// of acknowledgements (XEP-0198) and of new sessions, and hold back the acknowledgement of an
// inbound stanza until it is on disk. XmppClient is the real one; unit tests drive the services
// through an in-process channel that injects XML and expects XML (as QXmpp tests its
// extensions), without a socket or a server.
class StanzaChannel : public QObject {
    Q_OBJECT
public:
    enum class State { Offline, Connecting, Online, SignedOut };
    Q_ENUM(State)

    using QObject::QObject;

    virtual State state() const = 0;
    // Our full JID while a session exists ("" otherwise).
    virtual QString boundJid() const = 0;
    // Sends a stanza while Online; false (and nothing sent) otherwise.
    virtual bool send(const XmlElement &stanza) = 0;
    // Only while Online; otherwise onReply gets "xmpp.not_connected" (from the event loop).
    // onReply runs only while `context` still exists.
    virtual void sendIq(const XmlElement &iq, const QObject *context, IqTracker::Callback onReply,
                        std::chrono::milliseconds timeout = std::chrono::seconds(15)) = 0;
    // Inbound acknowledgement control: call deferInbound() ONLY from inside a stanzaReceived
    // handler; the stanza counts as handled (the XEP-0198 h we report) once released.
    virtual quint64 deferInbound() = 0;
    virtual void releaseInbound(quint64 token) = 0;
    // Answers inbound IQ get/set whose payload is in namespace `xmlns` (roster and blocking
    // pushes): the handler returns the full reply IQ, or a null XmlElement for a plain result.
    // Handlers check `from` themselves. An empty handler removes the entry.
    using IqRequestHandler = std::function<XmlElement(const XmlElement &iq)>;
    virtual void setIqRequestHandler(const QString &xmlns, IqRequestHandler handler) = 0;

signals:
    void stateChanged(imp::xmpp::StanzaChannel::State state);
    void stanzaReceived(const imp::xmpp::XmlElement &stanza);
    // resumed: XEP-0198 resumption succeeded, nothing was lost. Otherwise a fresh session: the
    // caller sends presence, enables carbons, catches up and resends what was not acknowledged.
    void sessionStarted(bool resumed);
    // The server acknowledged this stanza we sent (once per stanza, in send order).
    void stanzaAcked(const imp::xmpp::XmlElement &stanza);
};

} // namespace imp::xmpp
