#include "xmpp/ChatMessage.h"

#include "StanzaFromXml.h"
#include "xmpp/Namespaces.h"

#include <QSet>
#include <gtest/gtest.h>

using namespace imp::xmpp;
using imp::xmpp::test::overTheWire;
using imp::xmpp::test::stanzaFromXml;

namespace {

const Jid kMe(QStringLiteral("alice@imp.test"));

std::optional<ChatMessage> parse(const QByteArray &xml, const Jid &owner = kMe)
{
    const XmlElement e = stanzaFromXml(xml);
    EXPECT_FALSE(e.isNull()) << xml.toStdString();
    return ChatMessage::fromStanza(e, owner);
}

// What the peer's client reads from what we send.
std::optional<ChatMessage> roundTrip(const ChatMessage &m)
{
    return ChatMessage::fromStanza(overTheWire(m.toStanza()), kMe);
}

} // namespace

TEST(ChatMessageTest, ParsesAMessageAsProsodyDeliversIt)
{
    const auto m =
        parse("<message xml:lang='en' to='alice@imp.test/dev1' from='bob@imp.test/phone' "
              "type='chat' id='9f1c'>"
              "<body>Hello \xF0\x9F\x91\x8B</body>"
              "<origin-id xmlns='urn:xmpp:sid:0' id='o-1'/>"
              "<request xmlns='urn:xmpp:receipts'/>"
              "<markable xmlns='urn:xmpp:chat-markers:0'/>"
              "<active xmlns='http://jabber.org/protocol/chatstates'/>"
              "<store xmlns='urn:xmpp:hints'/>"
              "<stanza-id xmlns='urn:xmpp:sid:0' by='alice@imp.test' id='A1b2'/>"
              "<delay xmlns='urn:xmpp:delay' from='imp.test' "
              "stamp='2024-03-01T10:00:00.123Z'>Offline Storage</delay>"
              "</message>");
    ASSERT_TRUE(m);
    EXPECT_EQ(m->id, "9f1c");
    EXPECT_EQ(m->from, Jid(QStringLiteral("bob@imp.test/phone")));
    EXPECT_EQ(m->to, Jid(QStringLiteral("alice@imp.test/dev1")));
    EXPECT_EQ(m->type, "chat");
    EXPECT_EQ(m->body, QString::fromUtf8("Hello \xF0\x9F\x91\x8B"));
    EXPECT_EQ(m->originId, "o-1");
    EXPECT_EQ(m->stanzaId, "A1b2");
    EXPECT_TRUE(m->receiptRequest);
    EXPECT_TRUE(m->markable);
    EXPECT_EQ(m->chatState, ChatMessage::ChatState::Active);
    EXPECT_EQ(m->delay, QDateTime(QDate(2024, 3, 1), QTime(10, 0, 0, 123), Qt::UTC));
    EXPECT_TRUE(m->receiptFor.isEmpty());
    EXPECT_TRUE(m->retractId.isEmpty());
    EXPECT_FALSE(m->bodyIsFallback);
}

TEST(ChatMessageTest, StanzaIdOnlyFromOurOwnArchive)
{
    // A peer can put any stanza-id into its message; only the one our server stamped (by = our
    // bare JID) may be used for deduplication against MAM.
    const QByteArray xml = "<message from='bob@imp.test/phone' type='chat' id='x'><body>hi</body>"
                           "<stanza-id xmlns='urn:xmpp:sid:0' by='bob@imp.test' id='forged'/>"
                           "<stanza-id xmlns='urn:xmpp:sid:0' by='imp.test' id='server'/>"
                           "<stanza-id xmlns='urn:xmpp:sid:0' id='no-by'/>"
                           "<stanza-id xmlns='urn:xmpp:sid:0' by='Alice@IMP.test' id='real'/>"
                           "</message>";
    auto m = parse(xml);
    ASSERT_TRUE(m);
    EXPECT_EQ(m->stanzaId, "real");
    // Passing a full JID still compares bare.
    m = parse(xml, Jid(QStringLiteral("alice@imp.test/dev1")));
    ASSERT_TRUE(m);
    EXPECT_EQ(m->stanzaId, "real");
    // Without an archive owner nothing is trusted.
    m = parse(xml, Jid());
    ASSERT_TRUE(m);
    EXPECT_TRUE(m->stanzaId.isEmpty());
    // Only forged ones: none.
    m = parse("<message from='bob@imp.test/phone' type='chat'><body>hi</body>"
              "<stanza-id xmlns='urn:xmpp:sid:0' by='bob@imp.test' id='forged'/></message>");
    ASSERT_TRUE(m);
    EXPECT_TRUE(m->stanzaId.isEmpty());
}

