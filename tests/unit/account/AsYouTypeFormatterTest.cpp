#include "account/AsYouTypeFormatter.h"

#include <gtest/gtest.h>

using imp::account::AsYouTypeFormatter;

TEST(AsYouTypeFormatterTest, ChineseMobileGroupsAsTyped)
{
    AsYouTypeFormatter f(QStringLiteral("CN"));
    EXPECT_EQ(f.input(QStringLiteral("138")), QStringLiteral("138"));
    EXPECT_EQ(f.input(QStringLiteral("1380013")), QStringLiteral("138 0013"));
    EXPECT_EQ(f.input(QStringLiteral("13800138000")), QStringLiteral("138 0013 8000"));
}

TEST(AsYouTypeFormatterTest, ReformatsTheWholeFieldAfterEdits)
{
    AsYouTypeFormatter f(QStringLiteral("CN"));
    // The field already shows spaces from the previous round; they are ignored.
    EXPECT_EQ(f.input(QStringLiteral("138 0013 8000")), QStringLiteral("138 0013 8000"));
    EXPECT_EQ(f.input(QStringLiteral("138 0013 800")), QStringLiteral("138 0013 800"));
    EXPECT_EQ(f.input(QStringLiteral("１３８００１３８０００")), QStringLiteral("138 0013 8000"));
}

TEST(AsYouTypeFormatterTest, UsAndInternational)
{
    AsYouTypeFormatter us(QStringLiteral("US"));
    EXPECT_EQ(us.input(QStringLiteral("6502530000")), QStringLiteral("(650) 253-0000"));
    AsYouTypeFormatter cn(QStringLiteral("CN"));
    EXPECT_EQ(cn.input(QStringLiteral("+447911123456")), QStringLiteral("+44 7911 123456"));
}

TEST(AsYouTypeFormatterTest, GarbageAndOverlongInputDoNotBreakIt)
{
    AsYouTypeFormatter f(QStringLiteral("CN"));
    EXPECT_EQ(f.input(QStringLiteral("abc")), QString());
    EXPECT_EQ(f.input(QString(100, QLatin1Char('9'))), QString(100, QLatin1Char('9')));
    AsYouTypeFormatter unknown(QStringLiteral("XX"));
    EXPECT_FALSE(unknown.input(QStringLiteral("13800138000")).isEmpty());
}
