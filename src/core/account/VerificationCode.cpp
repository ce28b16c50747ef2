#include "VerificationCode.h"

#include "PhoneUtil.h"

#include <QStringList>
#include <utility>

namespace imp::account {

namespace {
bool isAsciiDigit(QChar c)
{
    return c >= QLatin1Char('0') && c <= QLatin1Char('9');
}
bool isSeparator(QChar c)
{
    return c.isSpace() || c == QLatin1Char('-') || c == QLatin1Char('.') || c == QChar(0xFF0D);
}
} // namespace

QString VerificationCode::normalise(const QString &pasted)
{
    // Bounded work for absurd pastes; an SMS is far shorter.
    const QString text = detail::asciiDigits(pasted.left(4096));

    QStringList runs;
    QString current;
    bool onlyDigitsAndSeparators = true;
    for (const QChar c : text) {
        if (isAsciiDigit(c)) {
            current.append(c);
            continue;
        }
        if (!isSeparator(c))
            onlyDigitsAndSeparators = false;
        if (!current.isEmpty())
            runs.append(std::exchange(current, QString()));
    }
    if (!current.isEmpty())
        runs.append(current);

    if (onlyDigitsAndSeparators)
        return runs.join(QString()).left(kLength);
    QString longest;
    for (const QString &run : runs) {
        if (run.size() == kLength)
            return run;
        if (run.size() > longest.size())
            longest = run;
    }
    return longest.left(kLength);
}

bool VerificationCode::isComplete(const QString &code)
{
    if (code.size() != kLength)
        return false;
    for (const QChar c : code) {
        if (!isAsciiDigit(c))
            return false;
    }
    return true;
}

} // namespace imp::account