TEST(ChatMessageTest, ParsesReceiptMarkerAndChatStateNotifications)
{
    auto m = parse("<message from='bob@imp.test/phone' id='r1'>"
                   "<received xmlns='urn:xmpp:receipts' id='m-42'/></message>");
    ASSERT_TRUE(m);
    EXPECT_EQ(m->receiptFor, "m-42");
    EXPECT_EQ(m->type, "normal"); // RFC 6121: no type means normal
    EXPECT_TRUE(m->body.isEmpty());

    m = parse("<message from='bob@imp.test/phone' type='chat'>"
              "<displayed xmlns='urn:xmpp:chat-markers:0' id='m-43'/></message>");
    ASSERT_TRUE(m);
    EXPECT_EQ(m->displayedFor, "m-43");

    const std::pair<const char *, ChatMessage::ChatState> states[] = {
        {"active", ChatMessage::ChatState::Active},
        {"composing", ChatMessage::ChatState::Composing},
        {"paused", ChatMessage::ChatState::Paused},
        {"inactive", ChatMessage::ChatState::Inactive},
        {"gone", ChatMessage::ChatState::Gone},
        {"dancing", ChatMessage::ChatState::None}};
    for (const auto &[name, state] : states) {
        m = parse(QByteArray("<message from='bob@imp.test/phone' type='chat'><") + name +
                  " xmlns='http://jabber.org/protocol/chatstates'/></message>");
        ASSERT_TRUE(m) << name;
        EXPECT_EQ(m->chatState, state) << name;
    }
    // A chat-state name in another namespace is not a chat state.
    m = parse("<message type='chat'><composing xmlns='urn:example'/></message>");
    ASSERT_TRUE(m);
    EXPECT_EQ(m->chatState, ChatMessage::ChatState::None);
}

TEST(ChatMessageTest, RetractionWithFallbackBody)
{
    const auto m = parse("<message type='chat' to='alice@imp.test' from='bob@imp.test/phone' "
                         "id='retract-message-1'>"
                         "<retract id='origin-id-1' xmlns='urn:xmpp:message-retract:1'/>"
                         "<fallback xmlns='urn:xmpp:fallback:0' for='urn:xmpp:message-retract:1'/>"
                         "<body>This person attempted to retract a previous message, but it's "
                         "unsupported by your client.</body>"
                         "<store xmlns='urn:xmpp:hints'/></message>");
    ASSERT_TRUE(m);
    EXPECT_EQ(m->retractId, "origin-id-1");
    EXPECT_TRUE(m->bodyIsFallback); // must not be shown as a new message
    // A fallback marker without a retraction does not hide a normal body.
    const auto plain =
        parse("<message type='chat'><body>hi</body>"
              "<fallback xmlns='urn:xmpp:fallback:0' for='urn:xmpp:message-retract:1'/></message>");
    ASSERT_TRUE(plain);
    EXPECT_FALSE(plain->bodyIsFallback);
}

