#include "ImptechId.h"

namespace imp::account {

namespace {
bool isAsciiLetter(QChar c)
{
    return (c >= QLatin1Char('a') && c <= QLatin1Char('z')) ||
           (c >= QLatin1Char('A') && c <= QLatin1Char('Z'));
}
} // namespace

QString ImptechId::validate(const QString &id)
{
    // Length in UTF-16 units: any non-ASCII character is rejected below anyway.
    if (id.size() < kMinLength)
        return QStringLiteral("id.too_short");
    if (id.size() > kMaxLength)
        return QStringLiteral("id.too_long");
    if (!isAsciiLetter(id.front()))
        return QStringLiteral("id.must_start_with_letter");
    for (const QChar c : id) {
        const bool ok = isAsciiLetter(c) || (c >= QLatin1Char('0') && c <= QLatin1Char('9')) ||
                        c == QLatin1Char('_') || c == QLatin1Char('-');
        if (!ok)
            return QStringLiteral("id.invalid_character");
    }
    return QString();
}

} // namespace imp::account
