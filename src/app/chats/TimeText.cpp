#include "TimeText.h"

#include "AppContext.h"

namespace imp::app {

namespace {

bool isChinese(const QLocale &locale)
{
    return locale.language() == QLocale::Chinese;
}

// Weekday names read better in full in Chinese (星期三); English keeps the whole word too.
QString weekday(const QDate &day, const QLocale &locale)
{
    return locale.standaloneDayName(day.dayOfWeek(), QLocale::LongFormat);
}

} // namespace

QString TimeText::shortDate(const QDate &day, const QDate &today, const QLocale &locale)
{
    if (isChinese(locale))
        return day.year() == today.year()
                   ? QString("%1月%2日").arg(day.month()).arg(day.day())
                   : QString("%1/%2/%3").arg(day.year()).arg(day.month()).arg(day.day());
    return day.year() == today.year() ? locale.toString(day, "MMM d")
                                      : locale.toString(day, "MMM d, yyyy");
}

QString TimeText::dayLabel(const QDate &day, const QDate &today, const QLocale &locale)
{
    const qint64 ago = day.daysTo(today);
    if (ago == 0)
        return tr("Today");
    if (ago == 1)
        return tr("Yesterday");
    if (ago > 1 && ago < 7)
        return weekday(day, locale);
    return shortDate(day, today, locale);
}

QString TimeText::listTime(const QDateTime &time, const QDateTime &now, const QLocale &locale)
{
    if (!time.isValid())
        return {};
    const QDateTime local = time.toLocalTime();
    const QDate today = now.toLocalTime().date();
    if (local.date() == today || local.date() > today) // a skewed clock still reads as today
        return clock(local);
    return dayLabel(local.date(), today, locale);
}

QString TimeText::clock(const QDateTime &time)
{
    return time.isValid() ? time.toLocalTime().toString("HH:mm") : QString();
}

QLocale TimeText::uiLocale()
{
    return QLocale(AppContext::current().options.language);
}

} // namespace imp::app
