#pragma once

#include <QList>
#include <QString>

namespace imp::account {

// Phone numbers for sign-up, over libphonenumber: the region picker, validation as a mobile
// number, E.164 and display formatting. All functions are stateless and thread-safe.
class PhoneNumbers {
public:
    struct Region {
        QString code;        // ISO 3166-1 alpha-2, e.g. "CN"
        int callingCode = 0; // e.g. 86
        QString nameZh;      // e.g. "中国"; the English name where no Chinese name is shipped
        QString nameEn;      // e.g. "China"; the region code where Qt has no name
    };

    // Error codes are stable; the UI translates them.
    struct PhoneCheck {
        bool ok = false;
        QString e164;  // "+8613800138000" when ok
        QString error; // "" when ok, else "phone.empty", "phone.too_short", "phone.too_long",
                       // "phone.invalid_country", "phone.not_a_number", "phone.invalid",
                       // "phone.not_mobile"
    };

    // Every region libphonenumber supports, CN first, then by calling code and region code.
    static QList<Region> regions();
    // Regions whose Chinese or English name contains `query` (case-insensitive), whose code
    // equals it, or whose calling code starts with it ("+44", "44"). Empty query: all regions.
    static QList<Region> search(const QString &query);

    // Parses `input` as typed by the user (spaces, dashes, brackets, full-width digits and a
    // leading "+<calling code>" allowed) in `region` ("CN") and accepts it only if it is a valid
    // number that can receive SMS: MOBILE or FIXED_LINE_OR_MOBILE, and strictly MOBILE for CN.
    static PhoneCheck validateMobile(const QString &input, const QString &region);
    // E.164 of a valid number of any type, or "" when the input is not a valid number.
    static QString toE164(const QString &input, const QString &region);
    // For display: national format ("138 0013 8000") when the number belongs to `region`,
    // international ("+44 7911 123456") otherwise. Unparsable input is returned unchanged.
    static QString format(const QString &e164, const QString &region);
};

} // namespace imp::account
