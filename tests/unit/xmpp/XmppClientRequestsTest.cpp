// XmppClient while online against the in-process fake server (which has no XEP-0198): IQ
// requests routed to handlers, automatic ping answers, our own idle pings and their timeout,
// stanzaAcked without SM, sessionStarted.
#include "ClientTestSupport.h"
#include "FakeXmppServer.h"
#include "TestPki.h"
#include "xmpp/XmppClient.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <gtest/gtest.h>

using namespace imp::xmpp;
using namespace imp::xmpp::test;
using namespace std::chrono_literals;
using State = XmppClient::State;

namespace {

const XmlElement *findById(const QList<XmlElement> &stanzas, const QString &id)
{
    for (const auto &s : stanzas) {
        if (s.attribute(QStringLiteral("id")) == id)
            return &s;
    }
    return nullptr;
}

class XmppClientRequestsTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(dir.isValid());
        const auto trust = writeTestTrust(dir);
        caFile = trust.caFile;
        const auto &leaf = trust.leaf;
        FakeXmppServer::Options o;
        o.certPem = leaf.certPem;
        o.keyPem = leaf.keyPem;
        server = std::make_unique<FakeXmppServer>(o);
    }

    ConnectionConfig config() const
    {
        ConnectionConfig c = loopbackConfig(caFile, server->serverPort());
        c.pingInterval = 0ms;
        return c;
    }

    QTemporaryDir dir;
    QString caFile;
    std::unique_ptr<FakeXmppServer> server;
};

} // namespace

TEST_F(XmppClientRequestsTest, IqRequestsGoToHandlersAndAreAlwaysAnswered)
{
    XmppClient client;
    QList<bool> sessions;
    QList<State> statesAtSession;
    QObject::connect(&client, &XmppClient::sessionStarted, [&](bool resumed) {
        sessions << resumed;
        statesAtSession << client.state();
    });
    QList<XmlElement> received;
    QObject::connect(&client, &XmppClient::stanzaReceived,
                     [&](const XmlElement &s) { received << s; });
    QList<XmlElement> pushes;
    client.setIqRequestHandler(QStringLiteral("jabber:iq:roster"), [&](const XmlElement &iq) {
        pushes << iq;
        return XmlElement(); // plain result
    });
    client.setIqRequestHandler(QStringLiteral("urn:example:custom"), [](const XmlElement &iq) {
        XmlElement reply(QStringLiteral("iq"));
        reply.setAttribute(QStringLiteral("type"), QStringLiteral("result"));
        reply.setAttribute(QStringLiteral("id"), iq.attribute(QStringLiteral("id")));
        reply.addChild(XmlElement(QStringLiteral("answer"), QStringLiteral("urn:example:custom")));
        return reply;
    });
    client.connectToServer(config());
    ASSERT_TRUE(waitUntil([&] { return client.state() == State::Online; }))
        << client.lastError().toStdString();
    EXPECT_EQ(sessions, QList<bool>{false});
    EXPECT_EQ(statesAtSession, QList<State>{State::Online});
    EXPECT_FALSE(client.streamManagementEnabled()); // the fake offers no XEP-0198
    EXPECT_TRUE(client.streamFeatures().hasChild(
        QStringLiteral("bind"), QStringLiteral("urn:ietf:params:xml:ns:xmpp-bind")));

    server->sendRaw("<iq type='get' id='p1' from='imp.test'><ping xmlns='urn:xmpp:ping'/></iq>"
                    "<iq type='get' id='v1' from='eve@imp.test/x'>"
                    "<query xmlns='jabber:iq:version'/></iq>"
                    "<iq type='set' id='r1'><query xmlns='jabber:iq:roster'>"
                    "<item jid='bob@imp.test'/></query></iq>"
                    "<iq type='get' id='c1' from='imp.test'><q xmlns='urn:example:custom'/></iq>"
                    "<message from='bob@imp.test/phone' id='m1'><body>hi</body></message>");
    ASSERT_TRUE(waitUntil([&] { return findById(server->stanzas, QStringLiteral("c1")); }));

    const XmlElement *pong = findById(server->stanzas, QStringLiteral("p1"));
    ASSERT_TRUE(pong);
    EXPECT_EQ(pong->attribute(QStringLiteral("type")), QStringLiteral("result"));
    EXPECT_EQ(pong->attribute(QStringLiteral("to")), QStringLiteral("imp.test"));

    const XmlElement *version = findById(server->stanzas, QStringLiteral("v1"));
    ASSERT_TRUE(version);
    EXPECT_EQ(version->attribute(QStringLiteral("type")), QStringLiteral("error"));
    EXPECT_EQ(version->attribute(QStringLiteral("to")), QStringLiteral("eve@imp.test/x"));
    EXPECT_TRUE(version->firstChild(QStringLiteral("error"))
                    .hasChild(QStringLiteral("service-unavailable"),
                              QStringLiteral("urn:ietf:params:xml:ns:xmpp-stanzas")));

    ASSERT_EQ(pushes.size(), 1);
    const XmlElement *rosterReply = findById(server->stanzas, QStringLiteral("r1"));
    ASSERT_TRUE(rosterReply);
    EXPECT_EQ(rosterReply->attribute(QStringLiteral("type")), QStringLiteral("result"));
    EXPECT_TRUE(rosterReply->children().isEmpty());

    const XmlElement *custom = findById(server->stanzas, QStringLiteral("c1"));
    ASSERT_TRUE(custom);
    EXPECT_TRUE(custom->hasChild(QStringLiteral("answer"), QStringLiteral("urn:example:custom")));

    // IQ requests are answered, never handed to stanzaReceived; messages still are.
    ASSERT_TRUE(waitUntil([&] { return !received.isEmpty(); }));
    ASSERT_EQ(received.size(), 1);
    EXPECT_EQ(received[0].name(), QStringLiteral("message"));
}

