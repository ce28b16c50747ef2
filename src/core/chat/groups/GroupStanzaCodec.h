#pragma once

#include "chat/Attachment.h"
#include "xmpp/Jid.h"
#include "xmpp/XmlElement.h"

#include <QDateTime>
#include <QString>
#include <QStringList>
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
        Member,     // another member's presence: joined, changed or (`gone`) left
        Configured, // the room's configuration changed (status 104): its name, say
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
    // Message: the member's bare JID when the room's archive names it (non-anonymous rooms
    // do; live messages do not carry it), and what the message carries besides text.
    QString realJid;
    std::optional<Attachment> attachment;
    QString queryId;   // Message from the room's archive: the query it answers
    bool gone = false; // Member: left the room (unavailable)
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
    // A result of a query of a room's archive (XEP-0313 addressed to the room): only the room
    // itself may send one, and what it forwards must be that room's own groupchat message.
    static Decoded decodeArchived(const xmpp::XmlElement &stanza, const QString &groupsDomain,
                                  const QDateTime &now);
    static bool isArchiveResult(const xmpp::XmlElement &stanza);

    // Join with no history (we catch up from the archive by stanza id).
    static xmpp::XmlElement join(const QString &room, const QString &nick);
    static xmpp::XmlElement leave(const QString &room, const QString &nick);
    static xmpp::XmlElement message(const QString &room, const QString &body,
                                    const QString &originId);
    // A one-to-one stanza (text or attachment, as StanzaCodec writes it) re-addressed to the
    // room: groupchat, without the receipt and marker requests that make no sense there.
    static xmpp::XmlElement toGroup(xmpp::XmlElement stanza);
    // XEP-0045 owner: the room's name (muc#roomconfig_roomname) through the config form.
    static xmpp::XmlElement configureName(const QString &room, const QString &name);
    static xmpp::XmlElement subject(const QString &room, const QString &text);
    // XEP-0045 admin: set a bare JID's affiliation (none removes it: leave for good, removal).
    static xmpp::XmlElement setAffiliation(const QString &room, const QString &bareJid,
                                           const QString &affiliation);
    static xmpp::XmlElement affiliations(const QString &room, const QString &affiliation);
    static xmpp::XmlElement discoInfo(const QString &room);
    // The room's name from a disco#info result ("" when it has none).
    static QString nameFromDiscoInfo(const xmpp::XmlElement &result);
    // Bare JIDs of a muc#admin affiliation list result.
    static QStringList jidsFromAffiliations(const xmpp::XmlElement &result);
    // XEP-0045 mediated invitation: through the room, so it grants membership.
    static xmpp::XmlElement invite(const QString &room, const QString &inviteeBare,
                                   const QString &reason = {});
    // XEP-0410: a ping to our own occupant JID; an error answer means we are out.
    static xmpp::XmlElement selfPing(const QString &room, const QString &nick, const QString &id);

    // Longer text is not a message anyone typed (one-to-one chat's limit); a longer
    // announcement is cut (the server refuses over 2,000 bytes).
    static constexpr int MaxBodyLength = 20000;
    static constexpr int MaxSubjectLength = 2000;
    static constexpr int MaxNameLength = 100;
};

} // namespace imp::chat::groups
