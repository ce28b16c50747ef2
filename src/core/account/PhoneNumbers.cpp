#include "PhoneNumbers.h"

#include "PhoneUtil.h"
#include "RegionNames.h"

#include <QLocale>
#include <algorithm>
#include <set>

namespace imp::account {

using detail::fromStd;
using detail::phoneUtil;
using detail::toStd;
using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

namespace {

// Longer than any phone number someone could type with formatting; stops huge pastes before
// they reach libphonenumber's regular expressions.
constexpr qsizetype kMaxInputLength = 64;

bool isAllowedPhoneChar(QChar c)
{
    // Only what people type around digits. libphonenumber would also turn letters into digits
    // ("1-800-FLOWERS"), which is never what a sign-up form wants.
    return (c >= QLatin1Char('0') && c <= QLatin1Char('9')) || c == QLatin1Char('+') ||
           c == QLatin1Char(' ') || c == QLatin1Char('-') || c == QLatin1Char('(') ||
           c == QLatin1Char(')') || c == QLatin1Char('.') || c == QLatin1Char('/') ||
           c == QChar(0x00A0) || c == QChar(0x3000) || c == QChar(0x2011) || c == QChar(0x2013) ||
           c == QChar(0xFF08) || c == QChar(0xFF09) || c == QChar(0xFF0D);
}

PhoneNumbers::PhoneCheck fail(const char *code)
{
    return PhoneNumbers::PhoneCheck{false, QString(), QString::fromLatin1(code)};
}

} // namespace

QList<PhoneNumbers::Region> PhoneNumbers::regions()
{
    // Built once: libphonenumber's metadata and the names never change while running.
    static const QList<Region> all = [] {
        std::set<std::string> codes;
        phoneUtil().GetSupportedRegions(&codes);
        QList<Region> list;
        list.reserve(static_cast<qsizetype>(codes.size()));
        for (const std::string &c : codes) {
            Region r;
            r.code = fromStd(c);
            r.callingCode = phoneUtil().GetCountryCodeForRegion(c);
            const QLocale::Territory t = QLocale::codeToTerritory(r.code);
            r.nameEn = t == QLocale::AnyTerritory ? r.code : QLocale::territoryToString(t);
            r.nameZh = detail::chineseRegionName(r.code);
            if (r.nameZh.isEmpty())
                r.nameZh = r.nameEn;
            list.append(r);
        }
        const QString cn = QStringLiteral("CN");
        std::sort(list.begin(), list.end(), [&cn](const Region &a, const Region &b) {
            if ((a.code == cn) != (b.code == cn))
                return a.code == cn;
            if (a.callingCode != b.callingCode)
                return a.callingCode < b.callingCode;
            return a.code < b.code;
        });
        return list;
    }();
    return all;
}

QList<PhoneNumbers::Region> PhoneNumbers::search(const QString &query)
{
    QString q = detail::asciiDigits(query.trimmed());
    const QList<Region> all = regions();
    if (q.isEmpty())
        return all;

    QList<Region> out;
    QString digits = q.startsWith(QLatin1Char('+')) ? q.mid(1).trimmed() : q;
    bool isNumber = false;
    digits.toInt(&isNumber);
    if (isNumber && !digits.startsWith(QLatin1Char('-'))) {
        for (const Region &r : all) {
            if (QString::number(r.callingCode).startsWith(digits))
                out.append(r);
        }
        return out;
    }
    for (const Region &r : all) {
        if (r.code.compare(q, Qt::CaseInsensitive) == 0 ||
            r.nameZh.contains(q, Qt::CaseInsensitive) || r.nameEn.contains(q, Qt::CaseInsensitive))
            out.append(r);
    }
    return out;
}

PhoneNumbers::PhoneCheck PhoneNumbers::validateMobile(const QString &input, const QString &region)
{
    const QString text = detail::asciiDigits(input).trimmed();
    if (text.isEmpty())
        return fail("phone.empty");
    if (text.size() > kMaxInputLength)
        return fail("phone.too_long");
    if (!std::all_of(text.begin(), text.end(), isAllowedPhoneChar) ||
        text.lastIndexOf(QLatin1Char('+')) > 0)
        return fail("phone.not_a_number");
    if (std::none_of(text.begin(), text.end(), [](QChar c) { return c.isDigit(); }))
        return fail("phone.not_a_number");

    const PhoneNumberUtil &util = phoneUtil();
    PhoneNumber number;
    switch (util.Parse(toStd(text), toStd(region.toUpper()), &number)) {
    case PhoneNumberUtil::NO_PARSING_ERROR:
        break;
    case PhoneNumberUtil::INVALID_COUNTRY_CODE_ERROR:
        return fail("phone.invalid_country");
    case PhoneNumberUtil::NOT_A_NUMBER:
        return fail("phone.not_a_number");
    case PhoneNumberUtil::TOO_SHORT_AFTER_IDD:
    case PhoneNumberUtil::TOO_SHORT_NSN:
        return fail("phone.too_short");
    case PhoneNumberUtil::TOO_LONG_NSN:
        return fail("phone.too_long");
    }

    switch (util.IsPossibleNumberWithReason(number)) {
    case PhoneNumberUtil::INVALID_COUNTRY_CODE:
        return fail("phone.invalid_country");
    case PhoneNumberUtil::TOO_SHORT:
        return fail("phone.too_short");
    case PhoneNumberUtil::TOO_LONG:
        return fail("phone.too_long");
    default:
        break;
    }

    if (!util.IsValidNumber(number)) {
        // Say "too short/long" when the length is what is wrong for a mobile number there
        // ("1380013800" is a possible CN landline length but one digit short of a mobile).
        switch (util.IsPossibleNumberForTypeWithReason(number, PhoneNumberUtil::MOBILE)) {
        case PhoneNumberUtil::TOO_SHORT:
            return fail("phone.too_short");
        case PhoneNumberUtil::TOO_LONG:
            return fail("phone.too_long");
        default:
            return fail("phone.invalid");
        }
    }

    std::string numberRegion;
    util.GetRegionCodeForNumber(number, &numberRegion);
    const PhoneNumberUtil::PhoneNumberType type = util.GetNumberType(number);
    // In CN mobile and landline ranges are disjoint, so anything but MOBILE cannot get an SMS.
    const bool mobile = type == PhoneNumberUtil::MOBILE ||
                        (type == PhoneNumberUtil::FIXED_LINE_OR_MOBILE && numberRegion != "CN");
    if (!mobile)
        return fail("phone.not_mobile");

    std::string e164;
    util.Format(number, PhoneNumberUtil::E164, &e164);
    return PhoneCheck{true, fromStd(e164), QString()};
}

QString PhoneNumbers::toE164(const QString &input, const QString &region)
{
    const QString text = detail::asciiDigits(input).trimmed();
    if (text.isEmpty() || text.size() > kMaxInputLength ||
        !std::all_of(text.begin(), text.end(), isAllowedPhoneChar))
        return QString();
    const PhoneNumberUtil &util = phoneUtil();
    PhoneNumber number;
    if (util.Parse(toStd(text), toStd(region.toUpper()), &number) !=
            PhoneNumberUtil::NO_PARSING_ERROR ||
        !util.IsValidNumber(number))
        return QString();
    std::string e164;
    util.Format(number, PhoneNumberUtil::E164, &e164);
    return fromStd(e164);
}

QString PhoneNumbers::format(const QString &e164, const QString &region)
{
    if (e164.size() > kMaxInputLength)
        return e164;
    const PhoneNumberUtil &util = phoneUtil();
    PhoneNumber number;
    const std::string upperRegion = toStd(region.toUpper());
    if (util.Parse(toStd(e164), upperRegion, &number) != PhoneNumberUtil::NO_PARSING_ERROR)
        return e164;
    const bool sameCountry = util.GetCountryCodeForRegion(upperRegion) == number.country_code();
    std::string out;
    util.Format(number, sameCountry ? PhoneNumberUtil::NATIONAL : PhoneNumberUtil::INTERNATIONAL,
                &out);
    return fromStd(out);
}

} // namespace imp::account
