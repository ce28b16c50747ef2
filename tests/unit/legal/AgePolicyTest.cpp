#include "legal/AgePolicy.h"

#include <gtest/gtest.h>

using imp::legal::AgeBracket;
using imp::legal::AgePolicy;

namespace {

imp::legal::AgeAssessment assessOk(const QDate &birth, const QDate &today)
{
    auto result = AgePolicy::assess(birth, today);
    EXPECT_TRUE(result.ok()) << result.error().code;
    return result.ok() ? result.value() : imp::legal::AgeAssessment{-1, AgeBracket::Adult};
}

std::string assessError(const QDate &birth, const QDate &today)
{
    auto result = AgePolicy::assess(birth, today);
    return result.ok() ? std::string("(accepted)") : result.error().code;
}

// 2026-11-27T16:30:00Z: 00:30 on the 28th in Beijing, still the 27th in UTC and California.
const QDateTime Instant(QDate(2026, 11, 27), QTime(16, 30), QTimeZone::utc());

} // namespace

TEST(AgePolicyTest, FullYearsTurnOnTheBirthdayNotBefore)
{
    const QDate birth(2000, 6, 15);
    EXPECT_EQ(AgePolicy::fullYears(birth, QDate(2026, 6, 14)), 25);
    EXPECT_EQ(AgePolicy::fullYears(birth, QDate(2026, 6, 15)), 26);
    EXPECT_EQ(AgePolicy::fullYears(birth, QDate(2026, 5, 31)), 25); // earlier month, later day
    EXPECT_EQ(AgePolicy::fullYears(birth, QDate(2026, 7, 1)), 26);  // later month, earlier day
}

TEST(AgePolicyTest, LeapDayBirthTurnsOlderOnFirstMarchInCommonYears)
{
    const QDate birth(2008, 2, 29);
    EXPECT_EQ(AgePolicy::fullYears(birth, QDate(2026, 2, 28)), 17);
    EXPECT_EQ(AgePolicy::fullYears(birth, QDate(2026, 3, 1)), 18);
    EXPECT_EQ(AgePolicy::fullYears(birth, QDate(2028, 2, 28)), 19);
    EXPECT_EQ(AgePolicy::fullYears(birth, QDate(2028, 2, 29)), 20);

    // The age gate follows: not an adult one day early.
    EXPECT_EQ(assessOk(birth, QDate(2026, 2, 28)).bracket, AgeBracket::Minor);
    EXPECT_EQ(assessOk(birth, QDate(2026, 3, 1)).bracket, AgeBracket::Adult);
}

TEST(AgePolicyTest, BirthInTheFutureIsRejected)
{
    const QDate today(2026, 11, 27);
    EXPECT_EQ(assessError(today.addDays(1), today), "legal.birth_in_future");
    EXPECT_EQ(assessError(QDate(2030, 1, 1), today), "legal.birth_in_future");
}

TEST(AgePolicyTest, BornTodayIsAZeroYearOldChild)
{
    const QDate today(2026, 11, 27);
    const auto age = assessOk(today, today);
    EXPECT_EQ(age.years, 0);
    EXPECT_EQ(age.bracket, AgeBracket::Child);
}

TEST(AgePolicyTest, OneHundredTwentyIsTheOldestAccepted)
{
    const QDate today(2026, 11, 27);
    const auto oldest = assessOk(today.addYears(-120), today);
    EXPECT_EQ(oldest.years, 120);
    EXPECT_EQ(oldest.bracket, AgeBracket::Adult);
    EXPECT_EQ(assessError(today.addYears(-121), today), "legal.birth_too_old");
    EXPECT_EQ(assessError(QDate(1, 1, 1), today), "legal.birth_too_old");
}

TEST(AgePolicyTest, InvalidDatesAreRejected)
{
    const QDate today(2026, 11, 27);
    EXPECT_EQ(assessError(QDate(), today), "legal.birth_invalid");
    EXPECT_EQ(assessError(QDate(2010, 2, 30), today), "legal.birth_invalid");
    // A "today" that could not be worked out (e.g. an unusable time zone) is not a pass either.
    EXPECT_EQ(assessError(QDate(2000, 1, 1), QDate()), "legal.birth_invalid");
}

TEST(AgePolicyTest, ChildBecomesMinorOnTheFourteenthBirthday)
{
    const QDate birth(2012, 11, 27);
    const auto before = assessOk(birth, QDate(2026, 11, 26));
    EXPECT_EQ(before.years, 13);
    EXPECT_EQ(before.bracket, AgeBracket::Child);
    const auto on = assessOk(birth, QDate(2026, 11, 27));
    EXPECT_EQ(on.years, 14);
    EXPECT_EQ(on.bracket, AgeBracket::Minor);
}

TEST(AgePolicyTest, MinorBecomesAdultOnTheEighteenthBirthday)
{
    const QDate birth(2008, 11, 27);
    const auto before = assessOk(birth, QDate(2026, 11, 26));
    EXPECT_EQ(before.years, 17);
    EXPECT_EQ(before.bracket, AgeBracket::Minor);
    const auto on = assessOk(birth, QDate(2026, 11, 27));
    EXPECT_EQ(on.years, 18);
    EXPECT_EQ(on.bracket, AgeBracket::Adult);
}

TEST(AgePolicyTest, TodayIsTheCalendarDayInTheUsersZone)
{
    const QTimeZone shanghai("Asia/Shanghai");
    const QTimeZone losAngeles("America/Los_Angeles");
    ASSERT_TRUE(shanghai.isValid());
    ASSERT_TRUE(losAngeles.isValid());

    EXPECT_EQ(AgePolicy::today(Instant, shanghai), QDate(2026, 11, 28));
    EXPECT_EQ(AgePolicy::today(Instant, QTimeZone::utc()), QDate(2026, 11, 27));
    EXPECT_EQ(AgePolicy::today(Instant, losAngeles), QDate(2026, 11, 27));
}

TEST(AgePolicyTest, SameInstantDifferentAgesByZone)
{
    const QDate birth(2008, 11, 28);
    const auto inShanghai = assessOk(birth, AgePolicy::today(Instant, QTimeZone("Asia/Shanghai")));
    EXPECT_EQ(inShanghai.years, 18);
    EXPECT_EQ(inShanghai.bracket, AgeBracket::Adult);
    const auto inLosAngeles =
        assessOk(birth, AgePolicy::today(Instant, QTimeZone("America/Los_Angeles")));
    EXPECT_EQ(inLosAngeles.years, 17);
    EXPECT_EQ(inLosAngeles.bracket, AgeBracket::Minor);
}

TEST(AgePolicyTest, BracketNamesRoundTrip)
{
    // The names are persisted as a profile setting, so they must stay stable.
    EXPECT_EQ(AgePolicy::bracketName(AgeBracket::Adult), QStringLiteral("adult"));
    EXPECT_EQ(AgePolicy::bracketName(AgeBracket::Minor), QStringLiteral("minor"));
    EXPECT_EQ(AgePolicy::bracketName(AgeBracket::Child), QStringLiteral("child"));
    for (auto bracket : {AgeBracket::Adult, AgeBracket::Minor, AgeBracket::Child})
        EXPECT_EQ(AgePolicy::bracketFromName(AgePolicy::bracketName(bracket)), bracket);

    EXPECT_FALSE(AgePolicy::bracketFromName(QString()).has_value());
    EXPECT_FALSE(AgePolicy::bracketFromName("Adult").has_value());
    EXPECT_FALSE(AgePolicy::bracketFromName("teen").has_value());
}
