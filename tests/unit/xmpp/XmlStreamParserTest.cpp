#include "xmpp/XmlStreamParser.h"

#include <QRandomGenerator>
#include <gtest/gtest.h>

using namespace imp::xmpp;
using P = XmlStreamParser;

namespace {

const QByteArray kHeader = "<?xml version='1.0'?><stream:stream xmlns='jabber:client' "
                           "xmlns:stream='http://etherx.jabber.org/streams' from='imp.test' "
                           "id='s1' version='1.0'>";

// A readable summary of events: "open", "stanza:<xml>", "close", "error:<code>".
QStringList summarise(const std::vector<P::Event> &events)
{
    QStringList out;
    for (const auto &e : events) {
        if (std::holds_alternative<P::StreamOpened>(e))
            out << QStringLiteral("open");
        else if (auto *s = std::get_if<P::StanzaReceived>(&e))
            out << QStringLiteral("stanza:") + s->stanza.toXml(QStringLiteral("jabber:client"));
        else if (std::holds_alternative<P::StreamClosed>(e))
            out << QStringLiteral("close");
        else
            out << QStringLiteral("error:") +
                       QString::fromStdString(std::get<P::StreamFailed>(e).error.code);
    }
    return out;
}

QStringList parseAll(const QByteArray &bytes, P::Limits limits = {})
{
    P p(limits);
    return summarise(p.feed(bytes));
}

std::string lastError(const QByteArray &bytes, P::Limits limits = {})
{
    P p(limits);
    const auto events = p.feed(bytes);
    if (events.empty())
        return "(none)";
    if (auto *f = std::get_if<P::StreamFailed>(&events.back()))
        return f->error.code;
    return "(no error)";
}

} // namespace

TEST(XmlStreamParserTest, ParsesHeaderStanzasAndClose)
{
    const QByteArray doc =
        kHeader + "<stream:features><starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'><required/>"
                  "</starttls></stream:features>\n <message to='a@b' type='chat'><body>hi &amp; "
                  "bye</body></message></stream:stream>";
    P p;
    const auto events = p.feed(doc);
    ASSERT_EQ(events.size(), 4u);
    const auto &open = std::get<P::StreamOpened>(events[0]).header;
    EXPECT_EQ(open.attribute(QStringLiteral("id")), QStringLiteral("s1"));
    EXPECT_EQ(open.attribute(QStringLiteral("from")), QStringLiteral("imp.test"));
    const auto &features = std::get<P::StanzaReceived>(events[1]).stanza;
    EXPECT_EQ(features.name(), QStringLiteral("features"));
    EXPECT_EQ(features.namespaceUri(), kStreamNamespace);
    EXPECT_TRUE(features.hasChild(QStringLiteral("starttls"),
                                  QStringLiteral("urn:ietf:params:xml:ns:xmpp-tls")));
    const auto &msg = std::get<P::StanzaReceived>(events[2]).stanza;
    EXPECT_EQ(msg.namespaceUri(), QStringLiteral("jabber:client"));
    EXPECT_EQ(msg.firstChild(QStringLiteral("body")).text(), QStringLiteral("hi & bye"));
    EXPECT_TRUE(std::holds_alternative<P::StreamClosed>(events[3]));
}

TEST(XmlStreamParserTest, SplitAtEveryByteBoundaryGivesTheSameEvents)
{
    const QByteArray doc = kHeader + "<message id='1'><body>héllo 😀 مرحبا &lt;&#x4F60;</body>"
                                     "<x xmlns='urn:x' a='1'/></message><iq type='get' id='2'>"
                                     "<query xmlns='jabber:iq:roster'/></iq>  </stream:stream>";
    const QStringList whole = parseAll(doc);
    ASSERT_EQ(whole.size(), 4);
    for (qsizetype cut = 1; cut < doc.size(); ++cut) {
        P p;
        auto events = p.feed(doc.left(cut));
        auto rest = p.feed(doc.mid(cut));
        events.insert(events.end(), rest.begin(), rest.end());
        ASSERT_EQ(summarise(events), whole) << "cut at " << cut;
    }
    // And byte by byte.
    P p;
    std::vector<P::Event> events;
    for (char c : doc) {
        auto got = p.feed(QByteArray(1, c));
        events.insert(events.end(), got.begin(), got.end());
    }
    EXPECT_EQ(summarise(events), whole);
}

