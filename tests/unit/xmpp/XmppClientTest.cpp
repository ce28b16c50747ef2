// The client against in-process fake servers on loopback: TLS policy, SCRAM, bind, IQs,
// sign-out and reconnection.
#include "xmpp/XmppClient.h"

#include "ClientTestSupport.h"
#include "FakeXmppServer.h"
#include "TestPki.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <gtest/gtest.h>
#include <optional>

using namespace imp::xmpp;
using namespace imp::xmpp::test;
using namespace std::chrono_literals;
using State = XmppClient::State;

namespace {

void spin(std::chrono::milliseconds ms)
{
    waitUntil([] { return false; }, ms);
}

// A loopback port with nothing listening: direct TLS fails fast and we fall back.
class XmppClientTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(dir.isValid());
        ca = TestPki::makeCa(QStringLiteral("IMpTech Test CA"));
        caFile = writeFile(QStringLiteral("ca.pem"), ca.certPem);
    }

    QString writeFile(const QString &name, const QByteArray &bytes)
    {
        const QString path = dir.filePath(name);
        QFile f(path);
        EXPECT_TRUE(f.open(QIODevice::WriteOnly));
        f.write(bytes);
        return path;
    }

    FakeXmppServer::Options serverOptions(const KeyAndCert &leaf)
    {
        FakeXmppServer::Options o;
        o.certPem = leaf.certPem;
        o.keyPem = leaf.keyPem;
        return o;
    }

    ConnectionConfig config(const FakeXmppServer &server, bool direct = false)
    {
        ConnectionConfig c;
        c.domain = QStringLiteral("imp.test");
        c.host = QStringLiteral("127.0.0.1");
        c.directTlsPort = direct ? server.serverPort() : closedPort();
        c.startTlsPort = direct ? closedPort() : server.serverPort();
        c.username = QStringLiteral("user");
        c.password = QStringLiteral("secret-password");
        c.resource = QStringLiteral("dev-1");
        c.caFile = caFile;
        return c;
    }

    void expectNoSecretsInPlaintext(const FakeXmppServer &server)
    {
        const QByteArray &p = server.plaintextReceived;
        EXPECT_FALSE(p.contains("<auth")) << p.constData();
        EXPECT_FALSE(p.contains("<response")) << p.constData();
        EXPECT_FALSE(p.contains("secret-password"));
        EXPECT_FALSE(p.contains(QByteArray("secret-password").toBase64()));
        EXPECT_FALSE(p.contains("n=user")); // SCRAM client-first, raw or base64
        EXPECT_FALSE(p.contains(QByteArray("n,,n=user").toBase64().left(8)));
    }

    QTemporaryDir dir;
    KeyAndCert ca;
    QString caFile;
};

} // namespace

TEST_F(XmppClientTest, ServerWithoutStartTlsFailsNotOfferedAndSendsNoAuth)
{
    auto opts = serverOptions(TestPki::makeLeaf(ca, QStringLiteral("imp.test")));
    opts.offerStartTls = false;
    FakeXmppServer server(opts);
    XmppClient client;
    client.connectToServer(config(server));
    ASSERT_TRUE(waitUntil([&] { return !client.lastError().isEmpty(); }));
    EXPECT_EQ(client.lastError(), QStringLiteral("tls.not_offered"));
    EXPECT_EQ(client.state(), State::Offline);
    EXPECT_TRUE(server.plaintextReceived.contains("<stream:stream"));
    expectNoSecretsInPlaintext(server);
    spin(300ms);
    EXPECT_EQ(server.connections, 1); // no retry into the same downgrade
    EXPECT_FALSE(server.authenticated);
}

