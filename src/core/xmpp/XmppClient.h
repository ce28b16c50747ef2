#pragma once

#include "xmpp/BindPhase.h"
#include "xmpp/ConnectionConfig.h"
#include "xmpp/IqTracker.h"
#include "xmpp/ReconnectBackoff.h"
#include "xmpp/SaslPhase.h"
#include "xmpp/StartTlsPhase.h"
#include "xmpp/XmlStreamParser.h"

#include <QObject>
#include <QPointer>
#include <QSslSocket>
#include <QTimer>
#include <variant>

namespace imp::xmpp {

// One client-to-server XMPP connection, driven by Qt's event loop on the main thread.
// connect → TLS (direct TLS, else STARTTLS; never plaintext) → SASL SCRAM → bind → Online.
// The current negotiation phase is a variant of small phase objects. Lost connections are
// retried with backoff; wrong credentials, TLS failures and being signed out are not.
class XmppClient : public QObject {
    Q_OBJECT
public:
    enum class State { Offline, Connecting, Online, SignedOut };
    Q_ENUM(State)

    explicit XmppClient(QObject *parent = nullptr);
    ~XmppClient() override;

    void connectToServer(const ConnectionConfig &config);
    void disconnectFromServer();

    State state() const { return m_state; }
    // Reason code of the last failure ("" when none): tls.*, auth.*, net.*, xmpp.*.
    QString lastError() const { return m_lastError; }
    // The server's own words when it signed us out (stream error text); "" otherwise.
    QString signedOutReason() const { return m_signedOutReason; }
    QString boundJid() const { return m_boundJid; }

    // Only while Online; otherwise onReply gets "xmpp.not_connected" (from the event loop).
    void sendIq(const XmlElement &iq, IqTracker::Callback onReply,
                std::chrono::milliseconds timeout = std::chrono::seconds(15));
    // Sends a stanza while Online; false (and nothing sent) otherwise.
    bool send(const XmlElement &stanza);

    // Tests use a fast, seeded backoff.
    void setBackoff(const ReconnectBackoff &backoff) { m_backoff = backoff; }

signals:
    void stateChanged(imp::xmpp::XmppClient::State state);
    void errorOccurred(const QString &code);
    void reconnectScheduled(qint64 delayMs);
    void stanzaReceived(const imp::xmpp::XmlElement &stanza);

private:
    struct OnlinePhase {};
    using Phase = std::variant<std::monostate, StartTlsPhase, SaslPhase, BindPhase, OnlinePhase>;
    enum class Transport { DirectTls, StartTls };

    void startAttempt();
    void openSocket(Transport transport);
    void teardownSocket();
    void openStream();
    void writeElement(const XmlElement &e);

    void onConnected();
    void onEncrypted();
    void onSocketError(QAbstractSocket::SocketError error);
    void onConnectTimeout();
    void onReadyRead();

    void handleStanza(const XmlElement &stanza);
    void handleStreamError(const XmlElement &error);
    void apply(PhaseStep step);
    void fail(const Error &error, bool retry);
    void signOut(const QString &code, const QString &reason);
    void setState(State state);

    ConnectionConfig m_config;
    State m_state = State::Offline;
    QString m_lastError;
    QString m_signedOutReason;
    QString m_boundJid;
    bool m_wanted = false; // connectToServer() called and not yet given up

    QPointer<QSslSocket> m_socket;
    Transport m_transport = Transport::DirectTls;
    bool m_tcpConnected = false;
    std::string m_tlsError;
    XmlStreamParser m_parser;
    quint64 m_epoch = 0; // bumped on every stream restart or teardown; stale events stop
    Phase m_phase;

    IqTracker m_iq;
    ReconnectBackoff m_backoff;
    QTimer m_connectTimer;
    QTimer m_negotiationTimer;
    QTimer m_reconnectTimer;
};

} // namespace imp::xmpp
