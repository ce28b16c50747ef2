#include "chat/groups/GroupStanzaCodec.h"

#include "xmpp/Namespaces.h"

namespace imp::chat::groups {

namespace {

using namespace xmpp::ns;

// A room of our groups service, or nullopt.
std::optional<xmpp::Jid> roomJid(const QString &from, const QString &groupsDomain)
{
    auto jid = xmpp::Jid::parse(from);
    if (!jid || jid->node().isEmpty() || jid->domain() != groupsDomain)
        return std::nullopt;
    return jid;
}

// A child in the stanza's own namespace (written without xmlns, or as jabber:client).
xmpp::XmlElement clientChild(const xmpp::XmlElement &stanza, const QString &name)
{
    for (const auto &child : stanza.children())
        if (child.name() == name &&
            (child.namespaceUri().isEmpty() || child.namespaceUri() == Client))
            return child;
    return {};
}

bool hasStatus(const xmpp::XmlElement &x, const QString &code)
{
    for (const auto &child : x.children())
        if (child.name() == QLatin1String("status") && child.attribute("code") == code)
            return true;
    return false;
}

QDateTime stampOf(const xmpp::XmlElement &stanza, const QDateTime &now)
{
    const auto delay = stanza.firstChild(QStringLiteral("delay"), Delay);
    const QDateTime t =
        QDateTime::fromString(delay.attribute(QStringLiteral("stamp")), Qt::ISODateWithMs);
    // A member cannot date a message into the future.
    return t.isValid() && t < now ? t.toUTC() : now;
}

GroupStanzaCodec::Decoded event(GroupEvent e)
{
    return {GroupStanzaCodec::Verdict::Event, std::move(e)};
}

GroupStanzaCodec::Decoded decodeMessage(const xmpp::XmlElement &s, const QString &groupsDomain,
                                        const QDateTime &now)
{
    const QString type = s.attribute(QStringLiteral("type"));
    const auto room = roomJid(s.attribute(QStringLiteral("from")), groupsDomain);
    const auto x = s.firstChild(QStringLiteral("x"), MucUser);
    const auto invite = x.firstChild(QStringLiteral("invite"), MucUser);
    if (type != QLatin1String("groupchat")) {
        if (!invite.name().isEmpty()) {
            if (!room || !room->isBare())
                return {GroupStanzaCodec::Verdict::Forged, {}};
            GroupEvent e;
            e.kind = GroupEvent::Kind::Invitation;
            e.room = room->toString();
            const auto inviter = xmpp::Jid::parse(invite.attribute(QStringLiteral("from")));
            e.inviter = inviter ? inviter->bare().toString() : QString();
            e.reason = invite.firstChild(QStringLiteral("reason"), MucUser).text();
            return event(e);
        }
        return {};
    }
    if (!room)
        return {GroupStanzaCodec::Verdict::Forged, {}}; // "groupchat" from outside our service
    GroupEvent e;
    e.room = room->bare().toString();
    e.nick = room->resource();
    e.time = stampOf(s, now);
    const auto subject = clientChild(s, QStringLiteral("subject"));
    const auto body = clientChild(s, QStringLiteral("body"));
    if (!subject.name().isEmpty() && body.name().isEmpty()) {
        e.kind = GroupEvent::Kind::Subject;
        e.body = subject.text().left(GroupStanzaCodec::MaxSubjectLength);
        return event(e);
    }
    if (body.name().isEmpty() || body.text().isEmpty() ||
        body.text().size() > GroupStanzaCodec::MaxBodyLength)
        return {};
    if (room->isBare())
        return {GroupStanzaCodec::Verdict::Forged, {}}; // text "from the room": no member's
    e.kind = GroupEvent::Kind::Message;
    e.body = body.text();
    e.occupantId = s.firstChild(QStringLiteral("occupant-id"), OccupantId).attribute("id");
    for (const auto &child : s.children()) {
        if (child.namespaceUri() != Sid)
            continue;
        // Only the room's own stanza id is an archive position; a member can add any other.
        if (child.name() == QLatin1String("stanza-id") &&
            child.attribute(QStringLiteral("by")) == e.room)
            e.stanzaId = child.attribute(QStringLiteral("id"));
        else if (child.name() == QLatin1String("origin-id"))
            e.originId = child.attribute(QStringLiteral("id"));
    }
    return event(e);
}

GroupStanzaCodec::Decoded decodePresence(const xmpp::XmlElement &s, const QString &groupsDomain)
{
    const auto room = roomJid(s.attribute(QStringLiteral("from")), groupsDomain);
    if (!room)
        return {};
    const QString type = s.attribute(QStringLiteral("type"));
    GroupEvent e;
    e.room = room->bare().toString();
    e.nick = room->resource();
    if (type == QLatin1String("error")) {
        e.kind = GroupEvent::Kind::JoinFailed;
        const auto error = clientChild(s, QStringLiteral("error"));
        for (const auto &child : error.children())
            if (child.namespaceUri() == Stanzas && child.name() != QLatin1String("text"))
                e.condition = child.name();
        return event(e);
    }
    const auto x = s.firstChild(QStringLiteral("x"), MucUser);
    if (x.name().isEmpty() || !hasStatus(x, QStringLiteral("110")))
        return {}; // another member's presence: the member list's business
    const auto item = x.firstChild(QStringLiteral("item"), MucUser);
    e.affiliation = item.attribute(QStringLiteral("affiliation"));
    if (type == QLatin1String("unavailable")) {
        // 307 kicked, 301 banned, 321 membership removed, 332 the service shut down; a plain
        // unavailable is our own leaving.
        for (const char *code : {"307", "301", "321", "332"}) {
            if (hasStatus(x, QLatin1String(code))) {
                e.kind = GroupEvent::Kind::Removed;
                e.reason = QLatin1String(code);
                e.reason +=
                    QLatin1Char(':') + item.firstChild(QStringLiteral("reason"), MucUser).text();
                return event(e);
            }
        }
        return {};
    }
    e.kind = GroupEvent::Kind::Joined;
    return event(e);
}

} // namespace

GroupStanzaCodec::Decoded GroupStanzaCodec::decode(const xmpp::XmlElement &stanza,
                                                   const QString &groupsDomain,
                                                   const QDateTime &now)
{
    if (stanza.name() == QLatin1String("message"))
        return decodeMessage(stanza, groupsDomain, now);
    if (stanza.name() == QLatin1String("presence"))
        return decodePresence(stanza, groupsDomain);
    return {};
}

xmpp::XmlElement GroupStanzaCodec::join(const QString &room, const QString &nick)
{
    xmpp::XmlElement p(QStringLiteral("presence"), Client);
    p.setAttribute(QStringLiteral("to"), room + QLatin1Char('/') + nick);
    xmpp::XmlElement x(QStringLiteral("x"), Muc);
    xmpp::XmlElement history(QStringLiteral("history"), Muc);
    history.setAttribute(QStringLiteral("maxstanzas"), QStringLiteral("0"));
    x.addChild(history);
    p.addChild(x);
    return p;
}

xmpp::XmlElement GroupStanzaCodec::leave(const QString &room, const QString &nick)
{
    xmpp::XmlElement p(QStringLiteral("presence"), Client);
    p.setAttribute(QStringLiteral("to"), room + QLatin1Char('/') + nick);
    p.setAttribute(QStringLiteral("type"), QStringLiteral("unavailable"));
    return p;
}

xmpp::XmlElement GroupStanzaCodec::message(const QString &room, const QString &body,
                                           const QString &originId)
{
    xmpp::XmlElement m(QStringLiteral("message"), Client);
    m.setAttribute(QStringLiteral("to"), room);
    m.setAttribute(QStringLiteral("type"), QStringLiteral("groupchat"));
    m.setAttribute(QStringLiteral("id"), originId);
    xmpp::XmlElement b(QStringLiteral("body"), Client);
    b.setText(body);
    m.addChild(b);
    xmpp::XmlElement origin(QStringLiteral("origin-id"), Sid);
    origin.setAttribute(QStringLiteral("id"), originId);
    m.addChild(origin);
    return m;
}

xmpp::XmlElement GroupStanzaCodec::invite(const QString &room, const QString &inviteeBare,
                                          const QString &reason)
{
    xmpp::XmlElement m(QStringLiteral("message"), Client);
    m.setAttribute(QStringLiteral("to"), room);
    xmpp::XmlElement x(QStringLiteral("x"), MucUser);
    xmpp::XmlElement inv(QStringLiteral("invite"), MucUser);
    inv.setAttribute(QStringLiteral("to"), inviteeBare);
    if (!reason.isEmpty()) {
        xmpp::XmlElement r(QStringLiteral("reason"), MucUser);
        r.setText(reason);
        inv.addChild(r);
    }
    x.addChild(inv);
    m.addChild(x);
    return m;
}

xmpp::XmlElement GroupStanzaCodec::selfPing(const QString &room, const QString &nick,
                                            const QString &id)
{
    xmpp::XmlElement iq(QStringLiteral("iq"), Client);
    iq.setAttribute(QStringLiteral("to"), room + QLatin1Char('/') + nick);
    iq.setAttribute(QStringLiteral("type"), QStringLiteral("get"));
    iq.setAttribute(QStringLiteral("id"), id);
    iq.addChild(xmpp::XmlElement(QStringLiteral("ping"), Ping));
    return iq;
}

} // namespace imp::chat::groups
