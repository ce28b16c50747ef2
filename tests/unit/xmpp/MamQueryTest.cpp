#include "xmpp/MamQuery.h"

#include "StanzaFromXml.h"
#include "xmpp/Namespaces.h"

#include <QTimeZone>
#include <gtest/gtest.h>

using namespace imp::xmpp;
using imp::xmpp::test::overTheWire;
using imp::xmpp::test::stanzaFromXml;

TEST(MamQueryTest, BuildsTheLastPageQuery)
{
    MamQuery q;
    q.queryId = QStringLiteral("q1");
    q.with = QStringLiteral("bob@imp.test");
    q.before = QString();
    q.max = 50;
    EXPECT_EQ(q.toIq().toXml(ns::Client),
              "<iq type='set'><query xmlns='urn:xmpp:mam:2' queryid='q1'>"
              "<x xmlns='jabber:x:data' type='submit'>"
              "<field var='FORM_TYPE' type='hidden'><value>urn:xmpp:mam:2</value></field>"
              "<field var='with'><value>bob@imp.test</value></field></x>"
              "<set xmlns='http://jabber.org/protocol/rsm'><max>50</max><before/></set>"
              "</query></iq>");
}

TEST(MamQueryTest, BuildsForwardPagingFromAStartTime)
{
    MamQuery q;
    q.queryId = QStringLiteral("q2");
    q.start = QDateTime(QDate(2024, 3, 1), QTime(12, 0), QTimeZone(3600));
    q.after = QStringLiteral("09af3-cc343-b409f");
    const XmlElement iq = overTheWire(q.toIq());
    EXPECT_FALSE(iq.hasAttribute(QStringLiteral("id"))); // IqTracker's job
    EXPECT_FALSE(iq.hasAttribute(QStringLiteral("to"))); // our own archive
    const XmlElement query = iq.firstChild(QStringLiteral("query"), ns::Mam);
    ASSERT_FALSE(query.isNull());
    EXPECT_EQ(query.attribute(QStringLiteral("queryid")), "q2");
    const XmlElement form = query.firstChild(QStringLiteral("x"), ns::DataForms);
    ASSERT_EQ(form.children().size(), 2);
    EXPECT_EQ(form.children()[1].attribute(QStringLiteral("var")), "start");
    EXPECT_EQ(form.children()[1].firstChild(QStringLiteral("value")).text(),
              "2024-03-01T11:00:00Z"); // UTC, XEP-0082
    const XmlElement set = query.firstChild(QStringLiteral("set"), ns::Rsm);
    EXPECT_EQ(set.firstChild(QStringLiteral("max")).text(), "100");
    EXPECT_EQ(set.firstChild(QStringLiteral("after")).text(), "09af3-cc343-b409f");
    EXPECT_FALSE(set.hasChild(QStringLiteral("before")));

    q.start = QDateTime(QDate(2024, 3, 1), QTime(12, 0, 0, 5), Qt::UTC);
    q.after.reset();
    q.before = QStringLiteral("B");
    q.max = -3;
    const XmlElement again = q.toIq();
    const XmlElement q2 = again.firstChild(QStringLiteral("query"), ns::Mam);
    EXPECT_EQ(q2.firstChild(QStringLiteral("x"), ns::DataForms)
                  .children()[1]
                  .firstChild(QStringLiteral("value"))
                  .text(),
              "2024-03-01T12:00:00.005Z");
    const XmlElement set2 = q2.firstChild(QStringLiteral("set"), ns::Rsm);
    EXPECT_EQ(set2.firstChild(QStringLiteral("before")).text(), "B");
    EXPECT_EQ(set2.firstChild(QStringLiteral("max")).text(), "0");
}

