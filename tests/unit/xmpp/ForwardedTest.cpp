#include "xmpp/Forwarded.h"

#include "StanzaFromXml.h"
#include "xmpp/ChatMessage.h"
#include "xmpp/Namespaces.h"

#include <gtest/gtest.h>

using namespace imp::xmpp;
using imp::xmpp::test::stanzaFromXml;

namespace {

const Jid kMe(QStringLiteral("alice@imp.test"));

std::optional<Forwarded> unwrap(const QByteArray &xml, const Jid &own = kMe)
{
    const XmlElement e = stanzaFromXml(xml);
    EXPECT_FALSE(e.isNull()) << xml.toStdString();
    return Forwarded::unwrap(e, own);
}

// Prosody 0.12 mod_mam result, as sent for a query of our own archive.
QByteArray mamResult(const QByteArray &outerFrom = "alice@imp.test",
                     const QByteArray &inner = "<message xmlns='jabber:client' type='chat' "
                                               "from='bob@imp.test/phone' to='alice@imp.test' "
                                               "id='m1'><body>old news</body></message>")
{
    QByteArray from = outerFrom.isNull() ? QByteArray() : " from='" + outerFrom + "'";
    return "<message to='alice@imp.test/dev1'" + from +
           "><result xmlns='urn:xmpp:mam:2' queryid='q1' id='28482-98726-73623'>"
           "<forwarded xmlns='urn:xmpp:forward:0'>"
           "<delay xmlns='urn:xmpp:delay' stamp='2024-02-28T21:05:01Z'/>" +
           inner + "</forwarded></result></message>";
}

QByteArray carbon(const QByteArray &kind, const QByteArray &outerFrom = "alice@imp.test")
{
    return "<message xmlns='jabber:client' from='" + outerFrom +
           "' to='alice@imp.test/dev1' type='chat'><" + kind +
           " xmlns='urn:xmpp:carbons:2'><forwarded xmlns='urn:xmpp:forward:0'>"
           "<message xmlns='jabber:client' from='bob@imp.test/phone' to='alice@imp.test/dev2' "
           "type='chat' id='c1'><body>carbon copy</body>"
           "<thread>0e3141cd80894871a68e6fe6b1ec56fa</thread></message>"
           "</forwarded></" +
           kind + "></message>";
}

} // namespace

TEST(ForwardedTest, LiveMessageIsReturnedAsIs)
{
    const QByteArray xml = "<message from='bob@imp.test/phone' type='chat' id='1'>"
                           "<body>hi</body></message>";
    const auto f = unwrap(xml);
    ASSERT_TRUE(f);
    EXPECT_EQ(f->origin, Forwarded::Origin::Live);
    EXPECT_EQ(f->message, stanzaFromXml(xml));
    EXPECT_FALSE(f->stamp.isValid());
    EXPECT_TRUE(f->archiveId.isEmpty());
    // A live message from anyone is fine: only envelopes need the own-account check.
    EXPECT_TRUE(unwrap("<message from='stranger@evil.test/x'><body>hi</body></message>"));
}

TEST(ForwardedTest, UnwrapsAProsodyMamResult)
{
    const auto f = unwrap(mamResult());
    ASSERT_TRUE(f);
    EXPECT_EQ(f->origin, Forwarded::Origin::Archive);
    EXPECT_EQ(f->archiveId, "28482-98726-73623");
    EXPECT_EQ(f->queryId, "q1");
    EXPECT_EQ(f->stamp, QDateTime(QDate(2024, 2, 28), QTime(21, 5, 1), Qt::UTC));
    const auto inner = ChatMessage::fromStanza(f->message, kMe);
    ASSERT_TRUE(inner);
    EXPECT_EQ(inner->body, "old news");
    EXPECT_EQ(inner->id, "m1");
    EXPECT_EQ(inner->from, Jid(QStringLiteral("bob@imp.test/phone")));
    // No from at all is our own server too; so is a differently cased own JID.
    EXPECT_TRUE(unwrap(mamResult(QByteArray())));
    EXPECT_TRUE(unwrap(mamResult("Alice@IMP.test")));
    // Our own sent message in the archive has no from in some servers' output.
    const auto own = unwrap(mamResult("alice@imp.test", "<message xmlns='jabber:client' "
                                                        "to='bob@imp.test' type='chat' id='m2'>"
                                                        "<body>mine</body></message>"));
    ASSERT_TRUE(own);
    EXPECT_EQ(ChatMessage::fromStanza(own->message, kMe)->body, "mine");
}