TEST(XmlStreamParserTest, DepthLimit)
{
    P::Limits limits;
    limits.maxDepth = 4;
    EXPECT_EQ(parseAll(kHeader + "<a><b><c><d/></c></b></a>", limits).last(),
              QStringLiteral("stanza:<a><b><c><d/></c></b></a>"));
    // Deeper elements are left out; the stanza and the ones after it still arrive (a peer
    // must not be able to cut us off with one stanza the server will hand us again).
    const auto pruned =
        parseAll(kHeader + "<a><b><c><d><e>x<f/></e></d><g/></c></b></a><next/>", limits);
    EXPECT_EQ(pruned.at(pruned.size() - 2), QStringLiteral("stanza:<a><b><c><d/><g/></c></b></a>"));
    EXPECT_EQ(pruned.last(), QStringLiteral("stanza:<next/>"));
    // A deep bomb that never closes ends at the stanza size limit, not in memory.
    P::Limits small;
    small.maxStanzaBytes = 64 * 1024;
    QByteArray deep = kHeader;
    for (int i = 0; i < 30000; ++i)
        deep += "<a>";
    EXPECT_EQ(lastError(deep, small), "xmpp.policy_violation");
}

TEST(XmlStreamParserTest, StanzaSizeLimit)
{
    P::Limits limits;
    limits.maxStanzaBytes = 64 * 1024;
    const QByteArray small = "<message><body>" + QByteArray(40 * 1024, 'x') + "</body></message>";
    EXPECT_EQ(parseAll(kHeader + small + small, limits).size(), 3);
    const QByteArray big = "<message><body>" + QByteArray(80 * 1024, 'x') + "</body></message>";
    EXPECT_EQ(lastError(kHeader + big, limits), "xmpp.policy_violation");
    // An endless stanza stops without waiting for its end, fed in small pieces.
    P p(limits);
    p.feed(kHeader + "<message><body>");
    std::string code;
    for (int i = 0; i < 100 && code.empty(); ++i)
        for (auto &e : p.feed(QByteArray(1024, 'y')))
            if (auto *f = std::get_if<P::StreamFailed>(&e))
                code = f->error.code;
    EXPECT_EQ(code, "xmpp.policy_violation");
    EXPECT_TRUE(p.failed());
    EXPECT_TRUE(p.feed("<more/>").empty());
}

TEST(XmlStreamParserTest, BufferLimitCoversAnEndlessStreamHeader)
{
    P::Limits limits;
    limits.maxBufferedBytes = 32 * 1024;
    const QByteArray header = "<stream:stream xmlns:stream='http://etherx.jabber.org/streams' a='" +
                              QByteArray(64 * 1024, 'z');
    EXPECT_EQ(lastError(header, limits), "xmpp.policy_violation");
}

TEST(XmlStreamParserTest, ManySmallStanzasInOneChunkAreFine)
{
    QByteArray doc = kHeader;
    for (int i = 0; i < 5000; ++i)
        doc += "<presence/>";
    const auto events = parseAll(doc);
    EXPECT_EQ(events.size(), 5001);
}

TEST(XmlStreamParserTest, MalformedXmlIsNotWellFormed)
{
    EXPECT_EQ(lastError(kHeader + "<message></iq>"), "xmpp.not_well_formed");
    EXPECT_EQ(lastError(kHeader + "<message a='1' a='2'/>"), "xmpp.not_well_formed");
    EXPECT_EQ(lastError(kHeader + "<message>&unknown;</message>"), "xmpp.not_well_formed");
    EXPECT_EQ(lastError(kHeader + "<p:message/>"), "xmpp.not_well_formed");
    EXPECT_EQ(lastError(kHeader + "hello<a/>"), "xmpp.not_well_formed");
    EXPECT_EQ(lastError(kHeader + "<a>\xff\xfe</a>"), "xmpp.not_well_formed");
    EXPECT_EQ(lastError(kHeader + "</stream:stream><x/>"), "xmpp.not_well_formed");
    EXPECT_EQ(lastError(kHeader + "<x a:b='1'/>"), "xmpp.not_well_formed");
    // Whitespace after the end of the stream is harmless.
    EXPECT_EQ(parseAll(kHeader + "</stream:stream>\n  ").last(), QStringLiteral("close"));
}

