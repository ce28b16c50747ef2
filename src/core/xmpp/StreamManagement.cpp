#include "xmpp/StreamManagement.h"

#include "xmpp/PhaseStep.h"

namespace imp::xmpp {

bool StreamManagement::isCountedStanza(const XmlElement &e)
{
    if (!e.namespaceUri().isEmpty() && e.namespaceUri() != ns::Client)
        return false;
    return e.name() == QLatin1String("message") || e.name() == QLatin1String("presence") ||
           e.name() == QLatin1String("iq");
}

bool StreamManagement::parseH(const QString &text, quint32 &h)
{
    // Digits only: toULongLong would also take "+5" or " 5".
    if (text.isEmpty() || text.size() > 10)
        return false;
    for (const QChar c : text) {
        if (c < QLatin1Char('0') || c > QLatin1Char('9'))
            return false;
    }
    const qulonglong v = text.toULongLong();
    if (v > 0xFFFFFFFFull)
        return false;
    h = static_cast<quint32>(v);
    return true;
}

void StreamManagement::enable(const QString &id, bool resumable, std::chrono::seconds maxResume)
{
    reset();
    m_enabled = true;
    m_resumable = resumable;
    m_id = id;
    m_maxResume = maxResume;
}

void StreamManagement::reset()
{
    m_enabled = false;
    m_resumable = false;
    m_id.clear();
    m_maxResume = std::chrono::seconds(0);
    m_outAcked = 0;
    m_unacked.clear();
    m_received = 0;
    m_floor = 0;
    m_deferred.clear();
    m_bySeq.clear();
    // m_nextToken is never reset: tokens of an old session must stay unmatchable.
}

void StreamManagement::startCountersAt(quint32 outboundAcked, quint64 inboundHandled)
{
    enable(QStringLiteral("test"), true, std::chrono::seconds(300));
    m_outAcked = outboundAcked;
    m_received = inboundHandled;
    m_floor = inboundHandled;
}

void StreamManagement::onSent(XmlElement stanza, bool notify)
{
    m_unacked.push_back(Outbound{std::move(stanza), notify});
}

quint32 StreamManagement::outboundCount() const
{
    return m_outAcked + static_cast<quint32>(m_unacked.size()); // wraps mod 2^32 by design
}

Result<QList<StreamManagement::Outbound>> StreamManagement::onAck(quint32 h)
{
    // Distance from the last acknowledged count, mod 2^32. A stale (smaller) h wraps to a huge
    // distance and is refused like an h beyond what we sent.
    const quint32 newly = h - m_outAcked;
    if (newly > m_unacked.size())
        return makeError("xmpp.sm.bad_ack", "server acknowledged more stanzas than were sent");
    QList<Outbound> acked;
    acked.reserve(static_cast<qsizetype>(newly));
    for (quint32 i = 0; i < newly; ++i) {
        acked.append(std::move(m_unacked.front()));
        m_unacked.pop_front();
    }
    m_outAcked = h;
    return acked;
}

QList<XmlElement> StreamManagement::unacked() const
{
    QList<XmlElement> out;
    out.reserve(static_cast<qsizetype>(m_unacked.size()));
    for (const auto &o : m_unacked)
        out.append(o.stanza);
    return out;
}

quint64 StreamManagement::onReceived()
{
    return m_received++;
}

quint64 StreamManagement::defer(quint64 seq)
{
    const quint64 token = m_nextToken++;
    // Only a stanza of this session that is not yet counted as handled can be held back.
    if (seq < m_received && seq >= m_floor) {
        m_deferred.emplace(token, seq);
        m_bySeq.emplace(seq, token);
    }
    return token;
}

void StreamManagement::release(quint64 token)
{
    const auto it = m_deferred.find(token);
    if (it == m_deferred.end())
        return;
    m_bySeq.erase({it->second, token});
    m_deferred.erase(it);
}

quint32 StreamManagement::reportH()
{
    m_floor = handled();
    return static_cast<quint32>(m_floor);
}

quint64 StreamManagement::handled() const
{
    return m_bySeq.empty() ? m_received : m_bySeq.begin()->first;
}

void StreamManagement::connectionLost()
{
    m_received = handled();
    m_floor = m_received;
    m_deferred.clear();
    m_bySeq.clear();
}

Result<QList<StreamManagement::Outbound>> StreamManagement::onResumed(quint32 h)
{
    connectionLost(); // idempotent: the client calls it when the old connection died
    return onAck(h);
}

} // namespace imp::xmpp
