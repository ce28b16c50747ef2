#include "xmpp/Roster.h"

#include "StanzaFromXml.h"
#include "xmpp/Namespaces.h"

#include <gtest/gtest.h>

using namespace imp::xmpp;
using imp::xmpp::test::overTheWire;
using imp::xmpp::test::stanzaFromXml;
using Sub = RosterItem::Subscription;

TEST(RosterTest, BuildsGetSetAndRemove)
{
    EXPECT_EQ(Roster::getIq().toXml(ns::Client),
              "<iq type='get'><query xmlns='jabber:iq:roster'/></iq>");

    RosterItem item;
    item.jid = Jid(QStringLiteral("Bob@imp.test/phone")); // resource dropped
    item.name = QStringLiteral("Bob & \"Bobby\"");
    item.subscription = Sub::Both; // never sent: the server owns it
    item.askSubscribe = true;
    item.groups = {QStringLiteral("Friends"), QString(), QStringLiteral("Friends"),
                   QStringLiteral("Work")};
    EXPECT_EQ(Roster::setIq(item).toXml(ns::Client),
              "<iq type='set'><query xmlns='jabber:iq:roster'>"
              "<item jid='bob@imp.test' name='Bob &amp; &quot;Bobby&quot;'>"
              "<group>Friends</group><group>Work</group></item></query></iq>");

    EXPECT_EQ(Roster::removeIq(Jid(QStringLiteral("bob@imp.test"))).toXml(ns::Client),
              "<iq type='set'><query xmlns='jabber:iq:roster'>"
              "<item jid='bob@imp.test' subscription='remove'/></query></iq>");
    item.subscription = Sub::Remove;
    EXPECT_EQ(Roster::setIq(item), Roster::removeIq(item.jid));
}

TEST(RosterTest, ParsesAProsodyRosterResult)
{
    const auto items = Roster::items(stanzaFromXml(
        "<iq type='result' id='r1' to='alice@imp.test/dev1'>"
        "<query xmlns='jabber:iq:roster' ver='3'>"
        "<item jid='bob@imp.test' name='Bob' subscription='both'><group>Friends</group>"
        "<group>Work</group></item>"
        "<item jid='carol@imp.test' subscription='none' ask='subscribe'/>"
        "<item jid='dave@imp.test' subscription='to'/>"
        "<item jid='erin@imp.test' subscription='from' name='\xF0\x9F\x90\xB1 \xD7\xA2'/>"
        "</query></iq>"));
    ASSERT_TRUE(items);
    ASSERT_EQ(items->size(), 4);
    RosterItem bob;
    bob.jid = Jid(QStringLiteral("bob@imp.test"));
    bob.name = QStringLiteral("Bob");
    bob.subscription = Sub::Both;
    bob.groups = {QStringLiteral("Friends"), QStringLiteral("Work")};
    EXPECT_EQ(items->at(0), bob);
    EXPECT_EQ(items->at(1).subscription, Sub::None);
    EXPECT_TRUE(items->at(1).askSubscribe);
    EXPECT_EQ(items->at(2).subscription, Sub::To);
    EXPECT_FALSE(items->at(2).askSubscribe);
    EXPECT_EQ(items->at(3).subscription, Sub::From);
    EXPECT_EQ(items->at(3).name, QString::fromUtf8("\xF0\x9F\x90\xB1 \xD7\xA2"));

    // An empty roster is an empty list, not an error.
    const auto empty =
        Roster::items(stanzaFromXml("<iq type='result'><query xmlns='jabber:iq:roster'/></iq>"));
    ASSERT_TRUE(empty);
    EXPECT_TRUE(empty->isEmpty());
}

TEST(RosterTest, ParsesPushesAndRoundTripsOurSet)
{
    const auto push =
        Roster::items(stanzaFromXml("<iq type='set' id='push1' to='alice@imp.test/dev1'>"
                                    "<query xmlns='jabber:iq:roster'><item jid='bob@imp.test' "
                                    "subscription='remove'/></query></iq>"));
    ASSERT_TRUE(push);
    ASSERT_EQ(push->size(), 1);
    EXPECT_EQ(push->at(0).subscription, Sub::Remove);

    RosterItem item;
    item.jid = Jid(QStringLiteral("bob@imp.test"));
    item.name = QString::fromUtf8("\xD8\xA8\xD9\x88\xD8\xA8 \xF0\x9F\x98\x80");
    item.groups = {QStringLiteral("A"), QStringLiteral("B")};
    const auto back = Roster::items(overTheWire(Roster::setIq(item)));
    ASSERT_TRUE(back);
    ASSERT_EQ(back->size(), 1);
    EXPECT_EQ(back->at(0), item);
}

