#include "account/ImptechId.h"

#include <gtest/gtest.h>

using imp::account::ImptechId;

TEST(ImptechIdTest, ValidIds)
{
    EXPECT_EQ(ImptechId::validate(QStringLiteral("abcdef")), QString());
    EXPECT_EQ(ImptechId::validate(QStringLiteral("Zhang_san-2024")), QString());
    EXPECT_EQ(ImptechId::validate(QStringLiteral("a2345678901234567890")), QString()); // 20
}

TEST(ImptechIdTest, Length)
{
    EXPECT_EQ(ImptechId::validate(QString()), QStringLiteral("id.too_short"));
    EXPECT_EQ(ImptechId::validate(QStringLiteral("abcde")), QStringLiteral("id.too_short"));
    EXPECT_EQ(ImptechId::validate(QStringLiteral("a23456789012345678901")),
              QStringLiteral("id.too_long"));
}

TEST(ImptechIdTest, MustStartWithLetter)
{
    EXPECT_EQ(ImptechId::validate(QStringLiteral("1abcdef")),
              QStringLiteral("id.must_start_with_letter"));
    EXPECT_EQ(ImptechId::validate(QStringLiteral("_abcdef")),
              QStringLiteral("id.must_start_with_letter"));
    EXPECT_EQ(ImptechId::validate(QStringLiteral("张三abcdef")),
              QStringLiteral("id.must_start_with_letter"));
}

TEST(ImptechIdTest, InvalidCharacters)
{
    EXPECT_EQ(ImptechId::validate(QStringLiteral("abc def")),
              QStringLiteral("id.invalid_character"));
    EXPECT_EQ(ImptechId::validate(QStringLiteral("abc.def")),
              QStringLiteral("id.invalid_character"));
    EXPECT_EQ(ImptechId::validate(QStringLiteral("abcdé12")),
              QStringLiteral("id.invalid_character"));
    EXPECT_EQ(ImptechId::validate(QStringLiteral("abc@example")),
              QStringLiteral("id.invalid_character"));
}
