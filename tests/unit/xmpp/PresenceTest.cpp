#include "xmpp/Presence.h"

#include "StanzaFromXml.h"
#include "xmpp/Namespaces.h"

#include <gtest/gtest.h>

using namespace imp::xmpp;
using imp::xmpp::test::overTheWire;
using imp::xmpp::test::stanzaFromXml;
using Type = Presence::Type;

namespace {

std::optional<Presence> parse(const QByteArray &xml)
{
    const XmlElement e = stanzaFromXml(xml);
    EXPECT_FALSE(e.isNull()) << xml.toStdString();
    return Presence::fromStanza(e);
}

} // namespace

TEST(PresenceTest, BuildsSubscriptionStanzas)
{
    const Jid bob(QStringLiteral("bob@imp.test/phone"));
    EXPECT_EQ(Presence::subscribe(bob, QStringLiteral("Hi, it's Alice <3"), QStringLiteral("Alice"))
                  .toXml(ns::Client),
              "<presence type='subscribe' to='bob@imp.test'><status>Hi, it's Alice &lt;3</status>"
              "<nick xmlns='http://jabber.org/protocol/nick'>Alice</nick></presence>");
    EXPECT_EQ(Presence::subscribe(bob, QString(), QString()).toXml(ns::Client),
              "<presence type='subscribe' to='bob@imp.test'/>");
    EXPECT_EQ(Presence::subscribed(bob).toXml(ns::Client),
              "<presence type='subscribed' to='bob@imp.test'/>");
    EXPECT_EQ(Presence::unsubscribe(bob).toXml(ns::Client),
              "<presence type='unsubscribe' to='bob@imp.test'/>");
    EXPECT_EQ(Presence::unsubscribed(bob).toXml(ns::Client),
              "<presence type='unsubscribed' to='bob@imp.test'/>");
    EXPECT_EQ(Presence::available().toXml(ns::Client), "<presence/>");
}

TEST(PresenceTest, ParsesAFriendRequestAsDelivered)
{
    // As Prosody delivers a slixmpp client's subscription request: bare from, greeting, nick.
    const auto p = parse("<presence xmlns='jabber:client' type='subscribe' from='bob@imp.test' "
                         "to='alice@imp.test'><status>Hello \xF0\x9F\x91\x8B "
                         "\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D</status>"
                         "<nick xmlns='http://jabber.org/protocol/nick'> Bob </nick></presence>");
    ASSERT_TRUE(p);
    EXPECT_EQ(p->type, Type::Subscribe);
    EXPECT_EQ(p->from, Jid(QStringLiteral("bob@imp.test")));
    EXPECT_EQ(p->to, Jid(QStringLiteral("alice@imp.test")));
    EXPECT_EQ(p->status,
              QString::fromUtf8("Hello \xF0\x9F\x91\x8B \xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D"));
    EXPECT_EQ(p->nickname, "Bob");
}

TEST(PresenceTest, ParsesEveryType)
{
    const std::pair<const char *, Type> types[] = {{"", Type::Available},
                                                   {" type='unavailable'", Type::Unavailable},
                                                   {" type='subscribe'", Type::Subscribe},
                                                   {" type='subscribed'", Type::Subscribed},
                                                   {" type='unsubscribe'", Type::Unsubscribe},
                                                   {" type='unsubscribed'", Type::Unsubscribed},
                                                   {" type='probe'", Type::Probe},
                                                   {" type='error'", Type::Error}};
    for (const auto &[attr, type] : types) {
        const auto p = parse(QByteArray("<presence from='bob@imp.test/phone'") + attr +
                             "><show>away</show><priority>5</priority>"
                             "<c xmlns='http://jabber.org/protocol/caps' hash='sha-1' "
                             "node='https://slixmpp.com/' ver='abc='/></presence>");
        ASSERT_TRUE(p) << attr;
        EXPECT_EQ(p->type, type) << attr;
    }
    const auto err = parse("<presence type='error' from='nobody@imp.test'><error type='cancel'>"
                           "<remote-server-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>"
                           "</error></presence>");
    ASSERT_TRUE(err);
    EXPECT_EQ(err->errorCondition, "remote-server-not-found");
}

