#include "TextFormat.h"

#include <gtest/gtest.h>

using imp::app::TextFormat;

TEST(TextFormat, MarkupInABodyIsShownNotRun)
{
    const QString html = TextFormat::toRichText("<b>hi</b> & <img src=x onerror=alert(1)>");
    EXPECT_FALSE(html.contains("<b>"));
    EXPECT_FALSE(html.contains("<img"));
    EXPECT_TRUE(html.contains("&lt;b&gt;hi&lt;/b&gt; &amp; &lt;img"));
}

TEST(TextFormat, LinksBecomeClickable)
{
    const QString html = TextFormat::toRichText("see https://example.com/a?b=1&c=2 now");
    EXPECT_TRUE(html.contains(
        "<a href=\"https://example.com/a?b=1&amp;c=2\">https://example.com/a?b=1&amp;c=2</a> now"))
        << html.toStdString();
}

TEST(TextFormat, WwwGetsHttps)
{
    const auto links = TextFormat::findLinks("去 www.imptech.cn 看看");
    ASSERT_EQ(links.size(), 1);
    EXPECT_EQ(links[0].url, "https://www.imptech.cn");
}

TEST(TextFormat, SentencePunctuationStaysOutside)
{
    auto links = TextFormat::findLinks("Read https://a.example/x. Then (https://b.example/y), ok?");
    ASSERT_EQ(links.size(), 2);
    EXPECT_EQ(links[0].url, "https://a.example/x");
    EXPECT_EQ(links[1].url, "https://b.example/y");
    links = TextFormat::findLinks("链接：https://a.example/路径，谢谢。");
    ASSERT_EQ(links.size(), 1);
    EXPECT_EQ(links[0].url, "https://a.example/");
    // A bracket opened inside the link belongs to it.
    links = TextFormat::findLinks("https://en.wikipedia.org/wiki/Foo_(bar)");
    ASSERT_EQ(links.size(), 1);
    EXPECT_EQ(links[0].url, "https://en.wikipedia.org/wiki/Foo_(bar)");
}

TEST(TextFormat, OnlyWebSchemesAreLinks)
{
    EXPECT_TRUE(TextFormat::findLinks("javascript:alert(1) file:///etc/passwd ftp://x").isEmpty());
    EXPECT_TRUE(TextFormat::findLinks("https:// and www.").isEmpty());
    EXPECT_TRUE(TextFormat::findLinks("mail me at bob@www.example.com").isEmpty());
}

TEST(TextFormat, QuotesCannotBreakOutOfTheHref)
{
    const QString html = TextFormat::toRichText("https://x.example/\"onmouseover=\"alert(1)");
    EXPECT_FALSE(html.contains("\"onmouseover")) << html.toStdString();
}

TEST(TextFormat, LinesAndSpacesAreKept)
{
    const QString html = TextFormat::toRichText("a\nb\r\nc  d");
    EXPECT_TRUE(html.contains("a<br>b<br>c  d"));
    EXPECT_TRUE(html.contains("white-space: pre-wrap"));
}

TEST(TextFormat, AvatarInitial)
{
    EXPECT_EQ(TextFormat::initial("alice"), "A");
    EXPECT_EQ(TextFormat::initial("张伟"), "张");
    EXPECT_EQ(TextFormat::initial("  (bob)"), "B");
    EXPECT_EQ(TextFormat::initial("محمد"), "م");
    EXPECT_EQ(TextFormat::initial(""), "#");
    EXPECT_EQ(TextFormat::initial("!!"), "#");
}

TEST(TextFormat, BadgeCapsAt99)
{
    EXPECT_EQ(TextFormat::badgeText(0), "");
    EXPECT_EQ(TextFormat::badgeText(-1), "");
    EXPECT_EQ(TextFormat::badgeText(7), "7");
    EXPECT_EQ(TextFormat::badgeText(99), "99");
    EXPECT_EQ(TextFormat::badgeText(100), "99+");
}

TEST(TextFormat, AvatarColourIsStablePerPerson)
{
    EXPECT_EQ(TextFormat::colorIndex("a@localhost"), TextFormat::colorIndex("a@localhost"));
    for (const auto *jid : {"a@x", "b@x", "c@x", "dd@x"}) {
        const int i = TextFormat::colorIndex(jid);
        EXPECT_GE(i, 0);
        EXPECT_LT(i, 8);
    }
}

TEST(TextFormat, ANameSomeoneChoseLosesBidiOverridesAndControls)
{
    // "Bob" written with a right-to-left override would show as "boB" and turn the line
    // around it; a zero-width joiner inside an emoji stays.
    EXPECT_EQ(TextFormat::safeName(QString::fromUtf8("\u202Ebob\u202C")), "bob");
    EXPECT_EQ(TextFormat::safeName(QString::fromUtf8(" a\u0007b\u200Fc ")), "abc");
    const QString family = QString::fromUtf8("👨\u200D👩");
    EXPECT_EQ(TextFormat::safeName(family), family);
    EXPECT_EQ(TextFormat::isolate("محمد"), QString::fromUtf8("\u2068محمد\u2069"));
    EXPECT_EQ(TextFormat::isolate(""), "");
}
