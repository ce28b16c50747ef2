#pragma once

#include "chat/Message.h"
#include "xmpp/ChatMessage.h"
#include "xmpp/Forwarded.h"
#include "xmpp/Jid.h"
#include "xmpp/XmlElement.h"

#include <optional>

namespace imp::chat::messages {

struct OutboxEntry;

// What one received <message/> means for one-to-one chat, whatever envelope it came in (live,
// a carbon, an archive result).
struct ChatEvent {
    xmpp::Forwarded::Origin origin = xmpp::Forwarded::Origin::Live;
    QString queryId;       // archive results: the query it answers
    QString peer;          // bare JID of the conversation
    bool outgoing = false; // written by us (a sent carbon, our own message in the archive)
    QString receiptFor;    // XEP-0184: the peer received our message with this id
    QString displayedFor;  // XEP-0333: displayed up to this id (by the peer, or by us elsewhere)
    QString retractId;     // XEP-0424: the origin id of the message recalled
    xmpp::ChatMessage::ChatState chatState = xmpp::ChatMessage::ChatState::None;
    std::optional<Message> message; // a message with text to store
    QString receiptTo;              // full JID to confirm delivery to (XEP-0184); "" = none
};

// The pure codec between stanzas and chat's domain: no I/O, no state, the clock passed in. A
// new kind of message (media, groups) gets its own codec beside this one.
class StanzaCodec {
public:
    enum class Verdict { Event, Ignored, Forged };
    struct Decoded {
        Verdict verdict = Verdict::Ignored;
        ChatEvent event;
    };

    // ownBare: our bare JID. `now` stamps live messages without a usable delay.
    static Decoded decode(const xmpp::XmlElement &stanza, const xmpp::Jid &ownBare,
                          const QDateTime &now);

    static xmpp::XmlElement encode(const OutboxEntry &entry);
    static xmpp::XmlElement receipt(const QString &toFullJid, const QString &messageId);
    static xmpp::XmlElement displayed(const QString &peer, const QString &messageId);
    static xmpp::XmlElement chatState(const QString &peer, xmpp::ChatMessage::ChatState state);

    // Message times are kept to the second, like the server's archive stamps (XEP-0203): a
    // live message and its archived copy then tie, and arrival order breaks the tie.
    static QDateTime toTheSecond(const QDateTime &time);
};

} // namespace imp::chat::messages
