#include "AgePolicy.h"

namespace imp::legal {

int AgePolicy::fullYears(const QDate &birth, const QDate &today)
{
    int years = today.year() - birth.year();
    int birthMonth = birth.month();
    int birthDay = birth.day();
    if (birthMonth == 2 && birthDay == 29 && !QDate::isLeapYear(today.year())) {
        birthMonth = 3;
        birthDay = 1;
    }
    if (today.month() < birthMonth || (today.month() == birthMonth && today.day() < birthDay))
        --years;
    return years;
}

Result<AgeAssessment> AgePolicy::assess(const QDate &birth, const QDate &today)
{
    if (!birth.isValid() || !today.isValid())
        return makeError("legal.birth_invalid", "not a calendar date");
    if (birth > today)
        return makeError("legal.birth_in_future", "birth date after today");
    const int years = fullYears(birth, today);
    if (years > MaxAge)
        return makeError("legal.birth_too_old", "birth date more than 120 years ago");
    AgeAssessment result;
    result.years = years;
    result.bracket = years >= AdultAge   ? AgeBracket::Adult
                     : years >= ChildAge ? AgeBracket::Minor
                                         : AgeBracket::Child;
    return result;
}

QDate AgePolicy::today(const QDateTime &now, const QTimeZone &zone)
{
    return now.toTimeZone(zone).date();
}

QString AgePolicy::bracketName(AgeBracket bracket)
{
    switch (bracket) {
    case AgeBracket::Adult:
        return "adult";
    case AgeBracket::Minor:
        return "minor";
    case AgeBracket::Child:
        return "child";
    }
    return {};
}

std::optional<AgeBracket> AgePolicy::bracketFromName(const QString &name)
{
    for (auto b : {AgeBracket::Adult, AgeBracket::Minor, AgeBracket::Child})
        if (bracketName(b) == name)
            return b;
    return std::nullopt;
}

} // namespace imp::legal
