#include "xmpp/Roster.h"

#include "xmpp/Namespaces.h"

#include <QSet>
#include <array>

namespace imp::xmpp {

namespace {

using Sub = RosterItem::Subscription;

struct SubName {
    Sub sub;
    const char *name;
};
constexpr std::array<SubName, 5> kSubs{{
    {Sub::None, "none"},
    {Sub::To, "to"},
    {Sub::From, "from"},
    {Sub::Both, "both"},
    {Sub::Remove, "remove"},
}};

QString effectiveNs(const XmlElement &e, const QString &parentNs)
{
    return e.namespaceUri().isEmpty() ? parentNs : e.namespaceUri();
}

XmlElement iqWith(const QString &type, XmlElement query)
{
    XmlElement iq(QStringLiteral("iq"), ns::Client);
    iq.setAttribute(QStringLiteral("type"), type);
    iq.addChild(std::move(query));
    return iq;
}

XmlElement rosterItem(const Jid &jid)
{
    XmlElement item(QStringLiteral("item"), ns::Roster);
    item.setAttribute(QStringLiteral("jid"), jid.bare().toString());
    return item;
}

} // namespace

XmlElement Roster::getIq()
{
    return iqWith(QStringLiteral("get"), XmlElement(QStringLiteral("query"), ns::Roster));
}

XmlElement Roster::setIq(const RosterItem &item)
{
    if (item.subscription == Sub::Remove)
        return removeIq(item.jid);
    // RFC 6121 2.1.2: a client sets neither subscription nor ask; the server owns them.
    XmlElement e = rosterItem(item.jid);
    if (!item.name.isEmpty())
        e.setAttribute(QStringLiteral("name"), item.name);
    QStringList seen;
    for (const QString &g : item.groups) {
        if (g.isEmpty() || seen.contains(g))
            continue; // an empty <group/> is an error for the server, a duplicate too
        seen.append(g);
        e.addChild(XmlElement(QStringLiteral("group"), ns::Roster).setText(g));
    }
    XmlElement query(QStringLiteral("query"), ns::Roster);
    query.addChild(e);
    return iqWith(QStringLiteral("set"), query);
}

XmlElement Roster::removeIq(const Jid &jid)
{
    XmlElement e = rosterItem(jid);
    e.setAttribute(QStringLiteral("subscription"), QStringLiteral("remove"));
    XmlElement query(QStringLiteral("query"), ns::Roster);
    query.addChild(e);
    return iqWith(QStringLiteral("set"), query);
}

std::optional<QList<RosterItem>> Roster::items(const XmlElement &iq)
{
    const QString iqNs = effectiveNs(iq, ns::Client);
    const QString type = iq.attribute(QStringLiteral("type"));
    if (iq.name() != QLatin1String("iq") || iqNs != ns::Client ||
        (type != QLatin1String("result") && type != QLatin1String("set")))
        return std::nullopt;
    const XmlElement *query = nullptr;
    for (const auto &c : iq.children())
        if (c.name() == QLatin1String("query") && effectiveNs(c, iqNs) == ns::Roster)
            query = &c;
    if (!query)
        return std::nullopt;

    QList<RosterItem> out;
    QSet<QString> seen;
    qsizetype count = 0;
    for (const auto &c : query->children()) {
        if (c.name() != QLatin1String("item") || effectiveNs(c, ns::Roster) != ns::Roster)
            continue;
        if (++count > kMaxItems)
            return std::nullopt;
        const auto jid = Jid::parse(c.attribute(QStringLiteral("jid")));
        if (!jid || !jid->isBare())
            continue;
        const QString key = jid->toString();
        if (seen.contains(key))
            continue;
        seen.insert(key);
        RosterItem item;
        item.jid = *jid;
        item.name = c.attribute(QStringLiteral("name"));
        if (item.name.size() > kMaxNameChars)
            item.name.clear();
        const QString sub = c.attribute(QStringLiteral("subscription"));
        for (const auto &s : kSubs) // absent or unknown stays None (RFC 6121 default)
            if (sub == QLatin1String(s.name))
                item.subscription = s.sub;
        item.askSubscribe = c.attribute(QStringLiteral("ask")) == QLatin1String("subscribe");
        for (const auto &g : c.children()) {
            if (g.name() != QLatin1String("group") || effectiveNs(g, ns::Roster) != ns::Roster)
                continue;
            const QString name = g.text().trimmed();
            if (name.isEmpty() || name.size() > kMaxNameChars || item.groups.contains(name))
                continue;
            if (item.groups.size() >= kMaxGroups)
                break;
            item.groups.append(name);
        }
        out.append(item);
    }
    return out;
}

bool Roster::isTrustedPush(const XmlElement &iq, const Jid &ownJid)
{
    const QString from = iq.attribute(QStringLiteral("from"));
    if (from.isEmpty())
        return true;
    const auto jid = Jid::parse(from);
    return jid && !ownJid.isEmpty() && *jid == ownJid.bare();
}

} // namespace imp::xmpp
