#include "chat/messages/StanzaCodec.h"

#include "StanzaParse.h"
#include "chat/messages/OutboxEntry.h"
#include "xmpp/Namespaces.h"

#include <gtest/gtest.h>

using imp::chat::Message;
using imp::chat::messages::OutboxEntry;
using imp::chat::messages::StanzaCodec;
using imp::xmpp::Forwarded;
using imp::xmpp::Jid;
using imp::xmpp::XmlElement;

namespace {

XmlElement parse(const QByteArray &xml)
{
    return imp::test::parseStanza(xml);
}

const Jid Own(QStringLiteral("alice@imp.test"));
const QDateTime Now = QDateTime::fromSecsSinceEpoch(1'800'000'000, Qt::UTC).addMSecs(750);

} // namespace

TEST(StanzaCodecTest, LiveMessageBecomesAMessageToConfirm)
{
    const auto d = StanzaCodec::decode(
        parse("<message from='bob@imp.test/pc' to='alice@imp.test' type='chat' id='m1'>"
              "<body>hi</body><request xmlns='urn:xmpp:receipts'/>"
              "<stanza-id xmlns='urn:xmpp:sid:0' by='alice@imp.test' id='S1'/></message>"),
        Own, Now);
    ASSERT_EQ(d.verdict, StanzaCodec::Verdict::Event);
    ASSERT_TRUE(d.event.message);
    EXPECT_EQ(d.event.peer, "bob@imp.test");
    EXPECT_EQ(d.event.message->archiveId, "S1");
    EXPECT_EQ(d.event.message->state, Message::State::Received);
    EXPECT_EQ(d.event.message->time, StanzaCodec::toTheSecond(Now));
    EXPECT_EQ(d.event.receiptTo, "bob@imp.test/pc");
}

TEST(StanzaCodecTest, SentCarbonIsOurOwnAndNotConfirmed)
{
    const auto d = StanzaCodec::decode(
        parse("<message from='alice@imp.test' to='alice@imp.test/phone'>"
              "<sent xmlns='urn:xmpp:carbons:2'><forwarded xmlns='urn:xmpp:forward:0'>"
              "<message xmlns='jabber:client' from='alice@imp.test/pc' to='bob@imp.test' "
              "type='chat' id='x'><body>from my pc</body><request xmlns='urn:xmpp:receipts'/>"
              "</message></forwarded></sent></message>"),
        Own, Now);
    ASSERT_EQ(d.verdict, StanzaCodec::Verdict::Event);
    EXPECT_TRUE(d.event.outgoing);
    EXPECT_EQ(d.event.peer, "bob@imp.test");
    ASSERT_TRUE(d.event.message);
    EXPECT_EQ(d.event.message->sender, "alice@imp.test");
    EXPECT_TRUE(d.event.receiptTo.isEmpty());
}

TEST(StanzaCodecTest, CarbonFromSomeoneElseIsForged)
{
    const auto d = StanzaCodec::decode(
        parse("<message from='mallory@imp.test' to='alice@imp.test/phone'>"
              "<sent xmlns='urn:xmpp:carbons:2'><forwarded xmlns='urn:xmpp:forward:0'>"
              "<message xmlns='jabber:client' from='alice@imp.test/pc' to='bob@imp.test' "
              "type='chat'><body>fake</body></message></forwarded></sent></message>"),
        Own, Now);
    EXPECT_EQ(d.verdict, StanzaCodec::Verdict::Forged);
}

TEST(StanzaCodecTest, ArchivedReceiptAndRetractAreEventsWithoutAMessage)
{
    const auto receipt = StanzaCodec::decode(
        parse("<message to='alice@imp.test/phone'><result xmlns='urn:xmpp:mam:2' queryid='q' "
              "id='A1'><forwarded xmlns='urn:xmpp:forward:0'><message xmlns='jabber:client' "
              "from='bob@imp.test/pc' to='alice@imp.test'><received xmlns='urn:xmpp:receipts' "
              "id='o1'/></message></forwarded></result></message>"),
        Own, Now);
    ASSERT_EQ(receipt.verdict, StanzaCodec::Verdict::Event);
    EXPECT_EQ(receipt.event.origin, Forwarded::Origin::Archive);
    EXPECT_EQ(receipt.event.queryId, "q");
    EXPECT_EQ(receipt.event.receiptFor, "o1");
    EXPECT_FALSE(receipt.event.message);

    const auto retract = StanzaCodec::decode(
        parse("<message from='bob@imp.test/pc' to='alice@imp.test' type='chat'>"
              "<retract xmlns='urn:xmpp:message-retract:1' id='o2'/><body>fallback</body>"
              "</message>"),
        Own, Now);
    EXPECT_EQ(retract.event.retractId, "o2");
    EXPECT_FALSE(retract.event.message); // the fallback text is not a message
}

TEST(StanzaCodecTest, GroupchatAndErrorsAreNotOneToOneChat)
{
    EXPECT_EQ(StanzaCodec::decode(parse("<message from='room@groups.imp.test/bob' "
                                        "type='groupchat'><body>x</body></message>"),
                                  Own, Now)
                  .verdict,
              StanzaCodec::Verdict::Ignored);
    EXPECT_EQ(StanzaCodec::decode(parse("<presence from='bob@imp.test/pc'/>"), Own, Now).verdict,
              StanzaCodec::Verdict::Ignored);
}

TEST(StanzaCodecTest, EncodedTextAsksForReceiptAndMarker)
{
    OutboxEntry e;
    e.originId = "o1";
    e.peer = "bob@imp.test";
    e.body = QStringLiteral("\uFEFFhello");
    const XmlElement s = StanzaCodec::encode(e);
    EXPECT_EQ(s.attribute("id"), "o1");
    EXPECT_EQ(s.firstChild("body", imp::xmpp::ns::Client).text(), e.body);
    EXPECT_TRUE(s.hasChild("request", "urn:xmpp:receipts"));
    EXPECT_TRUE(s.hasChild("markable", "urn:xmpp:chat-markers:0"));
    EXPECT_EQ(s.firstChild("origin-id", imp::xmpp::ns::Sid).attribute("id"), "o1");
    // What the peer parses back from the wire still has the BOM.
    const XmlElement back = parse(s.toXml(imp::xmpp::ns::Client).toUtf8());
    EXPECT_EQ(back.firstChild("body", imp::xmpp::ns::Client).text(), e.body);
}