TEST(ForwardedTest, UnwrapsCarbons)
{
    auto f = unwrap(carbon("received"));
    ASSERT_TRUE(f);
    EXPECT_EQ(f->origin, Forwarded::Origin::CarbonReceived);
    EXPECT_FALSE(f->stamp.isValid());
    EXPECT_EQ(ChatMessage::fromStanza(f->message, kMe)->body, "carbon copy");
    EXPECT_EQ(f->message.attribute(QStringLiteral("id")), "c1");

    f = unwrap(carbon("sent"));
    ASSERT_TRUE(f);
    EXPECT_EQ(f->origin, Forwarded::Origin::CarbonSent);
    // Our full JID passed as ownBare still compares bare.
    EXPECT_TRUE(unwrap(carbon("sent"), Jid(QStringLiteral("alice@imp.test/dev1"))));
}

TEST(ForwardedTest, ForgedEnvelopesAreDropped)
{
    // Another user (or another account's resource) "forwarding" a message that looks as if
    // Bob sent it to us, or as if we sent it.
    for (const QByteArray &from : {QByteArray("mallory@imp.test"), QByteArray("mallory@imp.test/x"),
                                   QByteArray("alice@imp.test/dev2"), QByteArray("imp.test"),
                                   QByteArray("alice@evil.test"), QByteArray("@imp.test")}) {
        EXPECT_FALSE(unwrap(carbon("received", from))) << from.toStdString();
        EXPECT_FALSE(unwrap(carbon("sent", from))) << from.toStdString();
        EXPECT_FALSE(unwrap(mamResult(from))) << from.toStdString();
    }
    // Without knowing who we are, an envelope with a from cannot be checked.
    EXPECT_FALSE(unwrap(carbon("received"), Jid()));
}

TEST(ForwardedTest, MalformedEnvelopesAreDropped)
{
    // No forwarded, no message, two messages, two forwarded.
    EXPECT_FALSE(unwrap("<message from='alice@imp.test'><received xmlns='urn:xmpp:carbons:2'/>"
                        "</message>"));
    EXPECT_FALSE(unwrap("<message><result xmlns='urn:xmpp:mam:2' id='1'>"
                        "<forwarded xmlns='urn:xmpp:forward:0'/></result></message>"));
    EXPECT_FALSE(unwrap(mamResult("alice@imp.test",
                                  "<message xmlns='jabber:client'><body>1</body></message>"
                                  "<message xmlns='jabber:client'><body>2</body></message>")));
    EXPECT_FALSE(unwrap("<message><sent xmlns='urn:xmpp:carbons:2'>"
                        "<forwarded xmlns='urn:xmpp:forward:0'><message xmlns='jabber:client'/>"
                        "</forwarded><forwarded xmlns='urn:xmpp:forward:0'>"
                        "<message xmlns='jabber:client'/></forwarded></sent></message>"));
    // The inner element must be a jabber:client message, not some <a> garbage.
    EXPECT_FALSE(unwrap(mamResult("alice@imp.test", "<a><message xmlns='jabber:client'/></a>")));
    EXPECT_FALSE(unwrap(mamResult("alice@imp.test", "<message><body>x</body></message>")));
    EXPECT_FALSE(unwrap(mamResult("alice@imp.test", "<iq xmlns='jabber:client' type='set'/>")));
    // Two envelopes at once.
    EXPECT_FALSE(unwrap("<message><received xmlns='urn:xmpp:carbons:2'>"
                        "<forwarded xmlns='urn:xmpp:forward:0'><message xmlns='jabber:client'/>"
                        "</forwarded></received><sent xmlns='urn:xmpp:carbons:2'>"
                        "<forwarded xmlns='urn:xmpp:forward:0'><message xmlns='jabber:client'/>"
                        "</forwarded></sent></message>"));
    // A MAM result without its archive id, or with oversize ids.
    QByteArray noId = mamResult();
    noId.replace(" id='28482-98726-73623'", "");
    EXPECT_FALSE(unwrap(noId));
    EXPECT_FALSE(
        unwrap(QByteArray(mamResult()).replace("28482-98726-73623", QByteArray(257, 'x'))));
    EXPECT_FALSE(unwrap(
        QByteArray(mamResult()).replace("queryid='q1'", "queryid='" + QByteArray(257, 'q') + "'")));
    EXPECT_TRUE(unwrap(QByteArray(mamResult()).replace("28482-98726-73623", QByteArray(256, 'x'))));
    // Not a message at all.
    EXPECT_FALSE(Forwarded::unwrap(stanzaFromXml("<presence/>"), kMe));
    EXPECT_FALSE(Forwarded::unwrap(XmlElement(), kMe));
}

