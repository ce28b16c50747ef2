#include "account/PhoneNumbers.h"

#include <gtest/gtest.h>

using imp::account::PhoneNumbers;

namespace {

QString errorOf(const QString &input, const QString &region)
{
    return PhoneNumbers::validateMobile(input, region).error;
}

} // namespace

TEST(PhoneNumbersTest, ChineseMobileBecomesE164)
{
    const auto check =
        PhoneNumbers::validateMobile(QStringLiteral("13800138000"), QStringLiteral("CN"));
    EXPECT_TRUE(check.ok);
    EXPECT_EQ(check.e164, QStringLiteral("+8613800138000"));
    EXPECT_TRUE(check.error.isEmpty());
}

TEST(PhoneNumbersTest, TypedFormattingAndFullWidthDigitsAreAccepted)
{
    EXPECT_EQ(
        PhoneNumbers::validateMobile(QStringLiteral(" 138 0013-8000 "), QStringLiteral("CN")).e164,
        QStringLiteral("+8613800138000"));
    EXPECT_EQ(
        PhoneNumbers::validateMobile(QStringLiteral("１３８００１３８０００"), QStringLiteral("CN"))
            .e164,
        QStringLiteral("+8613800138000"));
    EXPECT_EQ(
        PhoneNumbers::validateMobile(QStringLiteral("+86 138 0013 8000"), QStringLiteral("CN"))
            .e164,
        QStringLiteral("+8613800138000"));
}

TEST(PhoneNumbersTest, ChineseLandlineIsNotMobile)
{
    EXPECT_EQ(errorOf(QStringLiteral("01012345678"), QStringLiteral("CN")),
              QStringLiteral("phone.not_mobile"));
}

TEST(PhoneNumbersTest, EmptyInput)
{
    EXPECT_EQ(errorOf(QString(), QStringLiteral("CN")), QStringLiteral("phone.empty"));
    EXPECT_EQ(errorOf(QStringLiteral("   "), QStringLiteral("CN")), QStringLiteral("phone.empty"));
}

TEST(PhoneNumbersTest, TooShort)
{
    EXPECT_EQ(errorOf(QStringLiteral("123"), QStringLiteral("CN")),
              QStringLiteral("phone.too_short"));
    // One digit short of a mobile number.
    EXPECT_EQ(errorOf(QStringLiteral("1380013800"), QStringLiteral("CN")),
              QStringLiteral("phone.too_short"));
}

TEST(PhoneNumbersTest, TooLong)
{
    EXPECT_EQ(errorOf(QStringLiteral("138001380001234567890"), QStringLiteral("CN")),
              QStringLiteral("phone.too_long"));
    EXPECT_EQ(errorOf(QString(200, QLatin1Char('1')), QStringLiteral("CN")),
              QStringLiteral("phone.too_long"));
}

TEST(PhoneNumbersTest, LettersAreNotANumber)
{
    EXPECT_EQ(errorOf(QStringLiteral("abc"), QStringLiteral("CN")),
              QStringLiteral("phone.not_a_number"));
    // libphonenumber would read letters as keypad digits; a sign-up form must not.
    EXPECT_EQ(errorOf(QStringLiteral("138OO138OOO"), QStringLiteral("CN")),
              QStringLiteral("phone.not_a_number"));
    EXPECT_EQ(errorOf(QStringLiteral("138+00138000"), QStringLiteral("CN")),
              QStringLiteral("phone.not_a_number"));
}

TEST(PhoneNumbersTest, UnknownRegionIsInvalidCountry)
{
    EXPECT_EQ(errorOf(QStringLiteral("13800138000"), QStringLiteral("XX")),
              QStringLiteral("phone.invalid_country"));
    EXPECT_EQ(errorOf(QStringLiteral("+999 1234567"), QStringLiteral("CN")),
              QStringLiteral("phone.invalid_country"));
}

TEST(PhoneNumbersTest, NumberFromAnotherRegionIsInvalidThere)
{
    // A Chinese mobile number typed with the US selected is not a US number.
    const QString error = errorOf(QStringLiteral("13800138000"), QStringLiteral("US"));
    EXPECT_FALSE(error.isEmpty());
    EXPECT_NE(error, QStringLiteral("phone.not_mobile"));
}

TEST(PhoneNumbersTest, InvalidNumberOfRightLength)
{
    // 11 digits like a mobile number, but no Chinese range starts with 12.
    EXPECT_EQ(errorOf(QStringLiteral("12345678901"), QStringLiteral("CN")),
              QStringLiteral("phone.invalid"));
}