TEST(ChatMessageTest, ErrorCondition)
{
    const auto m = parse(
        "<message type='error' from='bob@imp.test' id='m1'><body>hi</body>"
        "<error type='cancel' by='imp.test'>"
        "<text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>gone</text>"
        "<service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></message>");
    ASSERT_TRUE(m);
    EXPECT_EQ(m->type, "error");
    EXPECT_EQ(m->errorCondition, "service-unavailable");
    // An <error/> child of a non-error message is no error.
    const auto chat = parse("<message type='chat'><error><item-not-found "
                            "xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></message>");
    ASSERT_TRUE(chat);
    EXPECT_TRUE(chat->errorCondition.isEmpty());
}

TEST(ChatMessageTest, BuildsTheStanzaWithExactlyTheFieldsSet)
{
    ChatMessage m;
    m.to = Jid(QStringLiteral("bob@imp.test"));
    m.id = QStringLiteral("id-1");
    m.originId = QStringLiteral("id-1");
    m.body = QStringLiteral("a < b & 'c'");
    m.receiptRequest = true;
    m.markable = true;
    m.chatState = ChatMessage::ChatState::Active;
    EXPECT_EQ(m.toStanza().toXml(ns::Client),
              "<message to='bob@imp.test' id='id-1' type='chat'><body>a &lt; b &amp; 'c'</body>"
              "<store xmlns='urn:xmpp:hints'/><origin-id xmlns='urn:xmpp:sid:0' id='id-1'/>"
              "<request xmlns='urn:xmpp:receipts'/><markable xmlns='urn:xmpp:chat-markers:0'/>"
              "<active xmlns='http://jabber.org/protocol/chatstates'/></message>");

    // A marker alone: no body, no storage hint, no chat state.
    ChatMessage marker;
    marker.to = Jid(QStringLiteral("bob@imp.test"));
    marker.displayedFor = QStringLiteral("m-9");
    EXPECT_EQ(marker.toStanza().toXml(ns::Client),
              "<message to='bob@imp.test' type='chat'>"
              "<displayed xmlns='urn:xmpp:chat-markers:0' id='m-9'/></message>");

    ChatMessage receipt;
    receipt.to = Jid(QStringLiteral("bob@imp.test/phone"));
    receipt.receiptFor = QStringLiteral("m-8");
    EXPECT_EQ(receipt.toStanza().toXml(ns::Client),
              "<message to='bob@imp.test/phone' type='chat'>"
              "<received xmlns='urn:xmpp:receipts' id='m-8'/></message>");

    // Retraction without a body is still stored; with one, the body is marked as fallback.
    ChatMessage retract;
    retract.to = Jid(QStringLiteral("bob@imp.test"));
    retract.retractId = QStringLiteral("o-7");
    EXPECT_EQ(retract.toStanza().toXml(ns::Client),
              "<message to='bob@imp.test' type='chat'><store xmlns='urn:xmpp:hints'/>"
              "<retract xmlns='urn:xmpp:message-retract:1' id='o-7'/></message>");
    retract.body = QStringLiteral("retracted");
    EXPECT_EQ(retract.toStanza().toXml(ns::Client),
              "<message to='bob@imp.test' type='chat'><body>retracted</body>"
              "<store xmlns='urn:xmpp:hints'/>"
              "<retract xmlns='urn:xmpp:message-retract:1' id='o-7'/>"
              "<fallback xmlns='urn:xmpp:fallback:0' for='urn:xmpp:message-retract:1'/></message>");
}

