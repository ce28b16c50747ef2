#include "xmpp/XmppClient.h"

#include "common/Log.h"
#include "xmpp/Namespaces.h"
#include "xmpp/TlsFailure.h"

#include <QSslCipher>
#include <QSslConfiguration>

namespace imp::xmpp {

namespace {
template <class... Ts> struct Overloaded : Ts... {
    using Ts::operator()...;
};
template <class... Ts> Overloaded(Ts...) -> Overloaded<Ts...>; // clang 14 needs the guide

// Ask again for an ack while stanzas stay unacknowledged this long.
constexpr auto kUnackedRequestInterval = std::chrono::seconds(5);
// Stanzas the server may send between bind and <enabled/> (normally none).
constexpr qsizetype kMaxEarlyStanzas = 100;

bool isFeatures(const XmlElement &e)
{
    return e.name() == QLatin1String("features") && e.namespaceUri() == kStreamNamespace;
}

} // namespace

XmppClient::XmppClient(QObject *parent)
    : StanzaChannel(parent)
    , m_iq([this](const XmlElement &iq) { writeStanza(iq, !m_internalSend); })
{
    m_connectTimer.setSingleShot(true);
    m_negotiationTimer.setSingleShot(true);
    m_reconnectTimer.setSingleShot(true);
    m_ackRequestTimer.setSingleShot(true);
    m_ackRequestTimer.setInterval(0);
    m_unackedTimer.setSingleShot(true);
    m_unackedTimer.setInterval(kUnackedRequestInterval);
    m_ackSendTimer.setSingleShot(true);
    m_ackSendTimer.setInterval(0);
    m_idleTimer.setSingleShot(true);
    m_stanzaTimer.setSingleShot(true);
    connect(&m_ackRequestTimer, &QTimer::timeout, this, &XmppClient::requestAck);
    connect(&m_unackedTimer, &QTimer::timeout, this, &XmppClient::requestAck);
    connect(&m_ackSendTimer, &QTimer::timeout, this, [this] {
        if (m_state == State::Online && m_sm.isEnabled() && m_sm.inboundH() != m_sm.lastReportedH())
            sendAck();
    });
    connect(&m_idleTimer, &QTimer::timeout, this, &XmppClient::sendPing);
    connect(&m_stanzaTimer, &QTimer::timeout, this, [this] {
        failWithStreamError(makeError("xmpp.stanza_timeout", "a stanza did not end in time"), true);
    });
    connect(&m_connectTimer, &QTimer::timeout, this, &XmppClient::onConnectTimeout);
    connect(&m_negotiationTimer, &QTimer::timeout, this,
            [this] { fail(makeError("net.timeout", "negotiation took too long"), true); });
    connect(&m_reconnectTimer, &QTimer::timeout, this, &XmppClient::startAttempt);
}

XmppClient::~XmppClient()
{
    m_wanted = false;
    teardownSocket();
    m_iq.cancelAll();
}

void XmppClient::connectToServer(const ConnectionConfig &config)
{
    m_config = config;
    if (m_config.host.isEmpty())
        m_config.host = m_config.domain;
    m_wanted = true;
    m_signedOutReason.clear();
    m_lastError.clear();
    m_backoff.reset();
    m_reconnectTimer.stop();
    startAttempt();
}

void XmppClient::disconnectFromServer()
{
    m_wanted = false;
    m_reconnectTimer.stop();
    if (m_socket && m_socket->isEncrypted()) {
        // Tell the server what we handled so that it does not treat those stanzas as lost;
        // closing the stream then ends the SM session (it is not resumed next time).
        if (std::holds_alternative<OnlinePhase>(m_phase) && m_sm.isEnabled())
            sendAck();
        m_socket->write("</stream:stream>");
    }
    if (m_socket)
        m_socket->flush();
    teardownSocket();
    m_iq.cancelAll();
    forgetSmSession();
    m_boundJid.clear();
    m_streamFeatures = XmlElement();
    if (m_state != State::SignedOut)
        setState(State::Offline);
}

void XmppClient::startAttempt()
{
    if (!m_wanted)
        return;
    teardownSocket();
    m_boundJid.clear();
    m_streamFeatures = XmlElement();
    setState(State::Connecting);
    m_negotiationTimer.start(m_config.negotiationTimeout);
    if (m_config.directTlsPort != 0)
        openSocket(Transport::DirectTls);
    else if (m_config.startTlsPort != 0)
        openSocket(Transport::StartTls);
    else
        fail(makeError("net.no_port", "no port configured"), false);
}

void XmppClient::openSocket(Transport transport)
{
    teardownSocket();
    m_transport = transport;
    m_tcpConnected = false;
    m_tlsError.clear();
    m_parser.reset();

    auto *socket = new QSslSocket(this);
    m_socket = socket;
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setProtocol(QSsl::TlsV1_2OrLater);
    tls.setPeerVerifyMode(QSslSocket::VerifyPeer);
    if (!m_config.caFile.isEmpty()) {
        // Only this CA: setCaCertificates also turns off on-demand loading of system roots.
        const auto cas = QSslCertificate::fromPath(m_config.caFile, QSsl::Pem);
        if (cas.isEmpty()) {
            fail(makeError("tls.ca_file_unreadable", "CA file has no certificate"), false);
            return;
        }
        tls.setCaCertificates(cas);
    } else {
        tls.setCaCertificates(QSslConfiguration::systemCaCertificates());
    }
    socket->setSslConfiguration(tls);
    socket->setPeerVerifyName(m_config.domain);
    socket->setReadBufferSize(64 * 1024);

    connect(socket, &QSslSocket::connected, this, &XmppClient::onConnected);
    connect(socket, &QSslSocket::encrypted, this, &XmppClient::onEncrypted);
    connect(socket, &QSslSocket::errorOccurred, this, &XmppClient::onSocketError);
    connect(socket, &QSslSocket::readyRead, this, &XmppClient::onReadyRead);
    connect(socket, &QSslSocket::sslErrors, this, [this](const QList<QSslError> &errors) {
        // Never ignored: the handshake aborts; remember why for the reason code.
        m_tlsError = classifyTlsErrors(errors);
    });
    connect(socket, &QSslSocket::disconnected, this,
            [this] { fail(makeError("net.closed", "server closed the connection"), true); });

    m_connectTimer.start(m_config.connectTimeout);
    if (transport == Transport::DirectTls)
        socket->connectToHostEncrypted(m_config.host, m_config.directTlsPort, m_config.domain);
    else
        socket->connectToHost(m_config.host, m_config.startTlsPort);
}

void XmppClient::teardownSocket()
{
    ++m_epoch;
    m_connectTimer.stop();
    if (std::holds_alternative<OnlinePhase>(m_phase) && m_sm.isResumable())
        m_smLostAt.start(); // the server keeps the session for `max` seconds from about now
    if (m_sm.isEnabled())
        m_sm.connectionLost();
    m_phase = std::monostate{};
    m_ackRequestTimer.stop();
    m_unackedTimer.stop();
    m_ackSendTimer.stop();
    m_idleTimer.stop();
    m_stanzaTimer.stop();
    m_onlineSince.invalidate();
    m_pingOutstanding = false;
    m_ackedShort = false;
    m_early.clear();
    m_inDelivery = false;
    m_delivering.reset();
    if (!m_socket)
        return;
    QSslSocket *socket = m_socket;
    m_socket = nullptr;
    socket->disconnect(this);
    socket->abort();
    socket->deleteLater();
}

void XmppClient::openStream()
{
    ++m_epoch;
    m_parser.reset();
    const QString header = QStringLiteral("<?xml version='1.0'?><stream:stream to='") +
                           escapeXmlAttribute(m_config.domain) +
                           QStringLiteral("' version='1.0' xml:lang='en' xmlns='jabber:client' "
                                          "xmlns:stream='http://etherx.jabber.org/streams'>");
    m_socket->write(header.toUtf8());
}

void XmppClient::writeElement(const XmlElement &e)
{
    if (m_socket)
        m_socket->write(e.toXml(ns::Client).toUtf8());
}

void XmppClient::onConnected()
{
    m_tcpConnected = true;
    m_connectTimer.stop();
    // Stanzas and XEP-0198 <r/>/<a/> are small writes: under Nagle each waited for the peer's
    // delayed ACK (about 40 ms on Linux). QSslSocket passes this to its TCP socket, which
    // exists only from here on (set earlier, it would be dropped).
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    if (m_transport == Transport::StartTls) {
        openStream();
        m_phase = StartTlsPhase{};
    }
}

void XmppClient::onEncrypted()
{
    const auto cipher = m_socket->sessionCipher();
    IMP_LOG_INFO("xmpp: TLS established ({}, {})",
                 m_transport == Transport::DirectTls ? "direct TLS" : "STARTTLS",
                 cipher.name().toStdString());
    openStream();
    m_phase.emplace<SaslPhase>(m_config.username, m_config.password);
}

void XmppClient::onConnectTimeout()
{
    if (m_transport == Transport::DirectTls && m_config.startTlsPort != 0) {
        IMP_LOG_INFO("xmpp: direct TLS did not connect in time; trying STARTTLS");
        openSocket(Transport::StartTls);
        return;
    }
    fail(makeError("net.timeout", "connect timed out"), true);
}

void XmppClient::onSocketError(QAbstractSocket::SocketError error)
{
    // Direct TLS that cannot even reach the port falls back to STARTTLS. Once a TCP
    // connection exists, a TLS failure is a verdict about the server and is not retried.
    if (m_transport == Transport::DirectTls && !m_tcpConnected && m_config.startTlsPort != 0) {
        IMP_LOG_INFO("xmpp: direct TLS unreachable ({}); trying STARTTLS", static_cast<int>(error));
        openSocket(Transport::StartTls);
        return;
    }
    if (!m_tlsError.empty()) {
        fail(makeError(m_tlsError, "certificate verification failed"), false);
        return;
    }
    switch (error) {
    case QAbstractSocket::SslHandshakeFailedError:
    case QAbstractSocket::SslInternalError:
    case QAbstractSocket::SslInvalidUserDataError:
        fail(makeError("tls.failed", "TLS handshake failed"), false);
        return;
    case QAbstractSocket::ConnectionRefusedError:
        fail(makeError("net.connection_refused", "connection refused"), true);
        return;
    case QAbstractSocket::HostNotFoundError:
        fail(makeError("net.host_not_found", "host not found"), true);
        return;
    case QAbstractSocket::SocketTimeoutError:
        fail(makeError("net.timeout", "socket timeout"), true);
        return;
    default:
        // A connection that merely dies during the handshake (no alert, no certificate
        // verdict) is a network failure: retried, and still never without TLS. Treating it as
        // final would leave a phone on a flaky network offline until the app restarts.
        if (m_socket && m_socket->mode() != QSslSocket::UnencryptedMode &&
            !m_socket->isEncrypted()) {
            fail(makeError("net.closed", "connection lost during the TLS handshake"), true);
            return;
        }
        fail(makeError("net.closed", "connection lost"), true);
        return;
    }
}

void XmppClient::onReadyRead()
{
    if (!m_socket)
        return;
    const QByteArray data = m_socket->readAll();
    const quint64 epoch = m_epoch;
    if (std::holds_alternative<OnlinePhase>(m_phase))
        restartIdleTimer(); // anything from the server proves the link is alive
    for (auto &event : m_parser.feed(data)) {
        // A restart or teardown while handling an event invalidates the rest of this batch:
        // bytes after <proceed/> or <success/> must not be read as part of the new stream.
        if (epoch != m_epoch)
            return;
        std::visit(Overloaded{
                       [](XmlStreamParser::StreamOpened &) {},
                       [this](XmlStreamParser::StanzaReceived &s) { handleStanza(s.stanza); },
                       [this](XmlStreamParser::StreamClosed &) {
                           fail(makeError("net.closed", "server closed the stream"), true);
                       },
                       [this](XmlStreamParser::StreamFailed &f) {
                           IMP_LOG_WARN("xmpp: bad input from server: {}", f.error.code);
                           fail(f.error, true);
                       },
                   },
                   event);
    }
    if (epoch != m_epoch || !std::holds_alternative<OnlinePhase>(m_phase) ||
        m_config.stanzaTimeout.count() <= 0)
        return;
    // The deadline runs from the first byte of a stanza, not from the last one received.
    if (!m_parser.midStanza())
        m_stanzaTimer.stop();
    else if (!m_stanzaTimer.isActive())
        m_stanzaTimer.start(m_config.stanzaTimeout);
}

void XmppClient::handleStanza(const XmlElement &stanza)
{
    if (stanza.name() == QLatin1String("error") && stanza.namespaceUri() == kStreamNamespace) {
        handleStreamError(stanza);
        return;
    }
    if (std::holds_alternative<OnlinePhase>(m_phase)) {
        handleOnline(stanza);
        return;
    }
    if (std::holds_alternative<BindPhase>(m_phase) && isFeatures(stanza) &&
        m_streamFeatures.isNull()) {
        // The post-authentication features: resume the old session instead of binding when
        // we can; otherwise the old session (if any) is gone.
        m_streamFeatures = stanza;
        if (canResume() && stanza.hasChild(QStringLiteral("sm"), ns::Sm)) {
            m_phase = SmPhase::resume(m_sm.id(), m_sm.reportH());
            apply(std::get<SmPhase>(m_phase).start());
            return;
        }
        if (m_sm.isEnabled()) {
            IMP_LOG_INFO("xmpp: previous stream management session cannot be resumed");
            forgetSmSession();
        }
    }
    if (std::holds_alternative<SmPhase>(m_phase) && StreamManagement::isCountedStanza(stanza)) {
        // Sent before <enabled/>, so not counted by the server: delivered once online.
        if (m_early.size() >= kMaxEarlyStanzas) {
            fail(makeError("xmpp.unexpected", "too many stanzas before stream management"), true);
            return;
        }
        m_early.append(stanza);
        return;
    }
    PhaseStep step = std::visit(Overloaded{
                                    [](std::monostate) {
                                        return PhaseStep::failure("xmpp.unexpected",
                                                                  "stanza before negotiation");
                                    },
                                    [](OnlinePhase) { return PhaseStep{}; },
                                    [&](auto &phase) { return phase.handle(stanza); },
                                },
                                m_phase);
    apply(std::move(step));
}

void XmppClient::handleStreamError(const XmlElement &error)
{
    QString condition = QStringLiteral("undefined-condition");
    for (const auto &c : error.children()) {
        if (c.namespaceUri() == ns::Streams && c.name() != QLatin1String("text")) {
            condition = c.name();
            break;
        }
    }
    const QString text = error.firstChild(QStringLiteral("text"), ns::Streams).text();
    IMP_LOG_WARN("xmpp: stream error from server: {}", condition.toStdString());
    // The server marks a sign-out by re-binding with its own element (the text is a fallback
    // for servers without it). A bare <conflict/> (say, imptech-cli on the same profile) is
    // retried with backoff rather than treated as a permanent sign-out.
    if (error.hasChild(QStringLiteral("signed-out"), QStringLiteral("urn:imptech:account:0")) ||
        text.contains(QLatin1String("signed in on another device"), Qt::CaseInsensitive)) {
        signOut(QStringLiteral("xmpp.signed_out"), text);
        return;
    }
    if (condition == QLatin1String("not-authorized")) {
        fail(makeError("auth.failed", "stream error not-authorized"), false);
        return;
    }
    fail(makeError("xmpp.stream_error." + condition.toStdString(), "stream error"), true);
}

void XmppClient::apply(PhaseStep step)
{
    for (const auto &e : step.send)
        writeElement(e);
    switch (step.kind) {
    case PhaseStep::Kind::Continue:
        return;
    case PhaseStep::Kind::StartTls:
        ++m_epoch; // plaintext after <proceed/> is dropped, never parsed
        m_parser.reset();
        m_phase = std::monostate{};
        m_socket->startClientEncryption();
        return;
    case PhaseStep::Kind::RestartStream:
        openStream();
        m_streamFeatures = XmlElement();
        m_phase.emplace<BindPhase>(m_config.resource,
                                   Jid(m_config.username + QLatin1Char('@') + m_config.domain));
        return;
    case PhaseStep::Kind::Online:
        m_boundJid = step.boundJid;
        if (m_config.streamManagement && m_streamFeatures.hasChild(QStringLiteral("sm"), ns::Sm)) {
            m_phase = SmPhase::enable();
            apply(std::get<SmPhase>(m_phase).start());
            return;
        }
        goOnline(false);
        return;
    case PhaseStep::Kind::SmEnabled:
        m_sm.enable(step.smId, step.smResumable, step.smMax);
        m_smJid = m_boundJid;
        IMP_LOG_INFO("xmpp: stream management enabled (resumable: {}, max {} s)", step.smResumable,
                     step.smMax.count());
        goOnline(false);
        return;
    case PhaseStep::Kind::SmFailed: {
        const bool wasResume =
            std::holds_alternative<SmPhase>(m_phase) && std::get<SmPhase>(m_phase).isResume();
        if (!wasResume) {
            IMP_LOG_INFO("xmpp: server refused stream management");
            forgetSmSession();
            goOnline(false);
            return;
        }
        IMP_LOG_INFO("xmpp: resumption refused; starting a fresh session");
        // The server may still say how much of the old session it received: those stanzas
        // are acknowledged, not resent. The rest is the caller's to resend.
        if (step.smH) {
            const quint64 epoch = m_epoch;
            auto acked = m_sm.onAck(*step.smH);
            if (acked.ok())
                emitAcked(*acked);
            if (epoch != m_epoch)
                return;
        }
        forgetSmSession();
        m_phase.emplace<BindPhase>(m_config.resource,
                                   Jid(m_config.username + QLatin1Char('@') + m_config.domain));
        apply(std::get<BindPhase>(m_phase).handle(m_streamFeatures));
        return;
    }
    case PhaseStep::Kind::SmResumed: {
        auto acked = m_sm.onResumed(step.smH.value_or(0));
        if (!acked.ok()) {
            failWithStreamError(acked.error(), true);
            return;
        }
        const quint64 epoch = m_epoch;
        emitAcked(*acked);
        if (epoch != m_epoch)
            return;
        m_boundJid = m_smJid;
        const auto resend = m_sm.unacked();
        IMP_LOG_INFO("xmpp: session resumed; {} stanza(s) to retransmit", resend.size());
        for (const auto &e : resend)
            writeElement(e);
        if (!resend.isEmpty())
            m_ackRequestTimer.start(); // fires once online
        goOnline(true);
        return;
    }
    case PhaseStep::Kind::Fail:
        fail(step.error, step.retry);
        return;
    }
}

void XmppClient::goOnline(bool resumed)
{
    m_negotiationTimer.stop();
    m_iq.setOwnJid(Jid(m_boundJid));
    m_phase = OnlinePhase{};
    m_onlineSince.start(); // the backoff starts over once this session proves stable (fail())
    m_lastError.clear();
    m_smLostAt.invalidate();
    m_smUsed = m_sm.isEnabled();
    if (!resumed)
        m_csiSent.reset(); // a fresh session starts "active" on the server
    IMP_LOG_INFO("xmpp: online ({})", resumed ? "resumed" : "new session");
    const quint64 epoch = m_epoch;
    setState(State::Online);
    if (epoch != m_epoch)
        return;
    emit sessionStarted(resumed);
    if (epoch != m_epoch)
        return;
    syncCsi();
    restartIdleTimer();
    const QList<XmlElement> early = std::exchange(m_early, {});
    for (const auto &e : early) {
        dispatch(e, std::nullopt);
        if (epoch != m_epoch)
            return;
    }
}

void XmppClient::failWithStreamError(const Error &error, bool retry)
{
    if (m_socket && m_socket->isEncrypted()) {
        m_socket->write("<stream:error><undefined-condition "
                        "xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error>"
                        "</stream:stream>");
        m_socket->flush();
    }
    fail(error, retry);
}

void XmppClient::fail(const Error &error, bool retry)
{
    IMP_LOG_WARN("xmpp: connection failed: {} ({})", error.code, error.detail);
    // Only a session that stayed up a while shows the server takes us: one dropped right after
    // each login (say, for a stanza too large) keeps the delays growing.
    if (m_onlineSince.isValid() && m_onlineSince.elapsed() >= m_config.stableSession.count())
        m_backoff.reset();
    m_negotiationTimer.stop();
    teardownSocket();
    m_iq.cancelAll();
    m_boundJid.clear();
    m_streamFeatures = XmlElement();
    // Resumption is for lost connections. A session the server replaced or refused, or whose
    // acknowledgements made no sense, is not resumed.
    if (!retry || error.code == "xmpp.stream_error.conflict" || error.code == "xmpp.sm.bad_ack")
        forgetSmSession();
    m_lastError = QString::fromStdString(error.code);
    emit errorOccurred(m_lastError);
    if (!retry)
        m_wanted = false;
    setState(State::Offline);
    if (m_wanted) {
        const auto delay = m_backoff.next();
        m_reconnectTimer.start(delay);
        emit reconnectScheduled(delay.count());
    }
}

void XmppClient::signOut(const QString &code, const QString &reason)
{
    m_wanted = false;
    m_reconnectTimer.stop();
    m_negotiationTimer.stop();
    teardownSocket();
    m_iq.cancelAll();
    forgetSmSession();
    m_boundJid.clear();
    m_streamFeatures = XmlElement();
    m_lastError = code;
    m_signedOutReason = reason;
    emit errorOccurred(m_lastError);
    setState(State::SignedOut);
}

void XmppClient::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    emit stateChanged(state);
}

} // namespace imp::xmpp
