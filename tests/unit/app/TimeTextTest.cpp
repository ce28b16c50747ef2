#include "TimeText.h"

#include <gtest/gtest.h>

using imp::app::TimeText;

namespace {

// Wednesday 2024-03-13, 15:30 local time.
const QDateTime now(QDate(2024, 3, 13), QTime(15, 30));
const QLocale zh(QLocale::Chinese, QLocale::China);
const QLocale en(QLocale::English, QLocale::UnitedStates);

} // namespace

TEST(TimeText, TodayShowsTheClock)
{
    EXPECT_EQ(TimeText::listTime(QDateTime(QDate(2024, 3, 13), QTime(9, 5)), now, zh), "09:05");
    EXPECT_EQ(TimeText::listTime(QDateTime(QDate(2024, 3, 13), QTime(0, 0)), now, en), "00:00");
}

TEST(TimeText, UtcTimesAreShownInLocalTime)
{
    const QDateTime local(QDate(2024, 3, 13), QTime(9, 5));
    EXPECT_EQ(TimeText::listTime(local.toUTC(), now, zh), "09:05");
}

TEST(TimeText, YesterdayIsAWord)
{
    // Untranslated here: the source text; the app's zh_CN catalogue says 昨天.
    EXPECT_EQ(TimeText::listTime(QDateTime(QDate(2024, 3, 12), QTime(23, 59)), now, zh),
              "Yesterday");
}

TEST(TimeText, ThisWeekShowsTheWeekday)
{
    EXPECT_EQ(TimeText::listTime(QDateTime(QDate(2024, 3, 11), QTime(8, 0)), now, zh), "星期一");
    EXPECT_EQ(TimeText::listTime(QDateTime(QDate(2024, 3, 7), QTime(8, 0)), now, en), "Thursday");
}

TEST(TimeText, OlderShowsADate)
{
    // Seven days ago is no longer "this week": the same weekday would be ambiguous.
    EXPECT_EQ(TimeText::listTime(QDateTime(QDate(2024, 3, 6), QTime(8, 0)), now, zh), "3月6日");
    EXPECT_EQ(TimeText::listTime(QDateTime(QDate(2024, 3, 6), QTime(8, 0)), now, en), "Mar 6");
    EXPECT_EQ(TimeText::listTime(QDateTime(QDate(2023, 12, 31), QTime(8, 0)), now, zh),
              "2023/12/31");
    EXPECT_EQ(TimeText::listTime(QDateTime(QDate(2023, 12, 31), QTime(8, 0)), now, en),
              "Dec 31, 2023");
}

TEST(TimeText, AClockAheadOfOursStillReadsAsAClock)
{
    EXPECT_EQ(TimeText::listTime(QDateTime(QDate(2024, 3, 14), QTime(0, 1)), now, zh), "00:01");
}

TEST(TimeText, InvalidTimeIsEmpty)
{
    EXPECT_TRUE(TimeText::listTime(QDateTime(), now, zh).isEmpty());
    EXPECT_TRUE(TimeText::clock(QDateTime()).isEmpty());
}

TEST(TimeText, DaySeparators)
{
    const QDate today(2024, 3, 13);
    EXPECT_EQ(TimeText::dayLabel(today, today, zh), "Today");
    EXPECT_EQ(TimeText::dayLabel(QDate(2024, 3, 12), today, zh), "Yesterday");
    EXPECT_EQ(TimeText::dayLabel(QDate(2024, 3, 10), today, zh), "星期日");
    EXPECT_EQ(TimeText::dayLabel(QDate(2024, 1, 2), today, zh), "1月2日");
}