TEST(XmlStreamParserTest, RestrictedXmlIsRejected)
{
    EXPECT_EQ(lastError("<?xml version='1.0'?><!DOCTYPE lolz [<!ENTITY lol 'lol'>]>"
                        "<stream:stream xmlns:stream='http://etherx.jabber.org/streams'>"),
              "xmpp.restricted_xml");
    EXPECT_EQ(lastError(kHeader + "<?php evil()?>"), "xmpp.restricted_xml");
    EXPECT_EQ(lastError(kHeader + "<!-- note -->"), "xmpp.restricted_xml");
    const auto inside = lastError(kHeader + "<message><!DOCTYPE x></message>");
    EXPECT_TRUE(inside == "xmpp.restricted_xml" || inside == "xmpp.not_well_formed") << inside;
}

TEST(XmlStreamParserTest, StreamMustStartWithStreamElement)
{
    EXPECT_EQ(lastError("<html>"), "xmpp.invalid_namespace");
    EXPECT_EQ(lastError("<stream xmlns='jabber:client'>"), "xmpp.invalid_namespace");
}

TEST(XmlStreamParserTest, ResetStartsANewStream)
{
    P p;
    p.feed(kHeader + "<a/>");
    p.reset();
    const auto events = summarise(p.feed(kHeader + "<b/>"));
    EXPECT_EQ(events, (QStringList{QStringLiteral("open"), QStringLiteral("stanza:<b/>")}));
}

TEST(Utf8ValidatorTest, AcceptsWhatXmlAllows)
{
    const QByteArray ok[] = {
        "plain ASCII \t\r\n\x7f",
        "\xc2\x85 \xc3\xa9 \xe2\x82\xac \xef\xbf\xbd", // U+0085, é, €, U+FFFD
        "\xf0\x9f\x98\x80 \xf4\x8f\xbf\xbf",           // 😀, U+10FFFF
        "\xed\x9f\xbf \xee\x80\x80",                   // U+D7FF, U+E000 (around surrogates)
    };
    for (const auto &bytes : ok) {
        Utf8Validator v;
        EXPECT_EQ(v.check(bytes), -1) << bytes.toHex().constData();
        EXPECT_FALSE(v.midSequence());
    }
}

TEST(Utf8ValidatorTest, RejectsBadSequencesAndForbiddenCharacters)
{
    struct Case {
        QByteArray bytes;
        qsizetype at; // index of the byte found bad
        const char *what;
    };
    const Case bad[] = {
        {"ab\x01", 2, "C0 control"},
        {QByteArray("a\0b", 3), 1, "NUL"},
        {"\x0b\x0c", 0, "VT"},
        {"\x1b", 0, "ESC"},
        {"\x80", 0, "stray continuation"},
        {"x\xbf", 1, "stray continuation"},
        {"\xc0\x80", 0, "overlong 2-byte"},
        {"\xc1\xbf", 0, "overlong 2-byte"},
        {"\xe0\x80\x80", 2, "overlong 3-byte"},
        {"\xe0\x9f\xbf", 2, "overlong 3-byte"},
        {"\xf0\x80\x80\x80", 3, "overlong 4-byte"},
        {"\xf0\x8f\xbf\xbf", 3, "overlong 4-byte"},
        {"\xed\xa0\x80", 2, "surrogate"},
        {"\xed\xbf\xbf", 2, "surrogate"},
        {"\xf4\x90\x80\x80", 3, "beyond U+10FFFF"},
        {"\xf5\x80\x80\x80", 0, "beyond U+10FFFF"},
        {"\xff", 0, "never in UTF-8"},
        {"\xef\xbf\xbe", 2, "U+FFFE"},
        {"\xef\xbf\xbf", 2, "U+FFFF"},
        {"\xc3(", 1, "cut short"},
        {"\xe2\x82(", 2, "cut short"},
    };
    for (const auto &c : bad) {
        Utf8Validator v;
        EXPECT_EQ(v.check(c.bytes), c.at) << c.what << " " << c.bytes.toHex().constData();
    }
}

TEST(Utf8ValidatorTest, StateCarriesAcrossChunks)
{
    const QByteArray emoji = "\xf0\x9f\x98\x80";
    Utf8Validator v;
    for (int i = 0; i < 3; ++i) {
        EXPECT_EQ(v.check(emoji.mid(i, 1)), -1);
        EXPECT_TRUE(v.midSequence());
    }
    EXPECT_EQ(v.check(emoji.mid(3)), -1);
    EXPECT_FALSE(v.midSequence());
    EXPECT_EQ(v.units(), 2); // a surrogate pair, as QXmlStreamReader counts it
    // A surrogate is judged whole even when its bytes arrive apart.
    Utf8Validator w;
    EXPECT_EQ(w.check("\xed"), -1);
    EXPECT_EQ(w.check("\xa0"), -1);
    EXPECT_EQ(w.check("\x80"), 0);
}

