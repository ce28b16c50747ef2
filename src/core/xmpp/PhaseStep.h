#pragma once

#include "common/Result.h"
#include "xmpp/XmlElement.h"

#include <QList>
#include <chrono>
#include <optional>

namespace imp::xmpp {

// What a negotiation phase asks the client to do after handling one stanza. Phases never
// touch the socket themselves, which keeps them testable with plain stanzas.
struct PhaseStep {
    enum class Kind {
        Continue,      // send `send` (if any) and wait for the next stanza
        StartTls,      // the server said <proceed/>: start the TLS handshake now
        RestartStream, // SASL succeeded: open a fresh stream on the same connection
        Online,        // resource bound: `boundJid` is our full JID
        Fail,          // give up this connection with `error`; reconnect only if `retry`
        SmEnabled,     // XEP-0198 <enabled/>: smId, smResumable, smMax
        SmResumed,     // XEP-0198 <resumed/>: smH acknowledges our stanzas of the old connection
        SmFailed,      // <failed/> to enable or resume; smH when the server said how many it got
    };
    Kind kind = Kind::Continue;
    QList<XmlElement> send;
    Error error;
    bool retry = false;
    QString boundJid;
    QString smId;
    bool smResumable = false;
    std::chrono::seconds smMax{0};
    std::optional<quint32> smH;

    static PhaseStep sending(XmlElement e)
    {
        PhaseStep s;
        s.send.append(std::move(e));
        return s;
    }
    static PhaseStep of(Kind k)
    {
        PhaseStep s;
        s.kind = k;
        return s;
    }
    static PhaseStep failure(std::string code, std::string detail, bool retry = false)
    {
        PhaseStep s;
        s.kind = Kind::Fail;
        s.error = makeError(std::move(code), std::move(detail));
        s.retry = retry;
        return s;
    }
};

namespace ns {
inline const QString Client = QStringLiteral("jabber:client");
inline const QString Tls = QStringLiteral("urn:ietf:params:xml:ns:xmpp-tls");
inline const QString Sasl = QStringLiteral("urn:ietf:params:xml:ns:xmpp-sasl");
inline const QString Bind = QStringLiteral("urn:ietf:params:xml:ns:xmpp-bind");
inline const QString Session = QStringLiteral("urn:ietf:params:xml:ns:xmpp-session");
inline const QString Streams = QStringLiteral("urn:ietf:params:xml:ns:xmpp-streams");
inline const QString Stanzas = QStringLiteral("urn:ietf:params:xml:ns:xmpp-stanzas");
} // namespace ns

} // namespace imp::xmpp
