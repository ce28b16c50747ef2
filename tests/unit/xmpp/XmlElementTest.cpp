#include "xmpp/XmlElement.h"

#include "xmpp/XmlStreamParser.h"

#include <gtest/gtest.h>

using namespace imp::xmpp;

namespace {
// Parses one element as a stanza of a jabber:client stream.
XmlElement reparse(const QString &xml)
{
    XmlStreamParser p;
    const QByteArray doc = "<stream:stream xmlns='jabber:client' "
                           "xmlns:stream='http://etherx.jabber.org/streams'>" +
                           xml.toUtf8();
    auto events = p.feed(doc);
    EXPECT_EQ(events.size(), 2u);
    if (events.size() != 2 || !std::holds_alternative<XmlStreamParser::StanzaReceived>(events[1]))
        return {};
    return std::get<XmlStreamParser::StanzaReceived>(events[1]).stanza;
}
} // namespace

TEST(XmlElementTest, EscapesTextAndAttributes)
{
    XmlElement m(QStringLiteral("message"));
    m.setAttribute(QStringLiteral("to"), QStringLiteral("a'b\"c<d>&e"));
    m.addChild(XmlElement(QStringLiteral("body")).setText(QStringLiteral("1 < 2 && 3 > 2 ]]>")));
    EXPECT_EQ(
        m.toXml(QStringLiteral("jabber:client")),
        QStringLiteral("<message to='a&apos;b&quot;c&lt;d&gt;&amp;e'><body>1 &lt; 2 &amp;&amp; "
                       "3 &gt; 2 ]]&gt;</body></message>"));
}

TEST(XmlElementTest, WritesXmlnsOnlyWhereTheNamespaceChanges)
{
    XmlElement iq(QStringLiteral("iq"));
    XmlElement q(QStringLiteral("query"), QStringLiteral("jabber:iq:roster"));
    q.addChild(XmlElement(QStringLiteral("item")));
    iq.addChild(q);
    EXPECT_EQ(iq.toXml(QStringLiteral("jabber:client")),
              QStringLiteral("<iq><query xmlns='jabber:iq:roster'><item/></query></iq>"));
}

TEST(XmlElementTest, RoundTripsEscapingUnicodeAndWhitespaceInAttributes)
{
    XmlElement m(QStringLiteral("message"), QStringLiteral("jabber:client"));
    m.setAttribute(QStringLiteral("id"), QStringLiteral("tab\there\nnl\rcr & 'q' \"dq\""));
    m.setAttribute(QStringLiteral("lang"), QStringLiteral("ar"),
                   QStringLiteral("http://www.w3.org/XML/1998/namespace"));
    m.setAttribute(QStringLiteral("foo"), QStringLiteral("bar"), QStringLiteral("urn:x"));
    // Emoji (a surrogate pair), Chinese, Arabic (RTL) with a RIGHT-TO-LEFT MARK, markup chars.
    const QString body =
        QStringLiteral("你好 😀👍🏽 مرحبا \u200F <b>&amp;</b> \r\n end");
    m.addChild(XmlElement(QStringLiteral("body"), QStringLiteral("jabber:client")).setText(body));
    const XmlElement back = reparse(m.toXml(QStringLiteral("jabber:client")));
    EXPECT_EQ(back, m);
    EXPECT_EQ(back.firstChild(QStringLiteral("body")).text(), body);
}

TEST(XmlElementTest, ReplacesCharactersXmlCannotCarry)
{
    XmlElement b(QStringLiteral("body"));
    QString t = QStringLiteral("a");
    t += QChar(0x01);
    t += QChar(0xD800); // lone high surrogate
    t += QStringLiteral("b");
    b.setText(t);
    const QString xml = b.toXml();
    EXPECT_EQ(xml, QStringLiteral("<body>a\uFFFD\uFFFDb</body>"));
    EXPECT_FALSE(reparse(b.toXml()).isNull());
}

TEST(XmlElementTest, FirstChildAndAttributes)
{
    XmlElement e(QStringLiteral("x"));
    e.setAttribute(QStringLiteral("a"), QStringLiteral("1"));
    e.setAttribute(QStringLiteral("a"), QStringLiteral("2"));
    EXPECT_EQ(e.attributes().size(), 1);
    EXPECT_EQ(e.attribute(QStringLiteral("a")), QStringLiteral("2"));
    e.removeAttribute(QStringLiteral("a"));
    EXPECT_FALSE(e.hasAttribute(QStringLiteral("a")));
    e.addChild(XmlElement(QStringLiteral("c"), QStringLiteral("urn:1")));
    EXPECT_TRUE(e.hasChild(QStringLiteral("c")));
    EXPECT_TRUE(e.hasChild(QStringLiteral("c"), QStringLiteral("urn:1")));
    EXPECT_FALSE(e.hasChild(QStringLiteral("c"), QStringLiteral("urn:2")));
    EXPECT_TRUE(e.firstChild(QStringLiteral("d")).isNull());
}

TEST(XmlElementTest, EffectiveNsFallsBackToTheParents)
{
    // Elements built in code leave the namespace empty ("the parent's"); parsed ones carry it.
    const QString client = QStringLiteral("jabber:client");
    EXPECT_EQ(XmlElement(QStringLiteral("body")).effectiveNs(client), client);
    EXPECT_EQ(XmlElement(QStringLiteral("x"), QStringLiteral("urn:x")).effectiveNs(client),
              QStringLiteral("urn:x"));
    const XmlElement parsed = reparse(QStringLiteral("<message><body>b</body></message>"));
    EXPECT_EQ(parsed.effectiveNs({}), client);
    EXPECT_EQ(parsed.firstChild(QStringLiteral("body")).effectiveNs(QStringLiteral("urn:other")),
              client);
}
