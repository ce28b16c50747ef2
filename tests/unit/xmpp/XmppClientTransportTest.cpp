// XmppClient's transport against the in-process fake server: TCP_NODELAY (acks must not wait
// for the peer's delayed ACK), garbage and endless stanzas from the server end the connection
// at once or by a deadline, and the reconnect backoff keeps growing for a server that drops us
// right after each login.
#include "ClientTestSupport.h"
#include "FakeXmppServer.h"
#include "TestPki.h"
#include "xmpp/XmppClient.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <algorithm>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

using namespace imp::xmpp;
using namespace imp::xmpp::test;
using namespace std::chrono_literals;
using State = XmppClient::State;

namespace {

// The client's live TLS socket (earlier attempts' sockets may still await deletion).
QSslSocket *liveSocket(XmppClient &client)
{
    for (auto *s : client.findChildren<QSslSocket *>())
        if (s->state() == QAbstractSocket::ConnectedState && s->isEncrypted())
            return s;
    return nullptr;
}

XmlElement chat(const QString &body)
{
    XmlElement m(QStringLiteral("message"));
    m.setAttribute(QStringLiteral("to"), QStringLiteral("bob@imp.test"));
    m.setAttribute(QStringLiteral("type"), QStringLiteral("chat"));
    m.addChild(XmlElement(QStringLiteral("body")).setText(body));
    return m;
}

class XmppClientTransportTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(dir.isValid());
        trust = writeTestTrust(dir);
    }

    std::unique_ptr<FakeXmppServer> makeServer(bool directTls = false, bool sm = false)
    {
        FakeXmppServer::Options o;
        o.certPem = trust.leaf.certPem;
        o.keyPem = trust.leaf.keyPem;
        o.directTls = directTls;
        o.streamManagement = sm;
        return std::make_unique<FakeXmppServer>(o);
    }

    ConnectionConfig config(const FakeXmppServer &server, bool directTls = false) const
    {
        return directTls ? loopbackConfig(trust.caFile, 0, server.serverPort())
                         : loopbackConfig(trust.caFile, server.serverPort());
    }

    QTemporaryDir dir;
    TestTrust trust;
};

} // namespace

TEST_F(XmppClientTransportTest, TcpNoDelayIsOnTheUnderlyingSocket)
{
    for (const bool direct : {false, true}) {
        auto server = makeServer(direct);
        XmppClient client;
        client.connectToServer(config(*server, direct));
        ASSERT_TRUE(waitUntil([&] { return client.state() == State::Online; }))
            << client.lastError().toStdString();
        QSslSocket *socket = liveSocket(client);
        ASSERT_NE(socket, nullptr);
        EXPECT_EQ(socket->socketOption(QAbstractSocket::LowDelayOption).toInt(), 1);
        // What the kernel holds, not just what Qt remembers.
        int nodelay = 0;
        socklen_t len = sizeof(nodelay);
        ASSERT_EQ(getsockopt(static_cast<int>(socket->socketDescriptor()), IPPROTO_TCP, TCP_NODELAY,
                             &nodelay, &len),
                  0);
        EXPECT_NE(nodelay, 0) << (direct ? "direct TLS" : "STARTTLS");
    }
}

TEST_F(XmppClientTransportTest, ServerAcksComeBackWithoutTheDelayedAckWait)
{
    // Each message is acknowledged (XEP-0198 <r/> → <a/>) before the next goes out. Under
    // Nagle the <r/> after a stanza waited for the server's delayed ACK, ~40 ms on Linux.
    auto server = makeServer(false, true);
    XmppClient client;
    client.connectToServer(config(*server));
    ASSERT_TRUE(waitUntil([&] { return client.state() == State::Online; }))
        << client.lastError().toStdString();
    ASSERT_TRUE(client.streamManagementEnabled());
    int acked = 0;
    QObject::connect(&client, &XmppClient::stanzaAcked, [&](const XmlElement &) { ++acked; });
    std::vector<qint64> rtt;
    for (int i = 0; i < 40; ++i) {
        QElapsedTimer t;
        t.start();
        ASSERT_TRUE(client.send(chat(QStringLiteral("m%1").arg(i))));
        ASSERT_TRUE(waitUntil([&] { return acked == i + 1; }, 2s)) << "message " << i;
        rtt.push_back(t.nsecsElapsed() / 1000);
    }
    std::sort(rtt.begin(), rtt.end());
    EXPECT_LT(rtt[rtt.size() / 2], 20000) << "median ack round trip (µs)";
}

TEST_F(XmppClientTransportTest, RandomBytesFromTheServerFailTheStreamAtOnce)
{
    auto server = makeServer();
    XmppClient client;
    client.setBackoff(ReconnectBackoff(20ms, 100ms, 1));
    client.connectToServer(config(*server)); // idle ping at its default 60 s
    ASSERT_TRUE(waitUntil([&] { return client.state() == State::Online; }))
        << client.lastError().toStdString();
    QByteArray noise(1024 * 1024, '\0');
    QRandomGenerator rng(9);
    for (auto &c : noise)
        c = static_cast<char>(rng.bounded(256));
    QElapsedTimer t;
    t.start();
    server->sendRaw(noise);
    ASSERT_TRUE(waitUntil([&] { return !client.lastError().isEmpty(); }, 5s));
    EXPECT_LT(t.elapsed(), 1000);
    EXPECT_EQ(client.lastError(), QStringLiteral("xmpp.not_well_formed"));
    // A lost connection like any other: retried.
    EXPECT_TRUE(waitUntil([&] { return server->connections == 2; }));
}

