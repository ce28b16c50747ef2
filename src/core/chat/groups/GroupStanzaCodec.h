#pragma once

#include "xmpp/Jid.h"
#include "xmpp/XmlElement.h"

#include <QDateTime>
#include <QString>
#include <optional>

namespace imp::chat::groups {

// What one stanza from the groups service means (XEP-0045 private groups on `groups.<domain>`,
// server/README.md "Group chats"). Pure: no I/O, no state, the clock passed in. The group
// pipeline (joins, catch-up from the room archive, storing) is built on it.
struct GroupEvent {
    enum class Kind {
        None,
        Message,    // a member's text in the room (ours too: the room reflects it)
        Subject,    // the announcement changed
        Invitation, // a mediated invitation (it made us a member)
        Joined,     // our own presence in the room (status 110)
        JoinFailed, // the room refused us (members-only, full, a bad nickname...)
        Removed,    // we are no longer in it: kicked, banned or our membership removed
    };
    Kind kind = Kind::None;
    QString room;       // bare JID of the group
    QString nick;       // the member's nickname in the room
    QString occupantId; // XEP-0421, stable per member: what to tell members apart by
    QString stanzaId;   // the room's own XEP-0359 id: the archive position
    QString originId;   // XEP-0359 origin id (matches our reflected message to our outbox)
    QString body;
    QDateTime time;
    QString inviter;   // Invitation: the inviter's bare JID
    QString reason;    // Invitation, Removed
    QString condition; // JoinFailed: the error condition
    QString affiliation;
};

class GroupStanzaCodec {
public:
    enum class Verdict { Event, Ignored, Forged };
    struct Decoded {
        Verdict verdict = Verdict::Ignored;
        GroupEvent event;
    };

    // `groupsDomain` is our groups service ("groups.localhost"): anything claiming to be a
    // room elsewhere is not ours. A groupchat message from a bare JID (no nickname) can only be
    // the room itself: its subject, never a member's text.
    static Decoded decode(const xmpp::XmlElement &stanza, const QString &groupsDomain,
                          const QDateTime &now);

    // Join with no history (we catch up from the archive by stanza id).
    static xmpp::XmlElement join(const QString &room, const QString &nick);
    static xmpp::XmlElement leave(const QString &room, const QString &nick);
    static xmpp::XmlElement message(const QString &room, const QString &body,
                                    const QString &originId);
    // XEP-0045 mediated invitation: through the room, so it grants membership.
    static xmpp::XmlElement invite(const QString &room, const QString &inviteeBare,
                                   const QString &reason = {});
    // XEP-0410: a ping to our own occupant JID; an error answer means we are out.
    static xmpp::XmlElement selfPing(const QString &room, const QString &nick, const QString &id);

    // Longer text is not a message anyone typed (one-to-one chat's limit); a longer
    // announcement is cut (the server refuses over 2,000 bytes).
    static constexpr int MaxBodyLength = 20000;
    static constexpr int MaxSubjectLength = 2000;
};

} // namespace imp::chat::groups
