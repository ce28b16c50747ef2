#pragma once

#include "xmpp/Jid.h"
#include "xmpp/XmlElement.h"

#include <QList>
#include <QStringList>
#include <optional>

namespace imp::xmpp {

// One contact of the RFC 6121 roster.
struct RosterItem {
    enum class Subscription { None, To, From, Both, Remove };
    Jid jid; // bare
    QString name;
    Subscription subscription = Subscription::None;
    bool askSubscribe = false; // ask='subscribe' (our request pending)
    QStringList groups;

    bool operator==(const RosterItem &) const = default;
};

// Builds and reads roster IQs (RFC 6121 section 2).
class Roster {
public:
    // Hostile-input limits: more items make the whole answer nullopt; longer names/groups are
    // dropped (name cleared, group skipped).
    static constexpr qsizetype kMaxItems = 10000;
    static constexpr qsizetype kMaxNameChars = 1000;
    static constexpr qsizetype kMaxGroups = 100;

    static XmlElement getIq();                       // roster get
    static XmlElement setIq(const RosterItem &item); // add/update (name, groups)
    static XmlElement removeIq(const Jid &jid);      // subscription='remove'
    // Items of a roster result or push (<query xmlns='jabber:iq:roster'>) in document order;
    // invalid/full JIDs and duplicates are skipped. nullopt when the IQ is not a result/set
    // with a roster query, or it has more than kMaxItems items.
    static std::optional<QList<RosterItem>> items(const XmlElement &iq);
    // RFC 6121 2.1.6: a push (type='set') is only to be believed when it has no `from` or comes
    // from our own bare JID; anyone else sending one is forging our contact list.
    static bool isTrustedPush(const XmlElement &iq, const Jid &ownJid);
};

} // namespace imp::xmpp
