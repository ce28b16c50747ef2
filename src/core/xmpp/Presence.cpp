#include "xmpp/Presence.h"

#include "xmpp/Namespaces.h"

#include <algorithm>
#include <array>

namespace imp::xmpp {

namespace {

struct TypeName {
    Presence::Type type;
    const char *name;
};
constexpr std::array<TypeName, 7> kTypes{{
    {Presence::Type::Unavailable, "unavailable"},
    {Presence::Type::Subscribe, "subscribe"},
    {Presence::Type::Subscribed, "subscribed"},
    {Presence::Type::Unsubscribe, "unsubscribe"},
    {Presence::Type::Unsubscribed, "unsubscribed"},
    {Presence::Type::Probe, "probe"},
    {Presence::Type::Error, "error"},
}};

// Cuts to at most `max` UTF-16 units without splitting a surrogate pair.
QString capped(QString text, qsizetype max)
{
    if (text.size() <= max)
        return text;
    qsizetype n = max;
    if (text.at(n - 1).isHighSurrogate())
        --n;
    text.truncate(n);
    return text;
}

XmlElement ofType(Presence::Type type, const Jid &to)
{
    Presence p;
    p.type = type;
    p.to = to.bare();
    return p.toStanza();
}

} // namespace

std::optional<Presence> Presence::fromStanza(const XmlElement &presence)
{
    const QString pns = presence.effectiveNs(ns::Client);
    if (presence.name() != QLatin1String("presence") || pns != ns::Client)
        return std::nullopt;
    Presence p;
    const QString type = presence.attribute(QStringLiteral("type"));
    if (!type.isEmpty()) {
        const auto it = std::find_if(kTypes.begin(), kTypes.end(), [&](const TypeName &t) {
            return type == QLatin1String(t.name);
        });
        if (it == kTypes.end())
            return std::nullopt; // RFC 6121 4.7.1: an unknown type is an error, not "available"
        p.type = it->type;
    }
    for (const auto &[attr, target] :
         {std::pair{QStringLiteral("from"), &p.from}, std::pair{QStringLiteral("to"), &p.to}}) {
        const QString text = presence.attribute(attr);
        if (text.isEmpty())
            continue;
        const auto jid = Jid::parse(text);
        if (!jid)
            return std::nullopt;
        *target = *jid;
    }
    bool untaggedStatus = false;
    bool anyStatus = false;
    for (const auto &c : presence.children()) {
        const QString cns = c.effectiveNs(pns);
        if (cns == ns::Client && c.name() == QLatin1String("status")) {
            // Several statuses differ by xml:lang; the one without a language wins.
            const bool untagged = !c.hasAttribute(QStringLiteral("lang"), ns::Xml);
            if (!untaggedStatus && (untagged || !anyStatus))
                p.status = capped(c.text(), kMaxStatusChars);
            anyStatus = true;
            untaggedStatus = untaggedStatus || untagged;
        } else if (cns == ns::Nick && c.name() == QLatin1String("nick") && p.nickname.isEmpty()) {
            p.nickname = capped(c.text().trimmed(), kMaxNicknameChars);
        } else if (cns == ns::Client && c.name() == QLatin1String("error") &&
                   p.type == Type::Error && p.errorCondition.isEmpty()) {
            for (const auto &cond : c.children()) {
                if (cond.effectiveNs(cns) == ns::Stanzas && cond.name() != QLatin1String("text") &&
                    cond.name().size() <= 64) {
                    p.errorCondition = cond.name();
                    break;
                }
            }
        }
    }
    return p;
}

XmlElement Presence::toStanza() const
{
    XmlElement e(QStringLiteral("presence"), ns::Client);
    for (const auto &t : kTypes)
        if (t.type == type)
            e.setAttribute(QStringLiteral("type"), QString::fromLatin1(t.name));
    if (!from.isEmpty())
        e.setAttribute(QStringLiteral("from"), from.toString());
    if (!to.isEmpty())
        e.setAttribute(QStringLiteral("to"), to.toString());
    if (!status.isEmpty())
        e.addChild(XmlElement(QStringLiteral("status"), ns::Client).setText(status));
    if (!nickname.isEmpty())
        e.addChild(XmlElement(QStringLiteral("nick"), ns::Nick).setText(nickname));
    if (type == Type::Error && !errorCondition.isEmpty()) {
        XmlElement error(QStringLiteral("error"), ns::Client);
        error.setAttribute(QStringLiteral("type"), QStringLiteral("cancel"));
        error.addChild(XmlElement(errorCondition, ns::Stanzas));
        e.addChild(error);
    }
    return e;
}

XmlElement Presence::subscribe(const Jid &to, const QString &greeting, const QString &ownNickname)
{
    Presence p;
    p.type = Type::Subscribe;
    p.to = to.bare();
    p.status = capped(greeting, kMaxStatusChars);
    p.nickname = capped(ownNickname, kMaxNicknameChars);
    return p.toStanza();
}

XmlElement Presence::subscribed(const Jid &to)
{
    return ofType(Type::Subscribed, to);
}

XmlElement Presence::unsubscribe(const Jid &to)
{
    return ofType(Type::Unsubscribe, to);
}

XmlElement Presence::unsubscribed(const Jid &to)
{
    return ofType(Type::Unsubscribed, to);
}

XmlElement Presence::available()
{
    return XmlElement(QStringLiteral("presence"), ns::Client);
}

} // namespace imp::xmpp
