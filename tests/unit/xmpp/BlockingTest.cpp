#include "xmpp/Blocking.h"

#include "StanzaFromXml.h"
#include "xmpp/Namespaces.h"

#include <gtest/gtest.h>

using namespace imp::xmpp;
using imp::xmpp::test::overTheWire;
using imp::xmpp::test::stanzaFromXml;

namespace {

const Jid kMe(QStringLiteral("alice@imp.test"));

} // namespace

TEST(BlockingTest, BuildsListBlockAndUnblock)
{
    EXPECT_EQ(Blocking::listIq().toXml(ns::Client),
              "<iq type='get'><blocklist xmlns='urn:xmpp:blocking'/></iq>");
    const QList<Jid> jids{Jid(QStringLiteral("spam@evil.test")),
                          Jid(QStringLiteral("bob@imp.test/phone")),
                          Jid(QStringLiteral("evil.test"))};
    EXPECT_EQ(Blocking::blockIq(jids).toXml(ns::Client),
              "<iq type='set'><block xmlns='urn:xmpp:blocking'><item jid='spam@evil.test'/>"
              "<item jid='bob@imp.test/phone'/><item jid='evil.test'/></block></iq>");
    EXPECT_EQ(Blocking::unblockIq({Jid(QStringLiteral("spam@evil.test"))}).toXml(ns::Client),
              "<iq type='set'><unblock xmlns='urn:xmpp:blocking'><item jid='spam@evil.test'/>"
              "</unblock></iq>");
    EXPECT_EQ(Blocking::unblockIq({}).toXml(ns::Client),
              "<iq type='set'><unblock xmlns='urn:xmpp:blocking'/></iq>");
}

TEST(BlockingTest, BuildsASpamReport)
{
    EXPECT_EQ(Blocking::reportIq(Jid(QStringLiteral("spam@evil.test")), Blocking::Reason::Spam,
                                 QStringLiteral("Sells <pills>"),
                                 {QStringLiteral("s-1"), QString(), QStringLiteral("s-2")}, kMe)
                  .toXml(ns::Client),
              "<iq type='set'><block xmlns='urn:xmpp:blocking'><item jid='spam@evil.test'>"
              "<report xmlns='urn:xmpp:reporting:1' reason='urn:xmpp:reporting:spam'>"
              "<stanza-id xmlns='urn:xmpp:sid:0' by='alice@imp.test' id='s-1'/>"
              "<stanza-id xmlns='urn:xmpp:sid:0' by='alice@imp.test' id='s-2'/>"
              "<text>Sells &lt;pills&gt;</text></report></item></block></iq>");
    EXPECT_EQ(Blocking::reportIq(Jid(QStringLiteral("troll@evil.test")), Blocking::Reason::Abuse,
                                 QString())
                  .toXml(ns::Client),
              "<iq type='set'><block xmlns='urn:xmpp:blocking'><item jid='troll@evil.test'>"
              "<report xmlns='urn:xmpp:reporting:1' reason='urn:xmpp:reporting:abuse'/>"
              "</item></block></iq>");
    // The report text is capped (at a character boundary).
    QString text(Blocking::kMaxReportTextChars - 1, QLatin1Char('t'));
    text += QString::fromUtf8("\xF0\x9F\x98\x80") + QString(10, QLatin1Char('u'));
    const XmlElement iq = overTheWire(
        Blocking::reportIq(Jid(QStringLiteral("a@b.test")), Blocking::Reason::Spam, text));
    const QString sent = iq.firstChild(QStringLiteral("block"))
                             .firstChild(QStringLiteral("item"))
                             .firstChild(QStringLiteral("report"))
                             .firstChild(QStringLiteral("text"))
                             .text();
    EXPECT_EQ(sent, QString(Blocking::kMaxReportTextChars - 1, QLatin1Char('t')));
    // The report is a block too: our own push parser reads it as one.
    const auto push = Blocking::pushFromIq(iq);
    ASSERT_TRUE(push);
    EXPECT_TRUE(push->blocked);
    EXPECT_EQ(push->jids, QList<Jid>{Jid(QStringLiteral("a@b.test"))});
}