TEST(ChatMessageTest, RoundTripsEveryField)
{
    ChatMessage m;
    m.id = ChatMessage::newId();
    m.from = Jid(QStringLiteral("alice@imp.test/dev1"));
    m.to = Jid(QStringLiteral("bob@imp.test"));
    m.body = QString::fromUtf8(
        "\xF0\x9F\x98\x80 \xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D "
        "\xD9\x85\xD8\xB1\xD8\xAD\xD8\xA8\xD8\xA7 \xE4\xBD\xA0\xE5\xA5\xBD "
        "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7");
    m.originId = m.id;
    m.receiptRequest = true;
    m.markable = true;
    m.chatState = ChatMessage::ChatState::Composing;
    m.retractId = QStringLiteral("old");
    m.bodyIsFallback = true;
    const auto back = roundTrip(m);
    ASSERT_TRUE(back);
    EXPECT_EQ(*back, m);

    ChatMessage other;
    other.to = Jid(QStringLiteral("bob@imp.test"));
    other.type = QStringLiteral("normal");
    other.receiptFor = QStringLiteral("r");
    other.displayedFor = QStringLiteral("d");
    other.chatState = ChatMessage::ChatState::Gone;
    EXPECT_EQ(roundTrip(other), other);

    ChatMessage error;
    error.type = QStringLiteral("error");
    error.errorCondition = QStringLiteral("item-not-found");
    EXPECT_EQ(roundTrip(error), error);
}

TEST(ChatMessageTest, LongBodiesAndControlCharacters)
{
    ChatMessage m;
    m.to = Jid(QStringLiteral("bob@imp.test"));
    QString tenK;
    while (tenK.size() < 10000)
        tenK += QString::fromUtf8("\xD9\x85\xD8\xB1\xF0\x9F\x98\x80 ab\n");
    tenK.truncate(10000);
    if (tenK.back().isHighSurrogate())
        tenK.chop(1);
    m.body = tenK;
    EXPECT_EQ(roundTrip(m), m);

    // Exactly the limit passes, one more is dropped: both when built and when received.
    m.body = QString(ChatMessage::kMaxBodyChars, QLatin1Char('x'));
    EXPECT_EQ(roundTrip(m), m);
    m.body += QLatin1Char('x');
    EXPECT_FALSE(roundTrip(m));
    EXPECT_FALSE(ChatMessage::fromStanza(m.toStanza(), kMe));

    // Tab, LF and CR survive the wire; characters XML cannot carry become U+FFFD.
    m.body = QStringLiteral("a\tb\nc\r\nd");
    EXPECT_EQ(roundTrip(m)->body, m.body);
    m.body = QStringLiteral("x") + QChar(0x01) + QChar(0x1B) + QStringLiteral("[31my") + QChar(0);
    const QString expected = QStringLiteral("x\uFFFD\uFFFD[31my\uFFFD");
    EXPECT_EQ(roundTrip(m)->body, expected);
    // Also when a stanza built in code (never serialised) carries them.
    EXPECT_EQ(ChatMessage::fromStanza(m.toStanza(), kMe)->body, expected);
    // A lone surrogate is replaced too.
    m.body = QStringLiteral("a") + QChar(0xD800) + QStringLiteral("b");
    EXPECT_EQ(ChatMessage::fromStanza(m.toStanza(), kMe)->body, QStringLiteral("a\uFFFDb"));
}

TEST(ChatMessageTest, OversizeIdsDropTheMessage)
{
    const QByteArray ok(256, 'i');
    const QByteArray big(257, 'i');
    const QByteArray templates[] = {
        "<message id='%1' type='chat'><body>x</body></message>",
        "<message type='chat'><body>x</body><origin-id xmlns='urn:xmpp:sid:0' id='%1'/></message>",
        "<message type='chat'><body>x</body>"
        "<stanza-id xmlns='urn:xmpp:sid:0' by='alice@imp.test' id='%1'/></message>",
        "<message type='chat'><received xmlns='urn:xmpp:receipts' id='%1'/></message>",
        "<message type='chat'><displayed xmlns='urn:xmpp:chat-markers:0' id='%1'/></message>",
        "<message type='chat'><retract xmlns='urn:xmpp:message-retract:1' id='%1'/></message>",
    };
    for (const QByteArray &t : templates) {
        EXPECT_TRUE(parse(QByteArray(t).replace("%1", ok))) << t.toStdString();
        EXPECT_FALSE(parse(QByteArray(t).replace("%1", big))) << t.toStdString();
    }
    // A long stanza-id from someone else is ignored, not fatal.
    EXPECT_TRUE(parse("<message type='chat'><body>x</body><stanza-id xmlns='urn:xmpp:sid:0' "
                      "by='bob@imp.test' id='" +
                      big + "'/></message>"));
}