TEST(PhoneNumbersTest, UsFixedLineOrMobileIsAccepted)
{
    const auto check =
        PhoneNumbers::validateMobile(QStringLiteral("+1 650-253-0000"), QStringLiteral("US"));
    EXPECT_TRUE(check.ok) << check.error.toStdString();
    EXPECT_EQ(check.e164, QStringLiteral("+16502530000"));
}

TEST(PhoneNumbersTest, ForeignMobileTypedInternationallyIsAccepted)
{
    const auto check =
        PhoneNumbers::validateMobile(QStringLiteral("+44 7911 123456"), QStringLiteral("CN"));
    EXPECT_TRUE(check.ok) << check.error.toStdString();
    EXPECT_EQ(check.e164, QStringLiteral("+447911123456"));
}

TEST(PhoneNumbersTest, ToE164AndDisplayFormat)
{
    EXPECT_EQ(PhoneNumbers::toE164(QStringLiteral("138 0013 8000"), QStringLiteral("CN")),
              QStringLiteral("+8613800138000"));
    EXPECT_EQ(PhoneNumbers::toE164(QStringLiteral("nonsense"), QStringLiteral("CN")), QString());
    EXPECT_EQ(PhoneNumbers::format(QStringLiteral("+8613800138000"), QStringLiteral("CN")),
              QStringLiteral("138 0013 8000"));
    EXPECT_EQ(PhoneNumbers::format(QStringLiteral("+447911123456"), QStringLiteral("CN")),
              QStringLiteral("+44 7911 123456"));
    EXPECT_EQ(PhoneNumbers::format(QStringLiteral("garbage"), QStringLiteral("CN")),
              QStringLiteral("garbage"));
}

TEST(PhoneNumbersTest, RegionListStartsWithChina)
{
    const auto regions = PhoneNumbers::regions();
    ASSERT_GT(regions.size(), 200);
    EXPECT_EQ(regions.first().code, QStringLiteral("CN"));
    EXPECT_EQ(regions.first().callingCode, 86);
    EXPECT_EQ(regions.first().nameZh, QStringLiteral("中国"));
    EXPECT_EQ(regions.first().nameEn, QStringLiteral("China"));
    for (const auto &r : regions) {
        EXPECT_FALSE(r.nameZh.isEmpty()) << r.code.toStdString();
        EXPECT_FALSE(r.nameEn.isEmpty()) << r.code.toStdString();
        EXPECT_GT(r.callingCode, 0) << r.code.toStdString();
    }
    // After CN the list is ordered by calling code.
    for (qsizetype i = 2; i < regions.size(); ++i)
        EXPECT_LE(regions[i - 1].callingCode, regions[i].callingCode);
}

TEST(PhoneNumbersTest, CommonRegionsHaveChineseNames)
{
    const auto regions = PhoneNumbers::regions();
    auto find = [&](const char *code) {
        for (const auto &r : regions) {
            if (r.code == QLatin1String(code))
                return r;
        }
        return PhoneNumbers::Region{};
    };
    EXPECT_EQ(find("HK").nameZh, QStringLiteral("中国香港"));
    EXPECT_EQ(find("US").nameZh, QStringLiteral("美国"));
    EXPECT_EQ(find("JP").nameZh, QStringLiteral("日本"));
    EXPECT_EQ(find("GB").callingCode, 44);
}

TEST(PhoneNumbersTest, SearchByChineseNameEnglishNameCodeAndCallingCode)
{
    auto codes = [](const QList<PhoneNumbers::Region> &list) {
        QStringList out;
        for (const auto &r : list)
            out.append(r.code);
        return out;
    };
    const QStringList zh = codes(PhoneNumbers::search(QStringLiteral("中")));
    EXPECT_EQ(zh.value(0), QStringLiteral("CN"));
    EXPECT_TRUE(zh.contains(QStringLiteral("HK")));
    EXPECT_TRUE(zh.contains(QStringLiteral("TW")));

    const QStringList en = codes(PhoneNumbers::search(QStringLiteral("china")));
    EXPECT_EQ(en.value(0), QStringLiteral("CN"));

    const QStringList plus44 = codes(PhoneNumbers::search(QStringLiteral("+44")));
    EXPECT_TRUE(plus44.contains(QStringLiteral("GB")));
    EXPECT_FALSE(plus44.contains(QStringLiteral("CN")));

    EXPECT_EQ(codes(PhoneNumbers::search(QStringLiteral("86"))).value(0), QStringLiteral("CN"));
    EXPECT_EQ(codes(PhoneNumbers::search(QStringLiteral("jp"))), QStringList{"JP"});
    EXPECT_EQ(PhoneNumbers::search(QString()).size(), PhoneNumbers::regions().size());
    EXPECT_TRUE(PhoneNumbers::search(QStringLiteral("zzzzzz")).isEmpty());
}
