#pragma once

#include "xmpp/XmlStreamParser.h"

#include <QPointer>
#include <QSslCertificate>
#include <QSslKey>
#include <QSslSocket>
#include <QTcpServer>
#include <functional>

// A scripted XMPP server on loopback for the client tests: STARTTLS or direct TLS, SCRAM
// (SHA-1 and SHA-256, server side), bind. It records what arrived before TLS so tests can
// prove that nothing secret ever went out in plaintext.
namespace imp::xmpp::test {

class FakeXmppServer : public QTcpServer {
    Q_OBJECT
public:
    struct Options {
        bool directTls = false;    // TLS starts at accept (the 5223 style)
        bool offerStartTls = true; // when false, features go out without <starttls/>
        QByteArray certPem;
        QByteArray keyPem;
        QString domain = QStringLiteral("imp.test");
        QString username = QStringLiteral("user");
        QString password = QStringLiteral("secret-password");
        QStringList mechanisms = {QStringLiteral("SCRAM-SHA-1"), QStringLiteral("SCRAM-SHA-256"),
                                  QStringLiteral("PLAIN")};
        bool badServerSignature = false;
        // XEP-0198 without resumption: <enable/> is accepted and every <r/> answered at once.
        bool streamManagement = false;
    };

    explicit FakeXmppServer(Options options, QObject *parent = nullptr);

    QByteArray plaintextReceived; // everything received before TLS, on every connection
    int connections = 0;
    bool authenticated = false;
    QList<XmlElement> stanzas; // stanzas received once online
    std::function<void(const XmlElement &)> onStanza;

    void sendRaw(const QByteArray &bytes);
    void closeConnection();

protected:
    void incomingConnection(qintptr handle) override;

private:
    void onReadyRead();
    void handle(const XmlElement &stanza);
    void sendFeatures();
    void startTls();

    Options m_options;
    QPointer<QSslSocket> m_socket;
    XmlStreamParser m_parser;
    bool m_authed = false;
    QByteArray m_clientFirstBare;
    QByteArray m_serverFirst;
    QByteArray m_nonce;
    bool m_sha256 = false;
    bool m_smEnabled = false;
    quint32 m_smInbound = 0; // stanzas received since <enable/>
};

} // namespace imp::xmpp::test
