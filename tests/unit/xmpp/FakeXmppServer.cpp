#include "FakeXmppServer.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

namespace imp::xmpp::test {

namespace {

QByteArray hmac(const EVP_MD *md, const QByteArray &key, const QByteArray &data)
{
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    HMAC(md, key.constData(), static_cast<int>(key.size()),
         reinterpret_cast<const unsigned char *>(data.constData()),
         static_cast<size_t>(data.size()), out, &len);
    return QByteArray(reinterpret_cast<const char *>(out), static_cast<qsizetype>(len));
}

QByteArray digest(const EVP_MD *md, const QByteArray &data)
{
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    EVP_Digest(data.constData(), static_cast<size_t>(data.size()), out, &len, md, nullptr);
    return QByteArray(reinterpret_cast<const char *>(out), static_cast<qsizetype>(len));
}

const char *kStreamHeader = "<?xml version='1.0'?><stream:stream xmlns='jabber:client' "
                            "xmlns:stream='http://etherx.jabber.org/streams' id='fake' "
                            "from='imp.test' version='1.0'>";
} // namespace

FakeXmppServer::FakeXmppServer(Options options, QObject *parent)
    : QTcpServer(parent)
    , m_options(std::move(options))
{
    listen(QHostAddress::LocalHost, 0);
}

void FakeXmppServer::incomingConnection(qintptr handle)
{
    if (m_socket)
        m_socket->deleteLater();
    auto *socket = new QSslSocket(this);
    socket->setSocketDescriptor(handle);
    m_socket = socket;
    ++connections;
    m_parser.reset();
    m_authed = false;
    m_smEnabled = false;
    m_smInbound = 0;
    connect(socket, &QSslSocket::readyRead, this, &FakeXmppServer::onReadyRead);
    if (!m_options.certPem.isEmpty()) {
        socket->setLocalCertificate(QSslCertificate(m_options.certPem));
        socket->setPrivateKey(QSslKey(m_options.keyPem, QSsl::Ec));
        socket->setPeerVerifyMode(QSslSocket::VerifyNone);
    }
    if (m_options.directTls)
        socket->startServerEncryption();
    // Not added as a pending connection: we own the socket, and QTcpServer would delete it
    // again on close.
}

void FakeXmppServer::sendRaw(const QByteArray &bytes)
{
    if (m_socket)
        m_socket->write(bytes);
}

void FakeXmppServer::closeConnection()
{
    if (m_socket)
        m_socket->disconnectFromHost();
}

void FakeXmppServer::onReadyRead()
{
    const QByteArray data = m_socket->readAll();
    if (!m_socket->isEncrypted())
        plaintextReceived += data;
    for (auto &event : m_parser.feed(data)) {
        if (std::holds_alternative<XmlStreamParser::StreamOpened>(event)) {
            sendRaw(kStreamHeader);
            sendFeatures();
        } else if (auto *s = std::get_if<XmlStreamParser::StanzaReceived>(&event)) {
            handle(s->stanza);
        }
    }
}

void FakeXmppServer::sendFeatures()
{
    QByteArray f = "<stream:features>";
    if (!m_socket->isEncrypted() && m_options.offerStartTls)
        f += "<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'><required/></starttls>";
    if (!m_authed) {
        f += "<mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>";
        for (const auto &m : m_options.mechanisms)
            f += "<mechanism>" + m.toUtf8() + "</mechanism>";
        f += "</mechanisms>";
    } else {
        f += "<bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/>"
             "<session xmlns='urn:ietf:params:xml:ns:xmpp-session'><optional/></session>";
        if (m_options.streamManagement)
            f += "<sm xmlns='urn:xmpp:sm:3'/>";
    }
    sendRaw(f + "</stream:features>");
}

void FakeXmppServer::handle(const XmlElement &stanza)
{
    const QString name = stanza.name();
    if (name == QLatin1String("starttls")) {
        sendRaw("<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
        m_parser.reset();
        m_socket->startServerEncryption();
        return;
    }
    const EVP_MD *md = m_sha256 ? EVP_sha256() : EVP_sha1();
    if (name == QLatin1String("auth")) {
        m_sha256 = stanza.attribute(QStringLiteral("mechanism")) == "SCRAM-SHA-256";
        const QByteArray clientFirst = QByteArray::fromBase64(stanza.text().toLatin1());
        m_clientFirstBare = clientFirst.mid(3); // strip "n,,"
        const QByteArray clientNonce = m_clientFirstBare.mid(m_clientFirstBare.indexOf(",r=") + 3);
        m_nonce = clientNonce + "ServerPart";
        m_serverFirst = "r=" + m_nonce + ",s=" + QByteArray("fake-salt").toBase64() + ",i=4096";
        sendRaw("<challenge xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>" + m_serverFirst.toBase64() +
                "</challenge>");
        return;
    }
    if (name == QLatin1String("response")) {
        const QByteArray clientFinal = QByteArray::fromBase64(stanza.text().toLatin1());
        const qsizetype p = clientFinal.indexOf(",p=");
        const QByteArray withoutProof = clientFinal.left(p);
        const QByteArray proof = QByteArray::fromBase64(clientFinal.mid(p + 3));
        const QByteArray authMessage = m_clientFirstBare + "," + m_serverFirst + "," + withoutProof;
        const int len = EVP_MD_get_size(md);
        QByteArray salted(len, '\0');
        const QByteArray pw = m_options.password.toUtf8();
        PKCS5_PBKDF2_HMAC(pw.constData(), static_cast<int>(pw.size()),
                          reinterpret_cast<const unsigned char *>("fake-salt"), 9, 4096, md, len,
                          reinterpret_cast<unsigned char *>(salted.data()));
        const QByteArray clientKey = hmac(md, salted, "Client Key");
        const QByteArray signature = hmac(md, digest(md, clientKey), authMessage);
        QByteArray recovered = proof;
        for (qsizetype i = 0; i < recovered.size() && i < signature.size(); ++i)
            recovered[i] = static_cast<char>(recovered[i] ^ signature[i]);
        const bool userOk = m_clientFirstBare.startsWith("n=" + m_options.username.toUtf8() + ",");
        if (!userOk || recovered != clientKey || !withoutProof.endsWith("r=" + m_nonce)) {
            sendRaw("<failure xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><not-authorized/>"
                    "</failure>");
            return;
        }
        QByteArray serverSig = hmac(md, hmac(md, salted, "Server Key"), authMessage);
        if (m_options.badServerSignature)
            serverSig[0] = static_cast<char>(serverSig[0] ^ 1);
        m_authed = authenticated = true;
        m_parser.reset();
        sendRaw("<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>" +
                ("v=" + serverSig.toBase64()).toBase64() + "</success>");
        return;
    }
    if (name == QLatin1String("iq") &&
        stanza.hasChild(QStringLiteral("bind"),
                        QStringLiteral("urn:ietf:params:xml:ns:xmpp-bind"))) {
        const QString resource =
            stanza.firstChild(QStringLiteral("bind")).firstChild(QStringLiteral("resource")).text();
        sendRaw("<iq type='result' id='" + stanza.attribute(QStringLiteral("id")).toUtf8() +
                "'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><jid>" +
                m_options.username.toUtf8() + "@" + m_options.domain.toUtf8() + "/" +
                resource.toUtf8() + "</jid></bind></iq>");
        return;
    }
    if (m_options.streamManagement && stanza.namespaceUri() == QLatin1String("urn:xmpp:sm:3")) {
        if (name == QLatin1String("enable")) {
            m_smEnabled = true;
            sendRaw("<enabled xmlns='urn:xmpp:sm:3'/>");
        } else if (name == QLatin1String("r") && m_smEnabled) {
            sendRaw("<a xmlns='urn:xmpp:sm:3' h='" + QByteArray::number(m_smInbound) + "'/>");
        }
        return;
    }
    if (m_smEnabled && (name == QLatin1String("message") || name == QLatin1String("iq") ||
                        name == QLatin1String("presence")))
        ++m_smInbound;
    stanzas.append(stanza);
    if (onStanza)
        onStanza(stanza);
}

} // namespace imp::xmpp::test