TEST_F(XmppClientRequestsTest, WithoutSmStanzaAckedFollowsTheWriteNotInsideSend)
{
    XmppClient client;
    client.connectToServer(config());
    ASSERT_TRUE(waitUntil([&] { return client.state() == State::Online; }));
    QStringList acked;
    QObject::connect(&client, &XmppClient::stanzaAcked,
                     [&](const XmlElement &s) { acked << s.attribute(QStringLiteral("id")); });
    // A deferral outside a handler is refused (token 0) and releasing it is harmless.
    EXPECT_EQ(client.deferInbound(), 0u);
    client.releaseInbound(0);
    for (int i = 0; i < 3; ++i) {
        XmlElement m(QStringLiteral("message"));
        m.setAttribute(QStringLiteral("id"), QString::number(i));
        ASSERT_TRUE(client.send(m));
    }
    client.setClientActive(false); // no CSI offered: remembered, nothing sent
    EXPECT_TRUE(acked.isEmpty());
    ASSERT_TRUE(waitUntil([&] { return acked.size() == 3; }));
    EXPECT_EQ(acked, (QStringList{"0", "1", "2"}));
    EXPECT_FALSE(client.clientActive());
    ASSERT_TRUE(waitUntil([&] { return server->stanzas.size() == 3; }));
    for (const auto &s : server->stanzas)
        EXPECT_EQ(s.name(), QStringLiteral("message"));
}

TEST_F(XmppClientRequestsTest, UnansweredPingMeansADeadLinkAndAReconnect)
{
    XmppClient client;
    client.setBackoff(ReconnectBackoff(20ms, 100ms, 1));
    auto c = config();
    c.pingInterval = 150ms;
    c.pingTimeout = 200ms;
    QStringList errors;
    QObject::connect(&client, &XmppClient::errorOccurred, [&](const QString &e) { errors << e; });
    client.connectToServer(c);
    ASSERT_TRUE(waitUntil([&] { return client.state() == State::Online; }));
    // The fake server ignores the ping: ~350 ms later the link is declared dead.
    ASSERT_TRUE(waitUntil([&] { return !errors.isEmpty(); }, 3s));
    EXPECT_EQ(errors.first(), QStringLiteral("net.timeout"));
    ASSERT_TRUE(waitUntil([&] { return server->connections >= 2; }));
    bool pinged = false;
    for (const auto &s : server->stanzas)
        pinged = pinged || s.hasChild(QStringLiteral("ping"), QStringLiteral("urn:xmpp:ping"));
    EXPECT_TRUE(pinged);
}

TEST_F(XmppClientRequestsTest, AnsweredPingsKeepTheConnection)
{
    XmppClient client;
    auto c = config();
    c.pingInterval = 100ms;
    c.pingTimeout = 200ms;
    int pings = 0;
    server->onStanza = [&](const XmlElement &s) {
        if (!s.hasChild(QStringLiteral("ping"), QStringLiteral("urn:xmpp:ping")))
            return;
        ++pings;
        EXPECT_EQ(s.attribute(QStringLiteral("to")), QStringLiteral("imp.test"));
        server->sendRaw("<iq type='result' from='imp.test' id='" +
                        s.attribute(QStringLiteral("id")).toUtf8() + "'/>");
    };
    QStringList errors;
    QObject::connect(&client, &XmppClient::errorOccurred, [&](const QString &e) { errors << e; });
    client.connectToServer(c);
    ASSERT_TRUE(waitUntil([&] { return client.state() == State::Online; }));
    waitUntil([&] { return pings >= 4; }, 3s);
    EXPECT_GE(pings, 4);
    EXPECT_TRUE(errors.isEmpty()) << errors.join(',').toStdString();
    EXPECT_EQ(client.state(), State::Online);
    EXPECT_EQ(server->connections, 1);
}
