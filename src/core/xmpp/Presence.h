#pragma once

#include "xmpp/Jid.h"
#include "xmpp/XmlElement.h"

#include <QString>
#include <optional>

namespace imp::xmpp {

// A presence stanza: availability and subscriptions (friend requests, RFC 6121 section 3).
struct Presence {
    enum class Type {
        Available,
        Unavailable,
        Subscribe,
        Subscribed,
        Unsubscribe,
        Unsubscribed,
        Probe,
        Error
    };

    // Longer texts from a peer are cut (at a character boundary), not trusted to the UI.
    static constexpr qsizetype kMaxStatusChars = 1000;
    static constexpr qsizetype kMaxNicknameChars = 256;

    Type type = Type::Available;
    Jid from;
    Jid to;
    QString status;         // <status/>: the greeting of a friend request
    QString nickname;       // XEP-0172 <nick xmlns='http://jabber.org/protocol/nick'/>
    QString errorCondition; // for Type::Error: the defined condition name, else empty

    // nullopt for a non-<presence/>, an unknown type, or an invalid from/to.
    static std::optional<Presence> fromStanza(const XmlElement &presence);
    XmlElement toStanza() const;

    // Convenience builders (to is reduced to the bare JID for subscription stanzas).
    static XmlElement subscribe(const Jid &to, const QString &greeting, const QString &ownNickname);
    static XmlElement subscribed(const Jid &to);
    static XmlElement unsubscribe(const Jid &to);
    static XmlElement unsubscribed(const Jid &to);
    static XmlElement available(); // initial presence

    bool operator==(const Presence &) const = default;
};

} // namespace imp::xmpp