TEST_F(XmppClientTest, StartTlsScramBindIqAndSignOut)
{
    FakeXmppServer server(serverOptions(TestPki::makeLeaf(ca, QStringLiteral("imp.test"))));
    XmppClient client;
    QList<State> states;
    QObject::connect(&client, &XmppClient::stateChanged, [&](State s) { states << s; });
    client.connectToServer(config(server));
    ASSERT_TRUE(waitUntil([&] { return client.state() == State::Online; }))
        << client.lastError().toStdString();
    EXPECT_EQ(client.boundJid(), QStringLiteral("user@imp.test/dev-1"));
    EXPECT_EQ(states, (QList<State>{State::Connecting, State::Online}));
    EXPECT_TRUE(server.authenticated);
    // Only the stream header and <starttls/> were ever sent in plaintext.
    EXPECT_TRUE(server.plaintextReceived.contains("<starttls"));
    expectNoSecretsInPlaintext(server);

    // An IQ round trip; a spoofed reply first, which must be ignored.
    server.onStanza = [&](const XmlElement &s) {
        if (s.name() != QLatin1String("iq"))
            return;
        const QByteArray id = s.attribute(QStringLiteral("id")).toUtf8();
        server.sendRaw("<iq type='result' id='" + id + "' from='mallory@imp.test/x'/>");
        server.sendRaw("<iq type='result' id='" + id + "' from='bob@imp.test/phone'><ok/></iq>");
    };
    std::optional<imp::Result<XmlElement>> reply;
    XmlElement iq(QStringLiteral("iq"));
    iq.setAttribute(QStringLiteral("type"), QStringLiteral("get"));
    iq.setAttribute(QStringLiteral("to"), QStringLiteral("bob@imp.test/phone"));
    iq.addChild(XmlElement(QStringLiteral("query"), QStringLiteral("jabber:iq:version")));
    QList<XmlElement> unmatched;
    QObject::connect(&client, &XmppClient::stanzaReceived,
                     [&](const XmlElement &s) { unmatched << s; });
    client.sendIq(iq, [&](imp::Result<XmlElement> r) { reply = std::move(r); });
    ASSERT_TRUE(waitUntil([&] { return reply.has_value(); }));
    ASSERT_TRUE(reply->ok());
    EXPECT_EQ((*reply)->attribute(QStringLiteral("from")), QStringLiteral("bob@imp.test/phone"));
    ASSERT_EQ(unmatched.size(), 1); // the spoofed one is passed on as an unmatched stanza
    EXPECT_EQ(unmatched[0].attribute(QStringLiteral("from")), QStringLiteral("mallory@imp.test/x"));

    // The server signs us out: no reconnect.
    server.sendRaw("<stream:error><conflict xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>"
                   "<text xmlns='urn:ietf:params:xml:ns:xmpp-streams'>Your account was signed in "
                   "on another device</text></stream:error></stream:stream>");
    ASSERT_TRUE(waitUntil([&] { return client.state() == State::SignedOut; }));
    EXPECT_EQ(client.lastError(), QStringLiteral("xmpp.signed_out"));
    EXPECT_EQ(client.signedOutReason(),
              QStringLiteral("Your account was signed in on another device"));
    spin(300ms);
    EXPECT_EQ(server.connections, 1);
    EXPECT_EQ(client.state(), State::SignedOut);
}

TEST_F(XmppClientTest, DirectTlsIsTriedFirst)
{
    auto opts = serverOptions(TestPki::makeLeaf(ca, QStringLiteral("imp.test")));
    opts.directTls = true;
    opts.mechanisms = {QStringLiteral("SCRAM-SHA-1")};
    FakeXmppServer server(opts);
    XmppClient client;
    client.connectToServer(config(server, true));
    ASSERT_TRUE(waitUntil([&] { return client.state() == State::Online; }))
        << client.lastError().toStdString();
    EXPECT_TRUE(server.plaintextReceived.isEmpty());
    EXPECT_EQ(server.connections, 1);
    client.disconnectFromServer();
    EXPECT_EQ(client.state(), State::Offline);
}

TEST_F(XmppClientTest, UnknownCaIsRefused)
{
    const auto otherCa = TestPki::makeCa(QStringLiteral("Someone Else"));
    FakeXmppServer server(serverOptions(TestPki::makeLeaf(otherCa, QStringLiteral("imp.test"))));
    XmppClient client;
    client.connectToServer(config(server));
    ASSERT_TRUE(waitUntil([&] { return !client.lastError().isEmpty(); }));
    EXPECT_EQ(client.lastError(), QStringLiteral("tls.unknown_ca"));
    EXPECT_EQ(client.state(), State::Offline);
    expectNoSecretsInPlaintext(server);
    EXPECT_FALSE(server.authenticated);
}

