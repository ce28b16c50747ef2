#pragma once

#include <QCoreApplication>
#include <QDateTime>
#include <QLocale>
#include <QString>

namespace imp::app {

// How times read in lists and chats, the way WeChat users expect: today "14:05", yesterday
// "昨天", within the week the weekday, else a date. Pure functions of (time, now, locale) so
// they are tested without a clock.
class TimeText {
    Q_DECLARE_TR_FUNCTIONS(TimeText)

public:
    // Conversation list: today HH:mm, yesterday, weekday within the last 7 days, else a date.
    static QString listTime(const QDateTime &time, const QDateTime &now, const QLocale &locale);
    // Date separators in a chat: today, yesterday, weekday within the last 7 days, else a date.
    static QString dayLabel(const QDate &day, const QDate &today, const QLocale &locale);
    // A message's own time: HH:mm in local time.
    static QString clock(const QDateTime &time);
    // A short date: "3月5日" / "Mar 5" this year, "2023/3/5" / "Mar 5, 2023" before.
    static QString shortDate(const QDate &day, const QDate &today, const QLocale &locale);
    // The locale of the UI language (AppContext), used by the models.
    static QLocale uiLocale();
};

} // namespace imp::app