TEST(BlockingTest, ParsesTheBlocklist)
{
    const auto list = Blocking::listFromResult(
        stanzaFromXml("<iq type='result' id='b1' to='alice@imp.test/dev1'>"
                      "<blocklist xmlns='urn:xmpp:blocking'>"
                      "<item jid='romeo@montague.net'/><item jid='iago@shakespeare.lit/x'/>"
                      "<item jid='evil.test'/><item jid='@bad'/><item/><a jid='x@y.test'/>"
                      "</blocklist></iq>"));
    ASSERT_TRUE(list);
    EXPECT_EQ(*list, (QList<Jid>{Jid(QStringLiteral("romeo@montague.net")),
                                 Jid(QStringLiteral("iago@shakespeare.lit/x")),
                                 Jid(QStringLiteral("evil.test"))}));
    const auto empty = Blocking::listFromResult(
        stanzaFromXml("<iq type='result'><blocklist xmlns='urn:xmpp:blocking'/></iq>"));
    ASSERT_TRUE(empty);
    EXPECT_TRUE(empty->isEmpty());

    EXPECT_FALSE(Blocking::listFromResult(stanzaFromXml("<iq type='result'/>")));
    EXPECT_FALSE(Blocking::listFromResult(
        stanzaFromXml("<iq type='error'><blocklist xmlns='urn:xmpp:blocking'/></iq>")));
    EXPECT_FALSE(Blocking::listFromResult(
        stanzaFromXml("<iq type='result'><blocklist xmlns='urn:example'/></iq>")));
    EXPECT_FALSE(Blocking::listFromResult(XmlElement()));

    auto big = [](int n) {
        XmlElement blocklist(QStringLiteral("blocklist"), ns::Blocking);
        for (int i = 0; i < n; ++i)
            blocklist.addChild(
                XmlElement(QStringLiteral("item"))
                    .setAttribute(QStringLiteral("jid"), QStringLiteral("s%1@evil.test").arg(i)));
        XmlElement iq(QStringLiteral("iq"));
        iq.setAttribute(QStringLiteral("type"), QStringLiteral("result"));
        iq.addChild(blocklist);
        return iq;
    };
    EXPECT_EQ(Blocking::listFromResult(big(Blocking::kMaxItems))->size(), Blocking::kMaxItems);
    EXPECT_FALSE(Blocking::listFromResult(big(Blocking::kMaxItems + 1)));
}

TEST(BlockingTest, ParsesPushes)
{
    // As Prosody's mod_blocklist pushes them: no from.
    auto push = Blocking::pushFromIq(
        stanzaFromXml("<iq type='set' id='blocklist-push'><block xmlns='urn:xmpp:blocking'>"
                      "<item jid='spam@evil.test'/></block></iq>"));
    ASSERT_TRUE(push);
    EXPECT_TRUE(push->blocked);
    EXPECT_FALSE(push->all);
    EXPECT_EQ(push->jids, QList<Jid>{Jid(QStringLiteral("spam@evil.test"))});

    push = Blocking::pushFromIq(stanzaFromXml(
        "<iq type='set' id='p2'><unblock xmlns='urn:xmpp:blocking'><item jid='a@b.test'/>"
        "<item jid='c@d.test'/></unblock></iq>"));
    ASSERT_TRUE(push);
    EXPECT_FALSE(push->blocked);
    EXPECT_FALSE(push->all);
    EXPECT_EQ(push->jids.size(), 2);

    push = Blocking::pushFromIq(
        stanzaFromXml("<iq type='set' id='p3'><unblock xmlns='urn:xmpp:blocking'/></iq>"));
    ASSERT_TRUE(push);
    EXPECT_FALSE(push->blocked);
    EXPECT_TRUE(push->all);
    EXPECT_TRUE(push->jids.isEmpty());

    // Our own bare JID as from is fine when we say who we are.
    const XmlElement fromMe =
        stanzaFromXml("<iq type='set' from='alice@imp.test'><block xmlns='urn:xmpp:blocking'>"
                      "<item jid='spam@evil.test'/></block></iq>");
    EXPECT_TRUE(Blocking::pushFromIq(fromMe, Jid(QStringLiteral("alice@imp.test/dev1"))));
    EXPECT_FALSE(Blocking::pushFromIq(fromMe)); // cannot be checked without our JID
}

TEST(BlockingTest, HostilePushes)
{
    // Someone else "unblocking everything" for us, or blocking our friends.
    for (const char *from : {"mallory@imp.test", "alice@imp.test/dev2", "imp.test", "x@@y"}) {
        EXPECT_FALSE(
            Blocking::pushFromIq(stanzaFromXml(QByteArray("<iq type='set' from='") + from +
                                               "'><unblock xmlns='urn:xmpp:blocking'/></iq>"),
                                 kMe))
            << from;
    }
    // An unblock whose items are all invalid must not turn into "unblock all".
    EXPECT_FALSE(Blocking::pushFromIq(stanzaFromXml(
        "<iq type='set'><unblock xmlns='urn:xmpp:blocking'><item jid='@bad'/></unblock></iq>")));
    // A block without (valid) items, wrong type, wrong namespace, garbage.
    EXPECT_FALSE(Blocking::pushFromIq(
        stanzaFromXml("<iq type='set'><block xmlns='urn:xmpp:blocking'/></iq>")));
    EXPECT_FALSE(Blocking::pushFromIq(stanzaFromXml(
        "<iq type='set'><block xmlns='urn:xmpp:blocking'><item jid=''/></block></iq>")));
    EXPECT_FALSE(Blocking::pushFromIq(stanzaFromXml(
        "<iq type='result'><block xmlns='urn:xmpp:blocking'><item jid='a@b.test'/></block></iq>")));
    EXPECT_FALSE(Blocking::pushFromIq(stanzaFromXml(
        "<iq type='set'><block xmlns='urn:example'><item jid='a@b.test'/></block></iq>")));
    EXPECT_FALSE(Blocking::pushFromIq(stanzaFromXml(
        "<a type='set'><block xmlns='urn:xmpp:blocking'><item jid='a@b.test'/></block></a>")));
}
