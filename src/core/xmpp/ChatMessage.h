#pragma once

#include "xmpp/Jid.h"
#include "xmpp/XmlElement.h"

#include <QDateTime>
#include <QString>
#include <optional>

namespace imp::xmpp {

// One 1:1 chat message and its extensions, as sent or received: body, XEP-0359 ids, XEP-0203
// delay, XEP-0184 receipts, XEP-0333 markers, XEP-0085 chat states, XEP-0424 retraction.
// Pure parse/build: routing, deduplication and the carbons/MAM envelope (see Forwarded) are
// the caller's business.
struct ChatMessage {
    enum class ChatState { None, Active, Composing, Paused, Inactive, Gone };

    // Hostile-input limits: a message over them is dropped as a whole (nullopt).
    static constexpr qsizetype kMaxBodyChars = 64 * 1024; // UTF-16 units
    static constexpr qsizetype kMaxIdChars = 256;

    QString id; // the stanza's id attribute
    Jid from;   // as given (may be empty for own sent carbons/MAM - callers fill in)
    Jid to;
    QString type = QStringLiteral("chat"); // chat | normal | error | groupchat | headline
    QString body;                          // plain text, empty when none
    QString originId;                      // XEP-0359 <origin-id id/>
    QString stanzaId;            // XEP-0359 <stanza-id id by/> ONLY when by == the archive owner
    QDateTime delay;             // XEP-0203 <delay stamp/> (UTC), invalid when none
    bool receiptRequest = false; // XEP-0184 <request/>
    QString receiptFor;          // XEP-0184 <received id/>: id of the message confirmed
    bool markable = false;       // XEP-0333 <markable/>
    QString displayedFor;        // XEP-0333 <displayed id/>
    ChatState chatState = ChatState::None; // XEP-0085
    QString retractId;      // XEP-0424 <retract id/> (the origin-id of the retracted message)
    QString errorCondition; // for type=error: the defined condition name, else empty
    // Received only: the body is the XEP-0428 fallback text of a retraction (for clients that
    // do not understand it) and must not be shown as a message.
    bool bodyIsFallback = false;

    // nullopt for anything that is not a well-formed <message/> we can use (wrong name or
    // namespace, invalid from/to, body over kMaxBodyChars, an id over kMaxIdChars). Unknown
    // children are ignored; an unknown type reads as "normal" (RFC 6121). Characters XML cannot
    // carry are replaced by U+FFFD in the body. archiveOwner: our bare JID (stanza-id 'by').
    static std::optional<ChatMessage> fromStanza(const XmlElement &message,
                                                 const Jid &archiveOwner);
    // A <message/> with exactly the fields set: body (+ XEP-0334 <store/> hint when body or
    // retract), origin-id, receipt request, markable, displayed, receipt, chat state, retract
    // (with <fallback for='urn:xmpp:message-retract:1'/> when a fallback body is set), error.
    // Empty fields are omitted; from is written only when set (the server stamps it).
    XmlElement toStanza() const;
    static QString newId(); // a random, unique id (UUID without braces) for id/origin-id

    bool operator==(const ChatMessage &) const = default;
};

} // namespace imp::xmpp
