#include "AsYouTypeFormatter.h"

#include "PhoneUtil.h"

#include <phonenumbers/asyoutypeformatter.h>

namespace imp::account {

namespace {
// E.164 allows 15 digits; past a generous margin formatting is pointless and the raw digits are
// returned, which also bounds the work per keystroke.
constexpr qsizetype kMaxFormattedDigits = 24;
} // namespace

AsYouTypeFormatter::AsYouTypeFormatter(const QString &region)
    : m_formatter(detail::phoneUtil().GetAsYouTypeFormatter(detail::toStd(region.toUpper())))
{}

AsYouTypeFormatter::~AsYouTypeFormatter() = default;

void AsYouTypeFormatter::clear()
{
    m_formatter->Clear();
}

QString AsYouTypeFormatter::input(const QString &digitsSoFar)
{
    const QString ascii = detail::asciiDigits(digitsSoFar);
    QString kept;
    kept.reserve(ascii.size());
    for (const QChar c : ascii) {
        if (c >= QLatin1Char('0') && c <= QLatin1Char('9'))
            kept.append(c);
        else if (c == QLatin1Char('+') && kept.isEmpty())
            kept.append(c);
    }
    m_formatter->Clear();
    if (kept.size() > kMaxFormattedDigits)
        return kept;
    std::string result;
    for (const QChar c : kept)
        m_formatter->InputDigit(static_cast<i18n::phonenumbers::char32>(c.unicode()), &result);
    return detail::fromStd(result);
}

} // namespace imp::account
