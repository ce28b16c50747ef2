#include "chat/messages/StanzaCodec.h"

#include "chat/messages/AttachmentCodec.h"
#include "chat/messages/OutboxEntry.h"

namespace imp::chat::messages {

using xmpp::ChatMessage;
using xmpp::Forwarded;

namespace {

const QString RetractFallback =
    QStringLiteral("This person attempted to retract a previous message, but it's unsupported "
                   "by your client.");

bool isChatType(const QString &type)
{
    return type == QLatin1String("chat") || type == QLatin1String("normal");
}

} // namespace

QDateTime StanzaCodec::toTheSecond(const QDateTime &time)
{
    return QDateTime::fromSecsSinceEpoch(time.toSecsSinceEpoch(), Qt::UTC);
}

StanzaCodec::Decoded StanzaCodec::decode(const xmpp::XmlElement &stanza, const xmpp::Jid &ownBare,
                                         const QDateTime &now)
{
    Decoded out;
    if (stanza.name() != QLatin1String("message"))
        return out;
    const auto forwarded = Forwarded::unwrap(stanza, ownBare);
    if (!forwarded) {
        out.verdict = Verdict::Forged;
        return out;
    }
    const auto message = ChatMessage::fromStanza(forwarded->message, ownBare);
    if (!message || !isChatType(message->type))
        return out;
    ChatEvent &e = out.event;
    e.origin = forwarded->origin;
    e.queryId = forwarded->queryId;
    const bool archived = forwarded->origin == Forwarded::Origin::Archive;
    if (archived)
        e.outgoing = message->from.isEmpty() || message->from.bare() == ownBare;
    else
        e.outgoing = forwarded->origin == Forwarded::Origin::CarbonSent;
    e.peer = (e.outgoing ? message->to : message->from).bare().toString();
    if (e.peer.isEmpty() || (e.peer == ownBare.toString() && (archived || !e.outgoing)))
        return out;
    out.verdict = Verdict::Event;

    // Receipts come from the peer; a read marker of ours (sent from another device) means the
    // chat was read there.
    if (!e.outgoing)
        e.receiptFor = message->receiptFor;
    if (!e.outgoing || !archived)
        e.displayedFor = message->displayedFor;
    if (!message->retractId.isEmpty()) {
        e.retractId = message->retractId;
        return out; // its body is the fallback text for other clients
    }
    if (!e.outgoing && !archived)
        e.chatState = message->chatState;
    if (message->body.isEmpty())
        return out;

    Message m;
    m.body = message->body;
    if (auto attachment = AttachmentCodec::decode(forwarded->message, m.body))
        m.attachment = std::move(*attachment);
    m.peer = e.peer;
    m.sender = e.outgoing ? ownBare.toString() : e.peer;
    m.stanzaId = message->id;
    m.originId = message->originId;
    m.archiveId = archived ? forwarded->archiveId : message->stanzaId;
    if (archived)
        m.time = forwarded->stamp.isValid() ? forwarded->stamp : toTheSecond(now);
    else
        m.time =
            message->delay.isValid() && message->delay < now ? message->delay : toTheSecond(now);
    m.outgoing = e.outgoing;
    m.state = e.outgoing ? Message::State::Sent : Message::State::Received;
    e.message = std::move(m);
    // Delivered to this device: confirm it, unless a carbon says another of our devices got it.
    const bool carbon = forwarded->origin == Forwarded::Origin::CarbonReceived ||
                        forwarded->origin == Forwarded::Origin::CarbonSent;
    if (!e.outgoing && !carbon && message->receiptRequest && !message->id.isEmpty())
        e.receiptTo = message->from.toString();
    return out;
}

xmpp::XmlElement StanzaCodec::encode(const OutboxEntry &entry)
{
    ChatMessage m;
    m.id = entry.originId;
    m.originId = entry.originId;
    m.to = xmpp::Jid(entry.peer);
    if (entry.kind == OutboxEntry::Kind::Retract) {
        m.retractId = entry.retractId;
        m.body = RetractFallback;
    } else {
        // An attachment's URL is its body, for clients without OOB (and the archive hint).
        m.body = entry.kind == OutboxEntry::Kind::Attachment ? entry.attachment.url : entry.body;
        m.receiptRequest = true;
        m.markable = true;
        m.chatState = ChatMessage::ChatState::Active;
    }
    xmpp::XmlElement stanza = m.toStanza();
    if (entry.kind == OutboxEntry::Kind::Attachment)
        AttachmentCodec::encode(entry.attachment, stanza);
    return stanza;
}

xmpp::XmlElement StanzaCodec::receipt(const QString &toFullJid, const QString &messageId)
{
    ChatMessage m;
    m.id = ChatMessage::newId();
    m.to = xmpp::Jid(toFullJid);
    m.receiptFor = messageId;
    return m.toStanza();
}

xmpp::XmlElement StanzaCodec::displayed(const QString &peer, const QString &messageId)
{
    ChatMessage m;
    m.id = ChatMessage::newId();
    m.to = xmpp::Jid(peer);
    m.displayedFor = messageId;
    return m.toStanza();
}

xmpp::XmlElement StanzaCodec::chatState(const QString &peer, ChatMessage::ChatState state)
{
    ChatMessage m;
    m.id = ChatMessage::newId();
    m.to = xmpp::Jid(peer);
    m.chatState = state;
    return m.toStanza();
}

} // namespace imp::chat::messages