TEST(ChatMessageTest, RejectsWhatIsNotAMessage)
{
    EXPECT_FALSE(parse("<presence from='bob@imp.test'/>"));
    EXPECT_FALSE(parse("<a><message><body>x</body></message></a>"));
    EXPECT_FALSE(parse("<message xmlns='jabber:server' type='chat'><body>x</body></message>"));
    EXPECT_FALSE(ChatMessage::fromStanza(XmlElement(), kMe));
    EXPECT_FALSE(parse("<message from='@imp.test' type='chat'><body>x</body></message>"));
    EXPECT_FALSE(parse("<message from='a b@imp.test' type='chat'><body>x</body></message>"));
    EXPECT_FALSE(parse("<message to='bob@' type='chat'><body>x</body></message>"));
    EXPECT_FALSE(parse("<message from='bob@imp.test/' type='chat'><body>x</body></message>"));
    // Missing attributes are fine: no id, no from (our own server), no type.
    const auto bare = parse("<message><body>x</body></message>");
    ASSERT_TRUE(bare);
    EXPECT_TRUE(bare->from.isEmpty());
    EXPECT_EQ(bare->type, "normal");
    EXPECT_EQ(parse("<message type='bogus'/>")->type, "normal");
}

TEST(ChatMessageTest, IgnoresUnknownAndMisplacedChildren)
{
    const auto m = parse("<message type='chat' from='bob@imp.test/x'>"
                         "<body xmlns='urn:example:not-a-body'>evil</body>"
                         "<a><body>nested</body><request xmlns='urn:xmpp:receipts'/></a>"
                         "<origin-id xmlns='urn:example' id='wrong-ns'/>"
                         "<delay xmlns='urn:xmpp:delay' stamp='yesterday'/>"
                         "<x xmlns='jabber:x:oob'><url>https://example.test</url></x>"
                         "</message>");
    ASSERT_TRUE(m);
    EXPECT_TRUE(m->body.isEmpty());
    EXPECT_FALSE(m->receiptRequest);
    EXPECT_TRUE(m->originId.isEmpty());
    EXPECT_FALSE(m->delay.isValid());
}

TEST(ChatMessageTest, PrefersTheBodyWithoutLanguageAndConvertsDelayToUtc)
{
    const auto m = parse("<message type='chat'>"
                         "<body xml:lang='de'>Hallo</body><body>Hello</body>"
                         "<body xml:lang='fr'>Salut</body>"
                         "<delay xmlns='urn:xmpp:delay' stamp='2024-03-01T12:30:00+02:00'/>"
                         "</message>");
    ASSERT_TRUE(m);
    EXPECT_EQ(m->body, "Hello");
    EXPECT_EQ(m->delay, QDateTime(QDate(2024, 3, 1), QTime(10, 30), Qt::UTC));
    EXPECT_EQ(m->delay.timeSpec(), Qt::UTC);
    const auto tagged = parse("<message type='chat'><body xml:lang='de'>Hallo</body>"
                              "<body xml:lang='fr'>Salut</body></message>");
    ASSERT_TRUE(tagged);
    EXPECT_EQ(tagged->body, "Hallo");
}

TEST(ChatMessageTest, NewIdsAreUniqueUuids)
{
    QSet<QString> ids;
    for (int i = 0; i < 1000; ++i) {
        const QString id = ChatMessage::newId();
        EXPECT_EQ(id.size(), 36);
        EXPECT_FALSE(id.contains(QLatin1Char('{')));
        ids.insert(id);
    }
    EXPECT_EQ(ids.size(), 1000);
}
