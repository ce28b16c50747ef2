#include "PhoneUtil.h"

#include <phonenumbers/logger.h>

namespace imp::account::detail {

const i18n::phonenumbers::PhoneNumberUtil &phoneUtil()
{
    // Function-local static: initialised once, thread-safe (C++11 magic statics).
    static i18n::phonenumbers::PhoneNumberUtil *const util = [] {
        auto *u = i18n::phonenumbers::PhoneNumberUtil::GetInstance();
        u->SetLogger(new i18n::phonenumbers::NullLogger()); // takes ownership
        return u;
    }();
    return *util;
}

QString asciiDigits(const QString &input)
{
    QString out;
    out.reserve(input.size());
    for (const QChar c : input) {
        if (c == QChar(0xFF0B)) // full-width plus
            out.append(QLatin1Char('+'));
        else if (c.isDigit() && c.digitValue() >= 0 && c.digitValue() <= 9)
            out.append(QLatin1Char(static_cast<char>('0' + c.digitValue())));
        else
            out.append(c);
    }
    return out;
}

} // namespace imp::account::detail
