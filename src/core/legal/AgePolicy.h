#pragma once

#include "common/Result.h"

#include <QDate>
#include <QDateTime>
#include <QString>
#include <QTimeZone>

namespace imp::legal {

enum class AgeBracket {
    Adult, // 18 and over
    Minor, // 14 to 17: guardian consent (clause 6.6)
    Child  // under 14: guardian consent plus the children's rules
};

struct AgeAssessment {
    int years = 0;
    AgeBracket bracket = AgeBracket::Adult;
};

// Age rules for the first-run gate. Ages are full years in the user's own calendar day.
class AgePolicy {
public:
    static constexpr int AdultAge = 18;
    static constexpr int ChildAge = 14;
    static constexpr int MaxAge = 120;

    // Someone born on 29 February turns a year older on 1 March in common years: the later
    // reading, so nobody passes an age gate a day early.
    static int fullYears(const QDate &birth, const QDate &today);

    // legal.birth_invalid, legal.birth_in_future, legal.birth_too_old
    static Result<AgeAssessment> assess(const QDate &birth, const QDate &today);

    // "Today" is the user's calendar day, not UTC's: 00:30 in Beijing is still yesterday in UTC.
    static QDate today(const QDateTime &now, const QTimeZone &zone);

    static QString bracketName(AgeBracket bracket);
    static std::optional<AgeBracket> bracketFromName(const QString &name);
};

} // namespace imp::legal
