#include "chat/groups/GroupStanzaCodec.h"

#include "chat/messages/AttachmentCodec.h"
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
    if (body.name().isEmpty() && room->isBare() && hasStatus(x, QStringLiteral("104"))) {
        e.kind = GroupEvent::Kind::Configured;
        return event(e);
    }
    if (body.name().isEmpty() || body.text().isEmpty() ||
        body.text().size() > GroupStanzaCodec::MaxBodyLength)
        return {};
    if (room->isBare())
        return {GroupStanzaCodec::Verdict::Forged, {}}; // text "from the room": no member's
    e.kind = GroupEvent::Kind::Message;
    e.body = body.text();
    e.attachment = messages::AttachmentCodec::decode(s, e.body);
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
    if (x.name().isEmpty() || room->isBare())
        return {};
    const auto item = x.firstChild(QStringLiteral("item"), MucUser);
    e.affiliation = item.attribute(QStringLiteral("affiliation"));
    if (!hasStatus(x, QStringLiteral("110"))) {
        // Another member: the room (non-anonymous) names who it is.
        e.kind = GroupEvent::Kind::Member;
        e.gone = type == QLatin1String("unavailable");
        if (const auto real = xmpp::Jid::parse(item.attribute(QStringLiteral("jid"))))
            e.realJid = real->bare().toString();
        return event(e);
    }
    if (type == QLatin1String("unavailable")) {
        if (!x.firstChild(QStringLiteral("destroy"), MucUser).isNull()) {
            e.kind = GroupEvent::Kind::Removed;
            e.reason = QStringLiteral("destroyed:");
            return event(e);
        }
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

xmpp::XmlElement iqTo(const QString &to, const QString &type)
{
    xmpp::XmlElement iq(QStringLiteral("iq"), Client);
    iq.setAttribute(QStringLiteral("to"), to);
    iq.setAttribute(QStringLiteral("type"), type);
    return iq;
}

} // namespace

bool GroupStanzaCodec::isArchiveResult(const xmpp::XmlElement &stanza)
{
    return stanza.name() == QLatin1String("message") &&
           stanza.hasChild(QStringLiteral("result"), Mam);
}

GroupStanzaCodec::Decoded GroupStanzaCodec::decodeArchived(const xmpp::XmlElement &stanza,
                                                           const QString &groupsDomain,
                                                           const QDateTime &now)
{
    const auto room = roomJid(stanza.attribute(QStringLiteral("from")), groupsDomain);
    const auto result = stanza.firstChild(QStringLiteral("result"), Mam);
    if (!room || !room->isBare() || result.name().isEmpty())
        return {Verdict::Forged, {}};
    const auto forwarded = result.firstChild(QStringLiteral("forwarded"), Forward);
    const auto inner = forwarded.firstChild(QStringLiteral("message"), Client);
    const auto from = roomJid(inner.attribute(QStringLiteral("from")), groupsDomain);
    if (inner.name().isEmpty() || !from || from->bare() != room->bare())
        return {Verdict::Forged, {}}; // a room may only forward its own messages
    auto decoded = decodeMessage(inner, groupsDomain, now);
    if (decoded.verdict != Verdict::Event)
        return decoded;
    GroupEvent &e = decoded.event;
    e.queryId = result.attribute(QStringLiteral("queryid"));
    // The archive's id is the position; the message's own stanza-id is the same id.
    e.stanzaId = result.attribute(QStringLiteral("id"));
    const QDateTime stamp = QDateTime::fromString(
        forwarded.firstChild(QStringLiteral("delay"), Delay).attribute(QStringLiteral("stamp")),
        Qt::ISODateWithMs);
    e.time = stamp.isValid() && stamp < now ? stamp.toUTC() : now;
    const auto item =
        inner.firstChild(QStringLiteral("x"), MucUser).firstChild(QStringLiteral("item"), MucUser);
    if (const auto real = xmpp::Jid::parse(item.attribute(QStringLiteral("jid"))))
        e.realJid = real->bare().toString();
    return decoded;
}

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

