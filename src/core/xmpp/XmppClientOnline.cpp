#include "common/Log.h"
#include "xmpp/Namespaces.h"
#include "xmpp/XmppClient.h"

// XmppClient once online: routing inbound stanzas and IQ requests, stream management
// acknowledgements both ways (XEP-0198), ping, CSI, and the sending API. The connection and
// its negotiation are in XmppClient.cpp.
namespace imp::xmpp {

namespace {
XmlElement iqReply(const XmlElement &request, const QString &type)
{
    XmlElement reply(QStringLiteral("iq"));
    reply.setAttribute(QStringLiteral("type"), type);
    reply.setAttribute(QStringLiteral("id"), request.attribute(QStringLiteral("id")));
    const QString from = request.attribute(QStringLiteral("from"));
    if (!from.isEmpty())
        reply.setAttribute(QStringLiteral("to"), from);
    return reply;
}

XmlElement iqError(const XmlElement &request, const QString &errorType, const QString &condition)
{
    XmlElement reply = iqReply(request, QStringLiteral("error"));
    XmlElement error(QStringLiteral("error"));
    error.setAttribute(QStringLiteral("type"), errorType);
    error.addChild(XmlElement(condition, ns::Stanzas));
    reply.addChild(std::move(error));
    return reply;
}
} // namespace

void XmppClient::handleOnline(const XmlElement &stanza)
{
    if (stanza.namespaceUri() == ns::Sm) {
        handleSmNonza(stanza);
        return;
    }
    if (!StreamManagement::isCountedStanza(stanza)) {
        IMP_LOG_DEBUG("xmpp: ignoring top-level element <{}>", stanza.name().toStdString());
        return;
    }
    std::optional<quint64> seq;
    if (m_sm.isEnabled())
        seq = m_sm.onReceived();
    dispatch(stanza, seq);
}

void XmppClient::dispatch(const XmlElement &stanza, std::optional<quint64> seq)
{
    const quint64 epoch = m_epoch;
    m_inDelivery = true;
    m_delivering = seq;
    const QString type = stanza.attribute(QStringLiteral("type"));
    if (stanza.name() == QLatin1String("iq") &&
        (type == QLatin1String("get") || type == QLatin1String("set")))
        handleIqRequest(stanza);
    else if (!m_iq.handle(stanza))
        emit stanzaReceived(stanza);
    if (epoch != m_epoch)
        return;
    m_inDelivery = false;
    m_delivering.reset();
}

void XmppClient::handleIqRequest(const XmlElement &iq)
{
    if (iq.attribute(QStringLiteral("id")).isEmpty()) {
        IMP_LOG_WARN("xmpp: dropping an IQ request without id");
        return;
    }
    if (iq.children().size() != 1) {
        // RFC 6120 8.2.3: exactly one payload.
        writeStanza(iqError(iq, QStringLiteral("modify"), QStringLiteral("bad-request")), false);
        return;
    }
    const QString xmlns = iq.children().first().namespaceUri();
    XmlElement reply;
    const auto it = m_iqHandlers.constFind(xmlns);
    if (it != m_iqHandlers.constEnd()) {
        const quint64 epoch = m_epoch;
        const IqRequestHandler handler = it.value(); // the handler may replace itself
        reply = handler(iq);
        if (epoch != m_epoch)
            return;
        if (reply.isNull())
            reply = iqReply(iq, QStringLiteral("result"));
    } else if (xmlns == ns::Ping) {
        reply = iqReply(iq, QStringLiteral("result"));
    } else {
        reply = iqError(iq, QStringLiteral("cancel"), QStringLiteral("service-unavailable"));
    }
    writeStanza(reply, false);
}

void XmppClient::handleSmNonza(const XmlElement &nonza)
{
    if (!m_sm.isEnabled())
        return;
    if (nonza.name() == QLatin1String("r")) {
        sendAck();
        return;
    }
    if (nonza.name() != QLatin1String("a"))
        return; // a late <enabled/> or the like: nothing to do
    quint32 h = 0;
    if (!StreamManagement::parseH(nonza.attribute(QStringLiteral("h")), h)) {
        failWithStreamError(makeError("xmpp.sm.bad_ack", "malformed <a/>"), true);
        return;
    }
    auto acked = m_sm.onAck(h);
    if (!acked.ok()) {
        IMP_LOG_WARN("xmpp: server acknowledged {} but we sent {}", h, m_sm.outboundCount());
        failWithStreamError(acked.error(), true);
        return;
    }
    if (m_sm.unackedCount() == 0)
        m_unackedTimer.stop();
    emitAcked(*acked);
}

void XmppClient::emitAcked(const QList<StreamManagement::Outbound> &acked)
{
    const quint64 epoch = m_epoch;
    for (const auto &o : acked) {
        if (!o.notify)
            continue;
        emit stanzaAcked(o.stanza);
        if (epoch != m_epoch)
            return;
    }
}

bool XmppClient::writeStanza(const XmlElement &stanza, bool notify)
{
    if (!m_socket)
        return false;
    const bool counted = StreamManagement::isCountedStanza(stanza);
    if (counted && m_sm.isEnabled()) {
        if (m_sm.isFull()) {
            // Not buffering without bound: the link is treated as broken (from the event
            // loop, so that send() never tears the connection down under its caller).
            const quint64 epoch = m_epoch;
            QTimer::singleShot(0, this, [this, epoch] {
                if (epoch == m_epoch)
                    failWithStreamError(
                        makeError("xmpp.sm.queue_full", "too many unacknowledged stanzas"), true);
            });
            return false;
        }
        writeElement(stanza);
        m_sm.onSent(stanza, notify);
        if (!m_ackRequestTimer.isActive())
            m_ackRequestTimer.start();
        return true;
    }
    writeElement(stanza);
    if (counted && notify) {
        // Without SM "written" is all we will ever know.
        const quint64 epoch = m_epoch;
        QTimer::singleShot(0, this, [this, epoch, stanza] {
            if (epoch == m_epoch)
                emit stanzaAcked(stanza);
        });
    }
    return true;
}

void XmppClient::sendAck()
{
    if (!m_socket || !m_sm.isEnabled())
        return;
    XmlElement a(QStringLiteral("a"), ns::Sm);
    a.setAttribute(QStringLiteral("h"), QString::number(m_sm.reportH()));
    writeElement(a);
    // A deferral held h back: send a fresh <a/> once it is released.
    m_ackedShort = m_sm.deferredCount() > 0;
}

void XmppClient::requestAck()
{
    if (!m_socket || !m_sm.isEnabled() || !std::holds_alternative<OnlinePhase>(m_phase))
        return;
    if (m_sm.unackedCount() == 0) {
        m_unackedTimer.stop();
        return;
    }
    writeElement(XmlElement(QStringLiteral("r"), ns::Sm));
    m_unackedTimer.start();
}

void XmppClient::forgetSmSession()
{
    m_sm.reset();
    m_smJid.clear();
    m_smLostAt.invalidate();
    m_ackedShort = false;
}

bool XmppClient::canResume() const
{
    if (!m_config.streamManagement || !m_sm.isResumable() || m_smJid.isEmpty())
        return false;
    // Past the server's announced lifetime the session is gone; do not even ask.
    const auto max = m_sm.maxResume();
    return max.count() == 0 || !m_smLostAt.isValid() ||
           m_smLostAt.elapsed() <
               std::chrono::duration_cast<std::chrono::milliseconds>(max).count();
}

void XmppClient::syncCsi()
{
    if (m_state != State::Online || !m_socket ||
        !m_streamFeatures.hasChild(QStringLiteral("csi"), ns::Csi))
        return;
    if (m_csiSent == m_clientActive)
        return;
    writeElement(XmlElement(m_clientActive ? QStringLiteral("active") : QStringLiteral("inactive"),
                            ns::Csi));
    m_csiSent = m_clientActive;
}

void XmppClient::restartIdleTimer()
{
    if (m_config.pingInterval.count() > 0 && std::holds_alternative<OnlinePhase>(m_phase))
        m_idleTimer.start(m_config.pingInterval);
}

void XmppClient::sendPing()
{
    if (m_state != State::Online || m_pingOutstanding || m_config.pingInterval.count() <= 0)
        return;
    m_pingOutstanding = true;
    XmlElement iq(QStringLiteral("iq"));
    iq.setAttribute(QStringLiteral("type"), QStringLiteral("get"));
    iq.setAttribute(QStringLiteral("to"), m_config.domain);
    iq.addChild(XmlElement(QStringLiteral("ping"), ns::Ping));
    const quint64 epoch = m_epoch;
    m_internalSend = true;
    m_iq.send(
        iq,
        [this, epoch](Result<XmlElement> reply) {
            if (epoch != m_epoch)
                return; // cancelled with its connection
            m_pingOutstanding = false;
            if (!reply.ok() && reply.error().code == "xmpp.iq_timeout") {
                fail(makeError("net.timeout", "no answer to ping"), true);
                return;
            }
            // Any answer, even an error, proves the link works.
            restartIdleTimer();
        },
        std::max(m_config.pingTimeout, std::chrono::milliseconds(1)));
    m_internalSend = false;
}

void XmppClient::sendIq(const XmlElement &iq, IqTracker::Callback onReply,
                        std::chrono::milliseconds timeout)
{
    if (m_state != State::Online) {
        QTimer::singleShot(0, this, [cb = std::move(onReply)] {
            if (cb)
                cb(makeError("xmpp.not_connected", "not online"));
        });
        return;
    }
    m_iq.send(iq, std::move(onReply), timeout);
}

void XmppClient::sendIq(const XmlElement &iq, const QObject *context, IqTracker::Callback onReply,
                        std::chrono::milliseconds timeout)
{
    sendIq(
        iq,
        [guard = QPointer<const QObject>(context),
         done = std::move(onReply)](Result<XmlElement> reply) {
            if (guard && done)
                done(std::move(reply));
        },
        timeout);
}

bool XmppClient::send(const XmlElement &stanza)
{
    if (m_state != State::Online || !m_socket)
        return false;
    return writeStanza(stanza, true);
}

quint64 XmppClient::deferInbound()
{
    if (!m_inDelivery) {
        IMP_LOG_WARN("xmpp: deferInbound() called outside a stanza handler");
        return 0;
    }
    // Without SM (or for a stanza not counted) the token is valid but holds nothing back.
    return m_sm.defer(m_delivering.value_or(~quint64(0)));
}

void XmppClient::releaseInbound(quint64 token)
{
    if (token == 0)
        return;
    m_sm.release(token);
    if (m_ackedShort && m_state == State::Online && m_sm.isEnabled() &&
        m_sm.inboundH() != m_sm.lastReportedH())
        m_ackSendTimer.start();
}

void XmppClient::setIqRequestHandler(const QString &xmlns, IqRequestHandler handler)
{
    if (handler)
        m_iqHandlers.insert(xmlns, std::move(handler));
    else
        m_iqHandlers.remove(xmlns);
}

void XmppClient::setClientActive(bool active)
{
    m_clientActive = active;
    syncCsi();
}

bool XmppClient::streamManagementEnabled() const
{
    return m_smUsed;
}

const XmlElement &XmppClient::streamFeatures() const
{
    static const XmlElement none;
    return m_state == State::Online ? m_streamFeatures : none;
}

} // namespace imp::xmpp
