#include "xmpp/IqTracker.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <gtest/gtest.h>
#include <optional>

using namespace imp::xmpp;
using namespace std::chrono_literals;

namespace {

struct Harness {
    std::vector<XmlElement> sent;
    IqTracker tracker{[this](const XmlElement &e) {
        sent.push_back(e);
    }};
    Harness() { tracker.setOwnJid(Jid(QStringLiteral("me@imp.test/dev1"))); }
};

XmlElement request(const QString &to)
{
    XmlElement iq(QStringLiteral("iq"));
    iq.setAttribute(QStringLiteral("type"), QStringLiteral("get"));
    if (!to.isEmpty())
        iq.setAttribute(QStringLiteral("to"), to);
    iq.addChild(XmlElement(QStringLiteral("query"), QStringLiteral("jabber:iq:version")));
    return iq;
}

XmlElement reply(const QString &id, const QString &from, const QString &type = "result")
{
    XmlElement iq(QStringLiteral("iq"));
    iq.setAttribute(QStringLiteral("type"), type);
    iq.setAttribute(QStringLiteral("id"), id);
    if (!from.isEmpty())
        iq.setAttribute(QStringLiteral("from"), from);
    return iq;
}

void processEventsFor(std::chrono::milliseconds ms)
{
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < ms.count())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
}

} // namespace

TEST(IqTrackerTest, MatchesReplyByIdAndFrom)
{
    Harness h;
    std::optional<imp::Result<XmlElement>> got;
    const QString id = h.tracker.send(request(QStringLiteral("bob@imp.test/phone")),
                                      [&](imp::Result<XmlElement> r) { got = std::move(r); });
    ASSERT_EQ(h.sent.size(), 1u);
    EXPECT_EQ(h.sent[0].attribute(QStringLiteral("id")), id);
    EXPECT_FALSE(h.tracker.handle(reply(QStringLiteral("other"), "bob@imp.test/phone")));
    EXPECT_TRUE(h.tracker.handle(reply(id, QStringLiteral("Bob@IMP.test/phone"))));
    ASSERT_TRUE(got.has_value());
    EXPECT_TRUE(got->ok());
    EXPECT_EQ(h.tracker.pendingCount(), 0u);
    // A duplicate reply is no longer matched.
    EXPECT_FALSE(h.tracker.handle(reply(id, QStringLiteral("bob@imp.test/phone"))));
}

TEST(IqTrackerTest, SpoofedFromIsIgnored)
{
    Harness h;
    int calls = 0;
    const QString id = h.tracker.send(request(QStringLiteral("bob@imp.test/phone")),
                                      [&](imp::Result<XmlElement>) { ++calls; });
    EXPECT_FALSE(h.tracker.handle(reply(id, QStringLiteral("mallory@imp.test/x"))));
    EXPECT_FALSE(h.tracker.handle(reply(id, QStringLiteral("bob@imp.test/laptop"))));
    EXPECT_FALSE(h.tracker.handle(reply(id, QString()))); // no from: that is the server
    EXPECT_FALSE(h.tracker.handle(reply(id, QStringLiteral("imp.test"))));
    EXPECT_EQ(calls, 0);
    EXPECT_EQ(h.tracker.pendingCount(), 1u);
    EXPECT_TRUE(h.tracker.handle(reply(id, QStringLiteral("bob@imp.test/phone"))));
    EXPECT_EQ(calls, 1);
}

TEST(IqTrackerTest, ServerAddressedRepliesMayComeFromOwnAccountOrServer)
{
    for (const QString &from : {QString(), QStringLiteral("me@imp.test"),
                                QStringLiteral("me@imp.test/dev1"), QStringLiteral("imp.test")}) {
        Harness h;
        int calls = 0;
        const QString id =
            h.tracker.send(request(QString()), [&](imp::Result<XmlElement>) { ++calls; });
        EXPECT_TRUE(h.tracker.handle(reply(id, from))) << from.toStdString();
        EXPECT_EQ(calls, 1);
    }
    Harness h;
    const QString id = h.tracker.send(request(QString()), [](imp::Result<XmlElement>) {});
    EXPECT_FALSE(h.tracker.handle(reply(id, QStringLiteral("evil.test"))));
    EXPECT_FALSE(h.tracker.handle(reply(id, QStringLiteral("bob@imp.test"))));
    EXPECT_FALSE(h.tracker.handle(reply(id, QStringLiteral("me@imp.test/other"))));
}

TEST(IqTrackerTest, ErrorReplyGivesTheCondition)
{
    Harness h;
    std::optional<imp::Result<XmlElement>> got;
    const QString id = h.tracker.send(request(QStringLiteral("imp.test")),
                                      [&](imp::Result<XmlElement> r) { got = std::move(r); });
    XmlElement err = reply(id, QStringLiteral("imp.test"), QStringLiteral("error"));
    XmlElement e(QStringLiteral("error"));
    e.addChild(XmlElement(QStringLiteral("item-not-found"),
                          QStringLiteral("urn:ietf:params:xml:ns:xmpp-stanzas")));
    err.addChild(e);
    EXPECT_TRUE(h.tracker.handle(err));
    ASSERT_TRUE(got.has_value());
    ASSERT_FALSE(got->ok());
    EXPECT_EQ(got->error().code, "xmpp.iq.item-not-found");
}

TEST(IqTrackerTest, TimeoutGivesAnError)
{
    Harness h;
    std::optional<imp::Result<XmlElement>> got;
    const QString id = h.tracker.send(
        request(QStringLiteral("bob@imp.test/phone")),
        [&](imp::Result<XmlElement> r) { got = std::move(r); }, 50ms);
    processEventsFor(200ms);
    ASSERT_TRUE(got.has_value());
    ASSERT_FALSE(got->ok());
    EXPECT_EQ(got->error().code, "xmpp.iq_timeout");
    EXPECT_EQ(h.tracker.pendingCount(), 0u);
    // A late reply is not delivered again.
    EXPECT_FALSE(h.tracker.handle(reply(id, QStringLiteral("bob@imp.test/phone"))));
}

TEST(IqTrackerTest, CancelAllFailsEveryPendingRequestOnce)
{
    Harness h;
    int disconnected = 0;
    for (int i = 0; i < 3; ++i)
        h.tracker.send(request(QString()), [&](imp::Result<XmlElement> r) {
            if (!r.ok() && r.error().code == "xmpp.disconnected")
                ++disconnected;
        });
    h.tracker.cancelAll();
    EXPECT_EQ(disconnected, 3);
    processEventsFor(20ms);
    EXPECT_EQ(disconnected, 3);
}

TEST(IqTrackerTest, IdsAreUnique)
{
    Harness h;
    QSet<QString> ids;
    for (int i = 0; i < 200; ++i)
        ids.insert(h.tracker.send(request(QString()), {}));
    EXPECT_EQ(ids.size(), 200);
    h.tracker.cancelAll();
}