TEST_F(XmppClientTest, HostMismatchIsRefused)
{
    FakeXmppServer server(serverOptions(TestPki::makeLeaf(ca, QStringLiteral("wrong.test"))));
    XmppClient client;
    client.connectToServer(config(server));
    ASSERT_TRUE(waitUntil([&] { return !client.lastError().isEmpty(); }));
    EXPECT_EQ(client.lastError(), QStringLiteral("tls.host_mismatch"));
    EXPECT_FALSE(server.authenticated);
}

TEST_F(XmppClientTest, ExpiredCertificateIsRefused)
{
    FakeXmppServer server(
        serverOptions(TestPki::makeLeaf(ca, QStringLiteral("imp.test"), -30, -1)));
    XmppClient client;
    client.connectToServer(config(server));
    ASSERT_TRUE(waitUntil([&] { return !client.lastError().isEmpty(); }));
    EXPECT_EQ(client.lastError(), QStringLiteral("tls.expired"));
    EXPECT_FALSE(server.authenticated);
}

TEST_F(XmppClientTest, WrongPasswordIsAuthFailedWithoutRetry)
{
    FakeXmppServer server(serverOptions(TestPki::makeLeaf(ca, QStringLiteral("imp.test"))));
    XmppClient client;
    auto c = config(server);
    c.password = QStringLiteral("wrong");
    client.connectToServer(c);
    ASSERT_TRUE(waitUntil([&] { return !client.lastError().isEmpty(); }));
    EXPECT_EQ(client.lastError(), QStringLiteral("auth.failed"));
    spin(300ms);
    EXPECT_EQ(server.connections, 1);
    EXPECT_EQ(client.state(), State::Offline);
}

TEST_F(XmppClientTest, ForgedServerSignatureIsRefused)
{
    auto opts = serverOptions(TestPki::makeLeaf(ca, QStringLiteral("imp.test")));
    opts.badServerSignature = true;
    FakeXmppServer server(opts);
    XmppClient client;
    client.connectToServer(config(server));
    ASSERT_TRUE(waitUntil([&] { return !client.lastError().isEmpty(); }));
    EXPECT_EQ(client.lastError(), QStringLiteral("auth.server_signature"));
    EXPECT_NE(client.state(), State::Online);
}

TEST_F(XmppClientTest, PlainOnlyServerIsRefused)
{
    auto opts = serverOptions(TestPki::makeLeaf(ca, QStringLiteral("imp.test")));
    opts.mechanisms = {QStringLiteral("PLAIN")};
    FakeXmppServer server(opts);
    XmppClient client;
    client.connectToServer(config(server));
    ASSERT_TRUE(waitUntil([&] { return !client.lastError().isEmpty(); }));
    EXPECT_EQ(client.lastError(), QStringLiteral("auth.no_mechanism"));
}

TEST_F(XmppClientTest, ReconnectsWithBackoffAfterTheConnectionDrops)
{
    FakeXmppServer server(serverOptions(TestPki::makeLeaf(ca, QStringLiteral("imp.test"))));
    XmppClient client;
    client.setBackoff(ReconnectBackoff(20ms, 100ms, 1));
    QList<qint64> delays;
    QObject::connect(&client, &XmppClient::reconnectScheduled, [&](qint64 d) { delays << d; });
    client.connectToServer(config(server));
    ASSERT_TRUE(waitUntil([&] { return client.state() == State::Online; }));
    server.closeConnection();
    ASSERT_TRUE(waitUntil([&] { return client.state() != State::Online; }));
    ASSERT_TRUE(waitUntil([&] { return client.state() == State::Online; }))
        << client.lastError().toStdString();
    EXPECT_EQ(server.connections, 2);
    ASSERT_EQ(delays.size(), 1);
    EXPECT_LE(delays[0], 20);
}

TEST_F(XmppClientTest, SendIqWhileOfflineFailsAsynchronously)
{
    XmppClient client;
    std::optional<imp::Result<XmlElement>> reply;
    client.sendIq(XmlElement(QStringLiteral("iq")),
                  [&](imp::Result<XmlElement> r) { reply = std::move(r); });
    EXPECT_FALSE(reply.has_value());
    ASSERT_TRUE(waitUntil([&] { return reply.has_value(); }));
    EXPECT_EQ(reply->error().code, "xmpp.not_connected");
    EXPECT_FALSE(client.send(XmlElement(QStringLiteral("presence"))));
}