TEST(XmlStreamParserTest, RandomBytesAfterTheHeaderFailInTheFirstChunk)
{
    // Qt 6.4's reader alone waits for more data here (1 MiB read without an error).
    for (quint32 seed = 1; seed <= 20; ++seed) {
        P p;
        ASSERT_EQ(summarise(p.feed(kHeader + "<message><body>x</body></message>")).size(), 2);
        QByteArray noise(4096, '\0');
        QRandomGenerator rng(seed);
        for (auto &c : noise)
            c = static_cast<char>(rng.bounded(256));
        const auto events = p.feed(noise);
        ASSERT_FALSE(events.empty()) << "seed " << seed;
        const auto *f = std::get_if<P::StreamFailed>(&events.back());
        ASSERT_NE(f, nullptr) << "seed " << seed;
        EXPECT_EQ(f->error.code, "xmpp.not_well_formed");
        EXPECT_TRUE(p.failed());
    }
}

TEST(XmlStreamParserTest, InvalidUtf8FailsAtOnceWithTheStanzasBeforeItDelivered)
{
    P p;
    p.feed(kHeader);
    EXPECT_EQ(summarise(p.feed("<a/><b>\xed\xa0")), QStringList{QStringLiteral("stanza:<a/>")});
    EXPECT_EQ(summarise(p.feed("\x80</b>")),
              QStringList{QStringLiteral("error:xmpp.not_well_formed")});
    EXPECT_EQ(lastError(kHeader + "<message><body>\x01</body></message>"), "xmpp.not_well_formed");
    EXPECT_EQ(lastError(kHeader + "<message><body>\xc0\xaf</body></message>"),
              "xmpp.not_well_formed");
    // A byte-order mark before the stream is not an error.
    EXPECT_EQ(parseAll("\xef\xbb\xbf" + kHeader + "<a/>").last(), QStringLiteral("stanza:<a/>"));
}

TEST(XmlStreamParserTest, MidStanzaFromItsStartTagToItsEndTag)
{
    // The stanza deadline runs while a stanza is open (its start tag read) or a character is
    // cut; whitespace keepalives between stanzas and a finished stanza do not count.
    P p;
    p.feed(kHeader);
    EXPECT_FALSE(p.midStanza());
    p.feed("<message><body>half");
    EXPECT_TRUE(p.midStanza());
    p.feed(" \xe7\xa3");
    EXPECT_TRUE(p.midStanza());
    p.feed("\x81</body></message>");
    EXPECT_FALSE(p.midStanza());
    p.feed(" \r\n ");
    EXPECT_FALSE(p.midStanza());
    p.feed("<a/>");
    EXPECT_FALSE(p.midStanza());
    EXPECT_FALSE(p.failed());
}

TEST(XmlStreamParserTest, LongCjkStanzasInAnyChunkingStayWellFormedAndIdle)
{
    QByteArray stanzas;
    for (int i = 0; i < 6; ++i)
        stanzas += "<message from='bob@imp.test/pc' type='chat'><body>full " +
                   QByteArray::number(i) + " &amp; " +
                   QString(1000 * (i + 1), QChar(0x78C1)).toUtf8() + "\r\n</body></message>\n ";
    for (int chunk : {1, 7, 4095, 4096, 4097, 10000, 1 << 20}) {
        XmlStreamParser parser;
        auto events = parser.feed("<?xml version='1.0'?><stream:stream xmlns='jabber:client' "
                                  "xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>");
        int received = 0;
        for (qsizetype pos = 0; pos < stanzas.size(); pos += chunk) {
            for (const auto &e : parser.feed(stanzas.mid(pos, chunk))) {
                ASSERT_FALSE(std::holds_alternative<XmlStreamParser::StreamFailed>(e))
                    << "chunk " << chunk << ": "
                    << std::get<XmlStreamParser::StreamFailed>(e).error.detail;
                received += std::holds_alternative<XmlStreamParser::StanzaReceived>(e) ? 1 : 0;
            }
        }
        EXPECT_EQ(received, 6) << "chunk " << chunk;
        EXPECT_FALSE(parser.midStanza()) << "chunk " << chunk;
    }
}
