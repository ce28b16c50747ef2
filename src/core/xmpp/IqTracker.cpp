#include "xmpp/IqTracker.h"

#include "common/Log.h"

#include <QUuid>

namespace imp::xmpp {

IqTracker::IqTracker(Sender sender, QObject *parent)
    : QObject(parent)
    , m_sender(std::move(sender))
{}

IqTracker::~IqTracker() = default;

QString IqTracker::send(XmlElement iq, Callback onReply, std::chrono::milliseconds timeout)
{
    // Random ids: a peer cannot guess the id of someone else's request to answer it.
    const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    iq.setAttribute(QStringLiteral("id"), id);
    Pending p;
    p.to = Jid(iq.attribute(QStringLiteral("to")));
    p.onReply = std::move(onReply);
    p.timer = std::make_unique<QTimer>();
    p.timer->setSingleShot(true);
    connect(p.timer.get(), &QTimer::timeout, this,
            [this, id] { finish(id, makeError("xmpp.iq_timeout", "no reply in time")); });
    p.timer->start(timeout);
    m_pending.emplace(id, std::move(p));
    m_sender(iq);
    return id;
}

bool IqTracker::replyFromMatches(const Jid &addressed, const QString &fromText) const
{
    const Jid from(fromText);
    const bool toOwnAccount =
        addressed.isEmpty() || (!m_ownJid.isEmpty() && addressed.bare() == m_ownJid.bare());
    if (toOwnAccount) {
        // RFC 6120 10.3.3: the server answers on behalf of the account; from may be absent.
        if (fromText.isEmpty())
            return true;
        if (!m_ownJid.isEmpty() && (from == m_ownJid.bare() || from == m_ownJid))
            return true;
        if (addressed.isEmpty() && !m_ownJid.isEmpty() && from == Jid(m_ownJid.domain()))
            return true;
        return !addressed.isEmpty() && from == addressed;
    }
    return from == addressed;
}

bool IqTracker::handle(const XmlElement &stanza)
{
    if (stanza.name() != QLatin1String("iq"))
        return false;
    const QString type = stanza.attribute(QStringLiteral("type"));
    if (type != QLatin1String("result") && type != QLatin1String("error"))
        return false;
    const auto it = m_pending.find(stanza.attribute(QStringLiteral("id")));
    if (it == m_pending.end())
        return false;
    if (!replyFromMatches(it->second.to, stanza.attribute(QStringLiteral("from")))) {
        IMP_LOG_WARN("xmpp: ignoring an IQ reply from an entity the request was not sent to");
        return false;
    }
    if (type == QLatin1String("result")) {
        finish(it->first, stanza);
        return true;
    }
    // The defined condition is the first child of <error/> in the stanzas namespace.
    QString condition = QStringLiteral("undefined-condition");
    const XmlElement err = stanza.firstChild(QStringLiteral("error"));
    for (const auto &c : err.children()) {
        if (c.namespaceUri() == QLatin1String("urn:ietf:params:xml:ns:xmpp-stanzas") &&
            c.name() != QLatin1String("text")) {
            condition = c.name();
            break;
        }
    }
    finish(it->first, makeError("xmpp.iq." + condition.toStdString(), "IQ error reply"));
    return true;
}

void IqTracker::finish(const QString &id, Result<XmlElement> result)
{
    auto node = m_pending.extract(id);
    if (node.empty())
        return;
    node.mapped().timer->stop();
    // The callback may send new IQs (or clear us); it runs after we are consistent again.
    if (node.mapped().onReply)
        node.mapped().onReply(std::move(result));
}

void IqTracker::cancelAll(const std::string &code)
{
    auto pending = std::move(m_pending);
    m_pending.clear();
    for (auto &[id, p] : pending) {
        p.timer->stop();
        if (p.onReply)
            p.onReply(makeError(code, "stream closed before the reply"));
    }
}

} // namespace imp::xmpp