TEST_F(XmppClientTransportTest, AStanzaDribbledAByteAtATimeHitsTheDeadline)
{
    auto server = makeServer();
    XmppClient client;
    client.setBackoff(ReconnectBackoff(20ms, 100ms, 1));
    auto c = config(*server);
    c.stanzaTimeout = 300ms;
    c.pingInterval = 150ms; // each byte proves the link alive: the ping never helps
    client.connectToServer(c);
    ASSERT_TRUE(waitUntil([&] { return client.state() == State::Online; }))
        << client.lastError().toStdString();
    const QByteArray slow =
        "<message from='bob@imp.test/x' type='chat'><body>" + QByteArray(10000, 'z');
    qsizetype sent = 0;
    QTimer drip;
    QObject::connect(&drip, &QTimer::timeout, [&] {
        if (server->connections == 1 && sent < slow.size())
            server->sendRaw(slow.mid(sent++, 1));
    });
    QElapsedTimer t;
    t.start();
    drip.start(30);
    ASSERT_TRUE(waitUntil([&] { return !client.lastError().isEmpty(); }, 5s))
        << "still " << static_cast<int>(client.state()) << " after " << sent << " bytes";
    EXPECT_EQ(client.lastError(), QStringLiteral("xmpp.stanza_timeout"));
    EXPECT_GE(t.elapsed(), 250);
    EXPECT_LT(t.elapsed(), 2000);
    EXPECT_TRUE(waitUntil([&] { return server->connections == 2; }));
}

TEST_F(XmppClientTransportTest, SlowButCompleteStanzasAndKeepalivesDoNotHitTheDeadline)
{
    auto server = makeServer();
    XmppClient client;
    auto c = config(*server);
    c.stanzaTimeout = 200ms;
    c.pingInterval = 0ms;
    client.connectToServer(c);
    ASSERT_TRUE(waitUntil([&] { return client.state() == State::Online; }))
        << client.lastError().toStdString();
    int received = 0;
    QObject::connect(&client, &XmppClient::stanzaReceived, [&](const XmlElement &) { ++received; });
    // Each stanza comes in two halves 60 ms apart, then whitespace keepalives: for 1 s.
    int tick = 0;
    QTimer feed;
    QObject::connect(&feed, &QTimer::timeout, [&] {
        switch (tick++ % 3) {
        case 0:
            server->sendRaw("<message from='bob@imp.test/x' type='chat'><bo");
            break;
        case 1:
            server->sendRaw("dy>hi</body></message>\n");
            break;
        default:
            server->sendRaw(" ");
        }
    });
    feed.start(60);
    waitUntil([] { return false; }, 1000ms);
    feed.stop();
    EXPECT_EQ(client.state(), State::Online) << client.lastError().toStdString();
    EXPECT_EQ(server->connections, 1);
    EXPECT_GE(received, 4);
}

TEST_F(XmppClientTransportTest, BackoffGrowsWhenTheServerDropsUsRightAfterEachLogin)
{
    // A server that answers every login with a stanza over our size limit used to see us back
    // every ~1.8 s: goOnline() started the backoff over each time.
    auto server = makeServer();
    XmppClient client;
    client.setBackoff(ReconnectBackoff(40ms, 10s, 3));
    QList<qint64> delays;
    QObject::connect(&client, &XmppClient::reconnectScheduled, [&](qint64 d) { delays << d; });
    const QByteArray tooLarge =
        "<message><body>" + QByteArray(1024 * 1024 + 64 * 1024, 'x') + "</body></message>";
    QObject::connect(&client, &XmppClient::stateChanged, [&](State s) {
        if (s == State::Online)
            server->sendRaw(tooLarge);
    });
    client.connectToServer(config(*server));
    ASSERT_TRUE(waitUntil([&] { return delays.size() >= 4; }, 20s))
        << delays.size() << " " << client.lastError().toStdString();
    EXPECT_EQ(client.lastError(), QStringLiteral("xmpp.policy_violation"));
    for (qsizetype i = 0; i < 4; ++i) {
        const qint64 base = 40 << i; // jittered within [base/2, base]
        EXPECT_GE(delays[i], base / 2) << "attempt " << i;
        EXPECT_LE(delays[i], base) << "attempt " << i;
    }
}

TEST_F(XmppClientTransportTest, BackoffStartsOverAfterAStableSession)
{
    auto server = makeServer();
    XmppClient client;
    client.setBackoff(ReconnectBackoff(40ms, 10s, 5));
    auto c = config(*server);
    c.stableSession = 200ms;
    QList<qint64> delays;
    QObject::connect(&client, &XmppClient::reconnectScheduled, [&](qint64 d) { delays << d; });
    // Dropped right after the first two logins; the third session lasts.
    QObject::connect(&client, &XmppClient::stateChanged, [&](State s) {
        if (s == State::Online && server->connections <= 2)
            server->closeConnection();
    });
    client.connectToServer(c);
    ASSERT_TRUE(
        waitUntil([&] { return server->connections == 3 && client.state() == State::Online; }));
    ASSERT_EQ(delays.size(), 2);
    EXPECT_GE(delays[1], 40); // the second drop came right after a login: grown
    waitUntil([] { return false; }, 400ms);
    ASSERT_EQ(client.state(), State::Online);
    server->closeConnection();
    ASSERT_TRUE(waitUntil([&] { return delays.size() == 3; }));
    EXPECT_LE(delays[2], 40); // after a stable session: the initial delay again
    EXPECT_TRUE(waitUntil([&] { return server->connections == 4; }));
}
