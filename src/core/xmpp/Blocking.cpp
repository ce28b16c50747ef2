#include "xmpp/Blocking.h"

#include "xmpp/Namespaces.h"

#include <algorithm>

namespace imp::xmpp {

namespace {

QString effectiveNs(const XmlElement &e, const QString &parentNs)
{
    return e.namespaceUri().isEmpty() ? parentNs : e.namespaceUri();
}

XmlElement iqWith(const QString &type, XmlElement child)
{
    XmlElement iq(QStringLiteral("iq"), ns::Client);
    iq.setAttribute(QStringLiteral("type"), type);
    iq.addChild(std::move(child));
    return iq;
}

XmlElement item(const Jid &jid)
{
    XmlElement e(QStringLiteral("item"), ns::Blocking);
    e.setAttribute(QStringLiteral("jid"), jid.toString());
    return e;
}

XmlElement command(const QString &name, const QList<Jid> &jids)
{
    XmlElement e(name, ns::Blocking);
    for (const Jid &j : jids)
        e.addChild(item(j));
    return e;
}

// The blocking-namespace child `name` of an IQ of the given type, or nullptr.
const XmlElement *payload(const XmlElement &iq, const QString &type, const QString &name)
{
    const QString iqNs = effectiveNs(iq, ns::Client);
    if (iq.name() != QLatin1String("iq") || iqNs != ns::Client ||
        iq.attribute(QStringLiteral("type")) != type)
        return nullptr;
    for (const auto &c : iq.children())
        if (c.name() == name && effectiveNs(c, iqNs) == ns::Blocking)
            return &c;
    return nullptr;
}

// The valid item JIDs of a <blocklist/>, <block/> or <unblock/>; nullopt over the limit.
// XEP-0191 allows any JID (domain, bare or full).
std::optional<QList<Jid>> itemJids(const XmlElement &list)
{
    QList<Jid> out;
    qsizetype count = 0;
    for (const auto &c : list.children()) {
        if (c.name() != QLatin1String("item") || effectiveNs(c, ns::Blocking) != ns::Blocking)
            continue;
        if (++count > Blocking::kMaxItems)
            return std::nullopt;
        if (const auto jid = Jid::parse(c.attribute(QStringLiteral("jid"))))
            out.append(*jid);
    }
    return out;
}

} // namespace

XmlElement Blocking::listIq()
{
    return iqWith(QStringLiteral("get"), XmlElement(QStringLiteral("blocklist"), ns::Blocking));
}

XmlElement Blocking::blockIq(const QList<Jid> &jids)
{
    return iqWith(QStringLiteral("set"), command(QStringLiteral("block"), jids));
}

XmlElement Blocking::unblockIq(const QList<Jid> &jids)
{
    return iqWith(QStringLiteral("set"), command(QStringLiteral("unblock"), jids));
}

XmlElement Blocking::reportIq(const Jid &jid, Reason reason, const QString &text,
                              const QStringList &stanzaIds, const Jid &archiveOwner)
{
    XmlElement report(QStringLiteral("report"), ns::Reporting);
    report.setAttribute(QStringLiteral("reason"), reason == Reason::Spam
                                                      ? QStringLiteral("urn:xmpp:reporting:spam")
                                                      : QStringLiteral("urn:xmpp:reporting:abuse"));
    for (const QString &id : stanzaIds) {
        if (id.isEmpty())
            continue;
        XmlElement sid(QStringLiteral("stanza-id"), ns::Sid);
        if (!archiveOwner.isEmpty())
            sid.setAttribute(QStringLiteral("by"), archiveOwner.bare().toString());
        sid.setAttribute(QStringLiteral("id"), id);
        report.addChild(sid);
    }
    if (!text.isEmpty()) {
        QString cut = text.left(kMaxReportTextChars);
        if (cut.size() < text.size() && cut.back().isHighSurrogate())
            cut.chop(1);
        report.addChild(XmlElement(QStringLiteral("text"), ns::Reporting).setText(cut));
    }
    XmlElement blocked = item(jid);
    blocked.addChild(report);
    XmlElement block(QStringLiteral("block"), ns::Blocking);
    block.addChild(blocked);
    return iqWith(QStringLiteral("set"), block);
}

std::optional<QList<Jid>> Blocking::listFromResult(const XmlElement &iqResult)
{
    const XmlElement *list =
        payload(iqResult, QStringLiteral("result"), QStringLiteral("blocklist"));
    if (!list)
        return std::nullopt;
    return itemJids(*list);
}

std::optional<Blocking::Push> Blocking::pushFromIq(const XmlElement &iqSet, const Jid &ownBare)
{
    const QString from = iqSet.attribute(QStringLiteral("from"));
    if (!from.isEmpty()) {
        const auto jid = Jid::parse(from);
        if (!jid || ownBare.isEmpty() || !(*jid == ownBare.bare()))
            return std::nullopt;
    }
    Push push;
    const XmlElement *cmd = payload(iqSet, QStringLiteral("set"), QStringLiteral("block"));
    if (!cmd) {
        cmd = payload(iqSet, QStringLiteral("set"), QStringLiteral("unblock"));
        push.blocked = false;
    }
    if (!cmd)
        return std::nullopt;
    auto jids = itemJids(*cmd);
    if (!jids)
        return std::nullopt;
    push.jids = *jids;
    if (push.blocked && push.jids.isEmpty())
        return std::nullopt; // XEP-0191: a block names at least one JID
    if (!push.blocked && push.jids.isEmpty()) {
        // "Unblock all" only when there were no items at all, not when all were invalid.
        const bool hadItems =
            std::any_of(cmd->children().cbegin(), cmd->children().cend(),
                        [](const XmlElement &c) { return c.name() == QLatin1String("item"); });
        if (hadItems)
            return std::nullopt;
        push.all = true;
    }
    return push;
}

} // namespace imp::xmpp
