#pragma once

#include "xmpp/BindPhase.h"
#include "xmpp/ConnectionConfig.h"
#include "xmpp/IqTracker.h"
#include "xmpp/ReconnectBackoff.h"
#include "xmpp/SaslPhase.h"
#include "xmpp/SmPhase.h"
#include "xmpp/StanzaChannel.h"
#include "xmpp/StartTlsPhase.h"
#include "xmpp/StreamManagement.h"
#include "xmpp/XmlStreamParser.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSslSocket>
#include <QTimer>
#include <functional>
#include <optional>
#include <variant>

namespace imp::xmpp {

// One client-to-server XMPP connection, driven by Qt's event loop on the main thread.
// connect → TLS (direct TLS, else STARTTLS; never plaintext) → SASL SCRAM → bind → XEP-0198
// enable → Online; after a lost connection, SASL → XEP-0198 resume instead of bind when the
// old session can be resumed. The current negotiation phase is a variant of small phase
// objects. Lost connections are retried with backoff; wrong credentials, TLS failures and
// being signed out are not. While online it answers pings (XEP-0199), pings an idle server,
// routes IQ requests to handlers by payload namespace and keeps CSI (XEP-0352) state.
class XmppClient : public StanzaChannel {
    Q_OBJECT
public:
    explicit XmppClient(QObject *parent = nullptr);
    ~XmppClient() override;

    void connectToServer(const ConnectionConfig &config);
    void disconnectFromServer();

    State state() const override { return m_state; }
    // Reason code of the last failure ("" when none): tls.*, auth.*, net.*, xmpp.*.
    QString lastError() const { return m_lastError; }
    // The server's own words when it signed us out (stream error text); "" otherwise.
    QString signedOutReason() const { return m_signedOutReason; }
    QString boundJid() const override { return m_boundJid; }

    // Only while Online; otherwise onReply gets "xmpp.not_connected" (from the event loop).
    void sendIq(const XmlElement &iq, IqTracker::Callback onReply,
                std::chrono::milliseconds timeout = std::chrono::seconds(15));
    // Like sendIq, but onReply runs only while `context` still exists: a reply (or the error
    // every pending IQ gets when the stream closes) may come after the caller is gone.
    void sendIq(const XmlElement &iq, const QObject *context, IqTracker::Callback onReply,
                std::chrono::milliseconds timeout = std::chrono::seconds(15)) override;
    // Sends a stanza while Online; false (and nothing sent) otherwise.
    bool send(const XmlElement &stanza) override;

    // Inbound acknowledgement control (the app must not ack a message to the server before it
    // is on disk). Call ONLY from inside a stanzaReceived handler: the stanza being delivered
    // counts as handled for XEP-0198 (the h we report) only once releaseInbound(token) is
    // called. Until then h stays below it (h = number of inbound stanzas handled
    // contiguously). Tokens of a previous session or connection are ignored (the server
    // delivers such a stanza again). Outside a handler it returns 0, which release ignores.
    quint64 deferInbound() override;
    void releaseInbound(quint64 token) override;

    // Handler for incoming IQ get/set with a child in namespace `xmlns` (e.g. jabber:iq:roster
    // pushes, urn:xmpp:blocking pushes). It returns the full reply IQ to send (result or
    // error), or a null XmlElement to send a plain empty result. IQ get/set with no handler get
    // <service-unavailable/> (RFC 6120 8.4); urn:xmpp:ping gets a result automatically. IQ
    // handlers must check `from` themselves. An empty handler removes the entry.
    using IqRequestHandler = StanzaChannel::IqRequestHandler;
    void setIqRequestHandler(const QString &xmlns, IqRequestHandler handler) override;

    // XEP-0352: tell the server whether the user is looking at the app. Remembered; sent now
    // when online and the server offered urn:xmpp:csi:0, and again after every fresh session.
    void setClientActive(bool active);
    bool clientActive() const { return m_clientActive; }
    bool streamManagementEnabled() const; // SM enabled on the current/last session
    // The features the server offered after authentication (for disco-less checks); empty
    // when offline.
    const XmlElement &streamFeatures() const;

    // Tests use a fast, seeded backoff.
    void setBackoff(const ReconnectBackoff &backoff) { m_backoff = backoff; }

signals:
    void errorOccurred(const QString &code);
    void reconnectScheduled(qint64 delayMs);
    // sessionStarted (from StanzaChannel) comes right after stateChanged(Online); on
    // resumption XmppClient has retransmitted what the server had not acknowledged.
    // stanzaAcked: without SM on the server, emitted right after the stanza is written (from
    // the event loop, never from inside send()).

private:
    struct OnlinePhase {};
    using Phase =
        std::variant<std::monostate, StartTlsPhase, SaslPhase, BindPhase, SmPhase, OnlinePhase>;
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
    void handleOnline(const XmlElement &stanza);
    void dispatch(const XmlElement &stanza, std::optional<quint64> seq);
    void handleSmNonza(const XmlElement &nonza);
    void handleIqRequest(const XmlElement &iq);
    void handleStreamError(const XmlElement &error);
    void apply(PhaseStep step);
    void goOnline(bool resumed);
    void fail(const Error &error, bool retry);
    void failWithStreamError(const Error &error, bool retry);
    void signOut(const QString &code, const QString &reason);
    void setState(State state);

    // Writes a counted stanza (SM bookkeeping, ack requests); false when the unacked queue is
    // full (the connection is then failed from the event loop).
    bool writeStanza(const XmlElement &stanza, bool notify);
    void emitAcked(const QList<StreamManagement::Outbound> &acked);
    void sendAck();
    void requestAck();
    void forgetSmSession();
    bool canResume() const;
    void syncCsi();
    void sendPing();
    void restartIdleTimer();

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

    // XEP-0198
    StreamManagement m_sm;
    bool m_smUsed = false;               // SM enabled on the current/last session
    QString m_smJid;                     // the full JID of the resumable session
    QElapsedTimer m_smLostAt;            // when the resumable session's connection died
    QList<XmlElement> m_early;           // stanzas that arrived while <enable/> was pending
    bool m_inDelivery = false;           // inside a stanzaReceived / IQ handler
    std::optional<quint64> m_delivering; // SM sequence number of the stanza being delivered
    bool m_ackedShort = false;           // we answered <r/> with an h held back by a deferral
    bool m_internalSend = false;         // the IQ going out is our own (ping): no stanzaAcked
    QTimer m_ackRequestTimer;            // 0 ms: one <r/> per batch of sends
    QTimer m_unackedTimer;               // 5 s: ask again while stanzas stay unacknowledged
    QTimer m_ackSendTimer;               // 0 ms: an unsolicited <a/> once deferrals are released

    // Ping, CSI, IQ requests, features
    QTimer m_idleTimer;
    QTimer m_stanzaTimer;        // a stanza the server began must end before this fires
    QElapsedTimer m_onlineSince; // the backoff starts over only after a stable session
    bool m_pingOutstanding = false;
    bool m_clientActive = true;
    std::optional<bool> m_csiSent; // what the server was last told in this session
    QHash<QString, IqRequestHandler> m_iqHandlers;
    XmlElement m_streamFeatures;
};

} // namespace imp::xmpp
