#include "chat/ContactSorter.h"

#include <gtest/gtest.h>

using imp::chat::Contact;
using imp::chat::ContactSorter;

namespace {

Contact named(const QString &nickname)
{
    Contact c;
    c.jid = nickname + "@localhost";
    c.nickname = nickname;
    return c;
}

QStringList names(const QList<Contact> &contacts)
{
    QStringList out;
    for (const auto &c : contacts)
        out << c.displayName();
    return out;
}

} // namespace

TEST(ContactSorterTest, ChineseNamesGoUnderTheirPinyinInitial)
{
    ContactSorter sorter;
    EXPECT_EQ(sorter.sectionOf(QStringLiteral("张伟")), "Z");
    EXPECT_EQ(sorter.sectionOf(QStringLiteral("李娜")), "L");
    EXPECT_EQ(sorter.sectionOf(QStringLiteral("王芳")), "W");
    EXPECT_EQ(sorter.sectionOf(QStringLiteral("陈静")), "C");
    EXPECT_EQ(sorter.sectionOf(QStringLiteral("阿强")), "A");
    EXPECT_EQ(sorter.sectionOf(QStringLiteral("欧阳")), "O");
    EXPECT_EQ(sorter.sectionOf(QStringLiteral("赵")), "Z");
}

TEST(ContactSorterTest, LatinAccentsAndOthers)
{
    ContactSorter sorter;
    EXPECT_EQ(sorter.sectionOf("alice"), "A");
    EXPECT_EQ(sorter.sectionOf(QStringLiteral("Émile")), "E");
    EXPECT_EQ(sorter.sectionOf("42 club"), "#");
    EXPECT_EQ(sorter.sectionOf(QStringLiteral("😀 smile")), "#");
    EXPECT_EQ(sorter.sectionOf("  "), "#");
}

TEST(ContactSorterTest, MixedListSortsByPinyinWithLatinInterleavedAndHashLast)
{
    ContactSorter sorter;
    const auto sorted = sorter.sorted(
        {named(QStringLiteral("张伟")), named("Bob"), named(QStringLiteral("李娜")), named("123"),
         named(QStringLiteral("白雪")), named("alice"), named(QStringLiteral("安然"))});
    const QStringList got = names(sorted);
    // A: alice / 安然, B: Bob / 白雪, L: 李娜, Z: 张伟, then #.
    EXPECT_EQ(got.size(), 7);
    EXPECT_EQ(sorter.sectionOf(got[0]), "A");
    EXPECT_EQ(sorter.sectionOf(got[1]), "A");
    EXPECT_EQ(sorter.sectionOf(got[2]), "B");
    EXPECT_EQ(sorter.sectionOf(got[3]), "B");
    EXPECT_EQ(got[4], QStringLiteral("李娜"));
    EXPECT_EQ(got[5], QStringLiteral("张伟"));
    EXPECT_EQ(got[6], "123");
}

TEST(ContactSorterTest, NumbersInNamesSortNaturally)
{
    ContactSorter sorter;
    const auto got = names(sorter.sorted({named("user10"), named("user2"), named("user1")}));
    EXPECT_EQ(got, (QStringList{"user1", "user2", "user10"}));
}

TEST(ContactSorterTest, DisplayNameFallsBackToIdThenJid)
{
    Contact c;
    c.jid = "u123@localhost";
    EXPECT_EQ(c.displayName(), "u123");
    c.imptechId = "xiaoming";
    EXPECT_EQ(c.displayName(), "xiaoming");
    c.nickname = QStringLiteral("小明");
    EXPECT_EQ(c.displayName(), QStringLiteral("小明"));
}