TEST(MamQueryTest, ParsesProsodyFin)
{
    auto fin = MamFin::fromIq(stanzaFromXml(
        "<iq type='result' id='a1' to='alice@imp.test/dev1'>"
        "<fin xmlns='urn:xmpp:mam:2' complete='true'>"
        "<set xmlns='http://jabber.org/protocol/rsm'><first index='0'>28482-98726-73623</first>"
        "<last>09af3-cc343-b409f</last><count>20</count></set></fin></iq>"));
    ASSERT_TRUE(fin);
    EXPECT_EQ(fin->first, "28482-98726-73623");
    EXPECT_EQ(fin->last, "09af3-cc343-b409f");
    EXPECT_TRUE(fin->complete);
    EXPECT_EQ(fin->count, 20);

    // More to come (no complete attribute), no count, pretty-printed.
    fin = MamFin::fromIq(stanzaFromXml("<iq type='result' id='a2'>\n"
                                       "  <fin xmlns='urn:xmpp:mam:2'>\n"
                                       "    <set xmlns='http://jabber.org/protocol/rsm'>\n"
                                       "      <first>f</first>\n      <last> l </last>\n"
                                       "    </set>\n  </fin>\n</iq>"));
    ASSERT_TRUE(fin);
    EXPECT_FALSE(fin->complete);
    EXPECT_EQ(fin->first, "f");
    EXPECT_EQ(fin->last, "l");
    EXPECT_EQ(fin->count, -1);

    // An empty page: Prosody sends only the count.
    fin =
        MamFin::fromIq(stanzaFromXml("<iq type='result' id='a3'><fin xmlns='urn:xmpp:mam:2' "
                                     "complete='true'><set xmlns='http://jabber.org/protocol/rsm'>"
                                     "<count>0</count></set></fin></iq>"));
    ASSERT_TRUE(fin);
    EXPECT_TRUE(fin->first.isEmpty());
    EXPECT_TRUE(fin->last.isEmpty());
    EXPECT_EQ(fin->count, 0);
    EXPECT_TRUE(fin->complete);

    fin = MamFin::fromIq(
        stanzaFromXml("<iq type='result'><fin xmlns='urn:xmpp:mam:2' complete='1'/></iq>"));
    ASSERT_TRUE(fin);
    EXPECT_TRUE(fin->complete);
}

TEST(MamQueryTest, HostileFin)
{
    // Not a result, no fin, fin in the wrong namespace (an old mam:1 server), garbage.
    EXPECT_FALSE(MamFin::fromIq(stanzaFromXml("<iq type='error'><fin xmlns='urn:xmpp:mam:2'/>"
                                              "</iq>")));
    EXPECT_FALSE(MamFin::fromIq(stanzaFromXml("<iq type='result'/>")));
    EXPECT_FALSE(MamFin::fromIq(stanzaFromXml("<iq type='result'><fin xmlns='urn:xmpp:mam:1'/>"
                                              "</iq>")));
    EXPECT_FALSE(MamFin::fromIq(stanzaFromXml("<a><fin xmlns='urn:xmpp:mam:2'/></a>")));
    EXPECT_FALSE(MamFin::fromIq(XmlElement()));
    // Oversize ids.
    const QByteArray big(257, 'x');
    EXPECT_FALSE(MamFin::fromIq(stanzaFromXml(
        "<iq type='result'><fin xmlns='urn:xmpp:mam:2'><set xmlns='http://jabber.org/protocol/rsm'>"
        "<first>" +
        big + "</first><last>l</last></set></fin></iq>")));
    EXPECT_FALSE(MamFin::fromIq(stanzaFromXml(
        "<iq type='result'><fin xmlns='urn:xmpp:mam:2'><set xmlns='http://jabber.org/protocol/rsm'>"
        "<first>f</first><last>" +
        big + "</last></set></fin></iq>")));
    // Unreadable or negative counts are "unknown", not an error.
    for (const char *count : {"-5", "lots", "99999999999999999999", ""}) {
        const auto fin = MamFin::fromIq(
            stanzaFromXml(QByteArray("<iq type='result'><fin xmlns='urn:xmpp:mam:2'>"
                                     "<set xmlns='http://jabber.org/protocol/rsm'><count>") +
                          count + "</count></set></fin></iq>"));
        ASSERT_TRUE(fin) << count;
        EXPECT_EQ(fin->count, -1) << count;
    }
}