xmpp::XmlElement GroupStanzaCodec::toGroup(xmpp::XmlElement stanza)
{
    stanza.setAttribute(QStringLiteral("type"), QStringLiteral("groupchat"));
    stanza.children().removeIf([](const xmpp::XmlElement &child) {
        const QString &ns = child.namespaceUri();
        return ns == Receipts || ns == Markers || ns == ChatStates;
    });
    return stanza;
}

xmpp::XmlElement GroupStanzaCodec::configureName(const QString &room, const QString &name)
{
    auto iq = iqTo(room, QStringLiteral("set"));
    xmpp::XmlElement query(QStringLiteral("query"), MucOwner);
    xmpp::XmlElement form(QStringLiteral("x"), DataForms);
    form.setAttribute(QStringLiteral("type"), QStringLiteral("submit"));
    auto field = [&form](const QString &var, const QString &value) {
        xmpp::XmlElement f(QStringLiteral("field"), DataForms);
        f.setAttribute(QStringLiteral("var"), var);
        xmpp::XmlElement v(QStringLiteral("value"), DataForms);
        v.setText(value);
        f.addChild(v);
        form.addChild(f);
    };
    field(QStringLiteral("FORM_TYPE"), QStringLiteral("http://jabber.org/protocol/muc#roomconfig"));
    field(QStringLiteral("muc#roomconfig_roomname"), name);
    query.addChild(form);
    iq.addChild(query);
    return iq;
}

xmpp::XmlElement GroupStanzaCodec::subject(const QString &room, const QString &text)
{
    xmpp::XmlElement m(QStringLiteral("message"), Client);
    m.setAttribute(QStringLiteral("to"), room);
    m.setAttribute(QStringLiteral("type"), QStringLiteral("groupchat"));
    xmpp::XmlElement subject(QStringLiteral("subject"), Client);
    subject.setText(text);
    m.addChild(subject);
    return m;
}

xmpp::XmlElement GroupStanzaCodec::setAffiliation(const QString &room, const QString &bareJid,
                                                  const QString &affiliation)
{
    auto iq = iqTo(room, QStringLiteral("set"));
    xmpp::XmlElement query(QStringLiteral("query"), MucAdmin);
    xmpp::XmlElement item(QStringLiteral("item"), MucAdmin);
    item.setAttribute(QStringLiteral("jid"), bareJid);
    item.setAttribute(QStringLiteral("affiliation"), affiliation);
    query.addChild(item);
    iq.addChild(query);
    return iq;
}

xmpp::XmlElement GroupStanzaCodec::affiliations(const QString &room, const QString &affiliation)
{
    auto iq = iqTo(room, QStringLiteral("get"));
    xmpp::XmlElement query(QStringLiteral("query"), MucAdmin);
    xmpp::XmlElement item(QStringLiteral("item"), MucAdmin);
    item.setAttribute(QStringLiteral("affiliation"), affiliation);
    query.addChild(item);
    iq.addChild(query);
    return iq;
}

xmpp::XmlElement GroupStanzaCodec::discoInfo(const QString &room)
{
    auto iq = iqTo(room, QStringLiteral("get"));
    iq.addChild(xmpp::XmlElement(QStringLiteral("query"), DiscoInfo));
    return iq;
}

QString GroupStanzaCodec::nameFromDiscoInfo(const xmpp::XmlElement &result)
{
    const auto query = result.firstChild(QStringLiteral("query"), DiscoInfo);
    for (const auto &child : query.children())
        if (child.name() == QLatin1String("identity") &&
            child.attribute(QStringLiteral("category")) == QLatin1String("conference"))
            return child.attribute(QStringLiteral("name")).left(MaxNameLength);
    return {};
}

QStringList GroupStanzaCodec::jidsFromAffiliations(const xmpp::XmlElement &result)
{
    QStringList jids;
    const auto query = result.firstChild(QStringLiteral("query"), MucAdmin);
    for (const auto &child : query.children()) {
        if (child.name() != QLatin1String("item"))
            continue;
        if (const auto jid = xmpp::Jid::parse(child.attribute(QStringLiteral("jid"))))
            jids.append(jid->bare().toString());
    }
    return jids;
}

} // namespace imp::chat::groups