TEST(RosterTest, SkipsInvalidItems)
{
    const auto items = Roster::items(stanzaFromXml(
        "<iq type='result'><query xmlns='jabber:iq:roster'>"
        "<item jid='bob@imp.test/phone' subscription='both'/>" // full JID
        "<item subscription='both'/>"                          // no jid
        "<item jid='@imp.test'/><item jid='a b@imp.test'/><item jid=''/>"
        "<item jid='bob@imp.test' subscription='sideways' ask='maybe'>" // unknown values
        "<group>  Friends </group><group/><group>Friends</group></item>"
        "<item jid='BOB@imp.test' name='duplicate'/>"
        "<a jid='carol@imp.test'/>"
        "<item xmlns='urn:example' jid='dave@imp.test'/>"
        "<item jid='erin@imp.test' name='" +
        QByteArray(1001, 'n') + "'><group>" + QByteArray(1001, 'g') +
        "</group></item>"
        "</query></iq>"));
    ASSERT_TRUE(items);
    ASSERT_EQ(items->size(), 2);
    EXPECT_EQ(items->at(0).jid, Jid(QStringLiteral("bob@imp.test")));
    EXPECT_EQ(items->at(0).subscription, Sub::None);
    EXPECT_FALSE(items->at(0).askSubscribe);
    EXPECT_EQ(items->at(0).groups, QStringList{QStringLiteral("Friends")});
    EXPECT_TRUE(items->at(0).name.isEmpty());
    EXPECT_EQ(items->at(1).jid, Jid(QStringLiteral("erin@imp.test")));
    EXPECT_TRUE(items->at(1).name.isEmpty());
    EXPECT_TRUE(items->at(1).groups.isEmpty());
}

TEST(RosterTest, RejectsMalformedAndHugeRosters)
{
    EXPECT_FALSE(Roster::items(stanzaFromXml("<iq type='result'/>")));
    EXPECT_FALSE(Roster::items(stanzaFromXml("<iq type='get'><query xmlns='jabber:iq:roster'/>"
                                             "</iq>")));
    EXPECT_FALSE(Roster::items(stanzaFromXml("<iq type='error'><query xmlns='jabber:iq:roster'/>"
                                             "</iq>")));
    EXPECT_FALSE(Roster::items(stanzaFromXml("<iq type='result'><query xmlns='jabber:iq:version'/>"
                                             "</iq>")));
    EXPECT_FALSE(Roster::items(stanzaFromXml("<a type='result'><query xmlns='jabber:iq:roster'/>"
                                             "</a>")));
    EXPECT_FALSE(Roster::items(XmlElement()));

    // 10,000 items are fine, one more is not (built in code: the stream parser's stanza
    // size limit would stop such a roster earlier anyway).
    auto roster = [](int n) {
        XmlElement query(QStringLiteral("query"), ns::Roster);
        for (int i = 0; i < n; ++i) {
            XmlElement item(QStringLiteral("item"));
            item.setAttribute(QStringLiteral("jid"), QStringLiteral("u%1@imp.test").arg(i));
            query.addChild(item);
        }
        XmlElement iq(QStringLiteral("iq"));
        iq.setAttribute(QStringLiteral("type"), QStringLiteral("result"));
        iq.addChild(query);
        return iq;
    };
    const auto full = Roster::items(roster(Roster::kMaxItems));
    ASSERT_TRUE(full);
    EXPECT_EQ(full->size(), Roster::kMaxItems);
    EXPECT_FALSE(Roster::items(roster(Roster::kMaxItems + 1)));
}

TEST(RosterTest, OnlyOurOwnAccountMayPushTheRoster)
{
    const Jid me(QStringLiteral("alice@imp.test/dev1"));
    auto push = [](const QByteArray &from) {
        return stanzaFromXml("<iq type='set' id='p'" +
                             (from.isNull() ? QByteArray() : " from='" + from + "'") +
                             "><query xmlns='jabber:iq:roster'><item jid='mallory@imp.test' "
                             "subscription='both'/></query></iq>");
    };
    EXPECT_TRUE(Roster::isTrustedPush(push(QByteArray()), me));
    EXPECT_TRUE(Roster::isTrustedPush(push("alice@imp.test"), me));
    EXPECT_TRUE(Roster::isTrustedPush(push("ALICE@imp.test"), me));
    EXPECT_FALSE(Roster::isTrustedPush(push("mallory@imp.test"), me));
    EXPECT_FALSE(Roster::isTrustedPush(push("alice@imp.test/dev2"), me));
    EXPECT_FALSE(Roster::isTrustedPush(push("imp.test"), me));
    EXPECT_FALSE(Roster::isTrustedPush(push("@@"), me));
    EXPECT_FALSE(Roster::isTrustedPush(push("alice@imp.test"), Jid()));
}
