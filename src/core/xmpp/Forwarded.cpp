#include "xmpp/Forwarded.h"

#include "xmpp/Namespaces.h"

namespace imp::xmpp {

namespace {

constexpr qsizetype kMaxStampChars = 64;

bool isMessage(const XmlElement &e, const QString &parentNs)
{
    return e.name() == QLatin1String("message") && e.effectiveNs(parentNs) == ns::Client;
}

// The envelope kind of a direct child of a message, or Live when it is none.
Forwarded::Origin envelopeOf(const XmlElement &child, const QString &parentNs)
{
    const QString cns = child.effectiveNs(parentNs);
    if (cns == ns::Carbons && child.name() == QLatin1String("received"))
        return Forwarded::Origin::CarbonReceived;
    if (cns == ns::Carbons && child.name() == QLatin1String("sent"))
        return Forwarded::Origin::CarbonSent;
    if (cns == ns::Mam && child.name() == QLatin1String("result"))
        return Forwarded::Origin::Archive;
    return Forwarded::Origin::Live;
}

QDateTime parseStamp(const QString &text)
{
    if (text.isEmpty() || text.size() > kMaxStampChars)
        return {};
    QDateTime t = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!t.isValid())
        return {};
    if (t.timeSpec() == Qt::LocalTime) // no zone designator: XEP-0082 times are UTC
        t = QDateTime(t.date(), t.time(), Qt::UTC);
    return t.toUTC();
}

} // namespace

std::optional<Forwarded> Forwarded::unwrap(const XmlElement &message, const Jid &ownBare)
{
    if (!isMessage(message, ns::Client))
        return std::nullopt;
    const QString msgNs = message.effectiveNs(ns::Client);

    const XmlElement *envelope = nullptr;
    Origin origin = Origin::Live;
    for (const auto &c : message.children()) {
        const Origin o = envelopeOf(c, msgNs);
        if (o == Origin::Live)
            continue;
        if (envelope)
            return std::nullopt; // two envelopes: which one would be true?
        envelope = &c;
        origin = o;
    }
    if (!envelope) {
        Forwarded live;
        live.message = message;
        return live;
    }

    // Only our own server, on behalf of our account, may hand us carbons or archive results.
    const QString from = message.attribute(QStringLiteral("from"));
    if (!from.isEmpty()) {
        const auto jid = Jid::parse(from);
        if (!jid || ownBare.isEmpty() || !(*jid == ownBare.bare()))
            return std::nullopt;
    }

    const QString envNs = envelope->effectiveNs(msgNs);
    const XmlElement *forwarded = nullptr;
    for (const auto &c : envelope->children()) {
        if (c.name() == QLatin1String("forwarded") && c.effectiveNs(envNs) == ns::Forward) {
            if (forwarded)
                return std::nullopt;
            forwarded = &c;
        }
    }
    if (!forwarded)
        return std::nullopt;

    Forwarded out;
    out.origin = origin;
    const QString fwdNs = forwarded->effectiveNs(envNs);
    bool haveMessage = false;
    for (const auto &c : forwarded->children()) {
        const QString cns = c.effectiveNs(fwdNs);
        if (c.name() == QLatin1String("forwarded") && cns == ns::Forward)
            return std::nullopt; // forwarded directly in forwarded
        if (isMessage(c, fwdNs)) {
            if (haveMessage)
                return std::nullopt;
            haveMessage = true;
            out.message = c; // must say xmlns='jabber:client' itself (XEP-0297)
        } else if (c.name() == QLatin1String("delay") && cns == ns::Delay && !out.stamp.isValid()) {
            out.stamp = parseStamp(c.attribute(QStringLiteral("stamp")));
        }
    }
    if (!haveMessage)
        return std::nullopt;
    // A carbon of a carbon, an archived carbon or a forward inside the envelope is never what
    // a server produces: someone is trying to smuggle a message past the `from` check.
    for (const auto &c : out.message.children()) {
        const QString cns = c.effectiveNs(ns::Client);
        if (envelopeOf(c, ns::Client) != Origin::Live ||
            (c.name() == QLatin1String("forwarded") && cns == ns::Forward))
            return std::nullopt;
    }

    if (origin == Origin::Archive) {
        out.archiveId = envelope->attribute(QStringLiteral("id"));
        out.queryId = envelope->attribute(QStringLiteral("queryid"));
        if (out.archiveId.isEmpty() || out.archiveId.size() > kMaxIdChars ||
            out.queryId.size() > kMaxIdChars)
            return std::nullopt;
    }
    return out;
}

} // namespace imp::xmpp
