#include "xmpp/XmppClient.h"

#include "common/Log.h"
#include "xmpp/TlsFailure.h"

#include <QSslCipher>
#include <QSslConfiguration>

namespace imp::xmpp {

namespace {
template <class... Ts> struct Overloaded : Ts... {
    using Ts::operator()...;
};
template <class... Ts> Overloaded(Ts...) -> Overloaded<Ts...>; // clang 14 needs the guide
} // namespace

XmppClient::XmppClient(QObject *parent)
    : QObject(parent)
    , m_iq([this](const XmlElement &iq) { writeElement(iq); })
{
    m_connectTimer.setSingleShot(true);
    m_negotiationTimer.setSingleShot(true);
    m_reconnectTimer.setSingleShot(true);
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
    if (m_socket && m_socket->isEncrypted())
        m_socket->write("</stream:stream>");
    if (m_socket)
        m_socket->flush();
    teardownSocket();
    m_iq.cancelAll();
    m_boundJid.clear();
    if (m_state != State::SignedOut)
        setState(State::Offline);
}

void XmppClient::startAttempt()
{
    if (!m_wanted)
        return;
    teardownSocket();
    m_boundJid.clear();
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
    m_phase = std::monostate{};
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
        // A connection that dies between STARTTLS and the handshake is as bad as a failed one.
        if (m_socket && m_socket->mode() != QSslSocket::UnencryptedMode &&
            !m_socket->isEncrypted()) {
            fail(makeError("tls.failed", "connection lost during the TLS handshake"), false);
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
}

void XmppClient::handleStanza(const XmlElement &stanza)
{
    if (stanza.name() == QLatin1String("error") && stanza.namespaceUri() == kStreamNamespace) {
        handleStreamError(stanza);
        return;
    }
    if (std::holds_alternative<OnlinePhase>(m_phase)) {
        if (!m_iq.handle(stanza))
            emit stanzaReceived(stanza);
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
        m_phase.emplace<BindPhase>(m_config.resource,
                                   Jid(m_config.username + QLatin1Char('@') + m_config.domain));
        return;
    case PhaseStep::Kind::Online:
        m_negotiationTimer.stop();
        m_boundJid = step.boundJid;
        m_iq.setOwnJid(Jid(m_boundJid));
        m_phase = OnlinePhase{};
        m_backoff.reset();
        m_lastError.clear();
        IMP_LOG_INFO("xmpp: online");
        setState(State::Online);
        return;
    case PhaseStep::Kind::Fail:
        fail(step.error, step.retry);
        return;
    }
}

void XmppClient::fail(const Error &error, bool retry)
{
    IMP_LOG_WARN("xmpp: connection failed: {} ({})", error.code, error.detail);
    m_negotiationTimer.stop();
    teardownSocket();
    m_iq.cancelAll();
    m_boundJid.clear();
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
    m_boundJid.clear();
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

bool XmppClient::send(const XmlElement &stanza)
{
    if (m_state != State::Online || !m_socket)
        return false;
    writeElement(stanza);
    return true;
}

} // namespace imp::xmpp