TEST(PresenceTest, RoundTrips)
{
    Presence p;
    p.type = Type::Subscribe;
    p.to = Jid(QStringLiteral("bob@imp.test"));
    p.status = QString::fromUtf8("\xD9\x85\xD8\xB1\xD8\xAD\xD8\xA8\xD8\xA7 \xF0\x9F\x98\x80\n"
                                 "second line & <tags>");
    p.nickname = QString::fromUtf8("\xE5\xB0\x8F\xE6\x98\x8E");
    EXPECT_EQ(Presence::fromStanza(overTheWire(p.toStanza())), p);

    Presence unavailable;
    unavailable.type = Type::Unavailable;
    unavailable.from = Jid(QStringLiteral("alice@imp.test/dev1"));
    EXPECT_EQ(Presence::fromStanza(overTheWire(unavailable.toStanza())), unavailable);

    Presence error;
    error.type = Type::Error;
    error.errorCondition = QStringLiteral("not-authorized");
    EXPECT_EQ(Presence::fromStanza(overTheWire(error.toStanza())), error);
}

TEST(PresenceTest, CapsGreetingAndNickname)
{
    // A spammer's essay-length greeting is cut, never split inside a surrogate pair.
    QString greeting(Presence::kMaxStatusChars - 1, QLatin1Char('g'));
    greeting += QString::fromUtf8("\xF0\x9F\x98\x80"); // crosses the limit
    greeting += QString(5000, QLatin1Char('h'));
    const auto p = Presence::fromStanza(overTheWire(Presence::subscribe(
        Jid(QStringLiteral("bob@imp.test")), greeting, QString(300, QLatin1Char('n')))));
    ASSERT_TRUE(p);
    EXPECT_EQ(p->status, QString(Presence::kMaxStatusChars - 1, QLatin1Char('g')));
    EXPECT_EQ(p->nickname.size(), Presence::kMaxNicknameChars);

    // The same when received from someone who does not cap.
    const auto received =
        parse("<presence type='subscribe' from='bob@imp.test'><status>" + QByteArray(5000, 's') +
              "</status><nick "
              "xmlns='http://jabber.org/protocol/nick'>" +
              QByteArray(5000, 'n') + "</nick></presence>");
    ASSERT_TRUE(received);
    EXPECT_EQ(received->status.size(), Presence::kMaxStatusChars);
    EXPECT_EQ(received->nickname.size(), Presence::kMaxNicknameChars);
}

TEST(PresenceTest, HostileInput)
{
    EXPECT_FALSE(parse("<presence type='subscribe-all' from='bob@imp.test'/>"));
    EXPECT_FALSE(parse("<presence type='subscribe' from='bob@@imp.test'/>"));
    EXPECT_FALSE(parse("<presence type='subscribe' from='bob@imp.test/'/>"));
    EXPECT_FALSE(parse("<presence type='subscribe' from='bob@imp..test'/>"));
    EXPECT_FALSE(parse("<presence type='subscribe' to='&lt;x&gt;@imp.test'/>"));
    EXPECT_FALSE(parse("<message type='subscribe' from='bob@imp.test'/>"));
    EXPECT_FALSE(parse("<a><presence type='subscribe' from='bob@imp.test'/></a>"));
    EXPECT_FALSE(parse("<presence xmlns='jabber:server' type='subscribe' from='bob@imp.test'/>"));
    EXPECT_FALSE(Presence::fromStanza(XmlElement()));
    // Statuses and nicks in the wrong namespace or nested are not taken.
    const auto p = parse("<presence type='subscribe' from='bob@imp.test'>"
                         "<status xmlns='urn:example'>evil</status>"
                         "<nick>not-xep-0172</nick><a><status>nested</status></a>"
                         "<status xml:lang='de'>Hallo</status><status>Hello</status></presence>");
    ASSERT_TRUE(p);
    EXPECT_EQ(p->status, "Hello");
    EXPECT_TRUE(p->nickname.isEmpty());
}
