#pragma once

// Internal to imp_account: the one place that touches libphonenumber's singleton. Never include
// this from a public header (libphonenumber is a PRIVATE dependency).

#include <QString>
#include <phonenumbers/phonenumberutil.h>
#include <string>

namespace imp::account::detail {

// The libphonenumber singleton with its logger silenced: its default logger may print the input
// it failed to parse, and inputs are phone numbers.
const i18n::phonenumbers::PhoneNumberUtil &phoneUtil();

// Full-width (０-９, ＋) and other Unicode decimal digits become ASCII; everything else is kept.
QString asciiDigits(const QString &input);

inline std::string toStd(const QString &s)
{
    return s.toStdString();
}
inline QString fromStd(const std::string &s)
{
    return QString::fromStdString(s);
}

} // namespace imp::account::detail