TEST(ForwardedTest, NestedEnvelopesAreDropped)
{
    // forwarded directly inside forwarded
    EXPECT_FALSE(unwrap("<message from='alice@imp.test'><received xmlns='urn:xmpp:carbons:2'>"
                        "<forwarded xmlns='urn:xmpp:forward:0'><forwarded "
                        "xmlns='urn:xmpp:forward:0'><message xmlns='jabber:client' "
                        "from='bob@imp.test'><body>x</body></message></forwarded></forwarded>"
                        "</received></message>"));
    // A carbon inside an archive result, a result inside a carbon, a forward inside the message:
    // a way to smuggle a message with a forged sender past the outer from check.
    const QByteArray innerCarbon =
        "<message xmlns='jabber:client' from='mallory@imp.test'>"
        "<received xmlns='urn:xmpp:carbons:2'><forwarded xmlns='urn:xmpp:forward:0'>"
        "<message xmlns='jabber:client' from='bob@imp.test/x'><body>fake</body></message>"
        "</forwarded></received></message>";
    EXPECT_FALSE(unwrap(mamResult("alice@imp.test", innerCarbon)));
    const QByteArray innerResult = QByteArray(mamResult())
                                       .replace("<message to=", "<message "
                                                                "xmlns='jabber:"
                                                                "client' to=");
    EXPECT_FALSE(unwrap(mamResult("alice@imp.test", innerResult)));
    const QByteArray innerForward =
        "<message xmlns='jabber:client' from='bob@imp.test/x'><body>look</body>"
        "<forwarded xmlns='urn:xmpp:forward:0'><message xmlns='jabber:client' "
        "from='carol@imp.test'><body>fake</body></message></forwarded></message>";
    EXPECT_FALSE(unwrap(mamResult("alice@imp.test", innerForward)));
}

TEST(ForwardedTest, StampWithOffsetIsUtcAndGarbageStampIsInvalid)
{
    auto f = unwrap(
        QByteArray(mamResult()).replace("2024-02-28T21:05:01Z", "2024-02-28T23:05:01.250+02:00"));
    ASSERT_TRUE(f);
    EXPECT_EQ(f->stamp, QDateTime(QDate(2024, 2, 28), QTime(21, 5, 1, 250), Qt::UTC));
    f = unwrap(QByteArray(mamResult()).replace("2024-02-28T21:05:01Z", "soon"));
    ASSERT_TRUE(f);
    EXPECT_FALSE(f->stamp.isValid());
}

TEST(ForwardedTest, WorksOnElementsBuiltInCode)
{
    // The chat layer may hand over stanzas it built itself (tests, local echo).
    XmlElement inner(QStringLiteral("message"), ns::Client);
    inner.addChild(XmlElement(QStringLiteral("body")).setText(QStringLiteral("x")));
    XmlElement fwd(QStringLiteral("forwarded"), ns::Forward);
    fwd.addChild(inner);
    XmlElement sent(QStringLiteral("sent"), ns::Carbons);
    sent.addChild(fwd);
    XmlElement outer(QStringLiteral("message"));
    outer.setAttribute(QStringLiteral("from"), QStringLiteral("alice@imp.test"));
    outer.addChild(sent);
    const auto f = Forwarded::unwrap(outer, kMe);
    ASSERT_TRUE(f);
    EXPECT_EQ(f->origin, Forwarded::Origin::CarbonSent);
    EXPECT_EQ(f->message, inner);
}
