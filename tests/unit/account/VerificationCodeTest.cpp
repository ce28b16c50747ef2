#include "account/VerificationCode.h"

#include <gtest/gtest.h>

using imp::account::VerificationCode;

TEST(VerificationCodeTest, PastedSmsKeepsTheSixDigitCode)
{
    EXPECT_EQ(VerificationCode::normalise(QStringLiteral("【IMpTech】验证码 123456，5分钟内有效")),
              QStringLiteral("123456"));
    EXPECT_EQ(VerificationCode::normalise(
                  QStringLiteral("【IMpTech】5分钟内有效，验证码：654321，请勿告诉他人")),
              QStringLiteral("654321"));
    // A phone number in the text is not taken for the code.
    EXPECT_EQ(VerificationCode::normalise(QStringLiteral("致电 4001234567 咨询。验证码 112233")),
              QStringLiteral("112233"));
}

TEST(VerificationCodeTest, FullWidthDigitsAreConverted)
{
    EXPECT_EQ(VerificationCode::normalise(QStringLiteral("验证码１２３４５６")),
              QStringLiteral("123456"));
    EXPECT_EQ(VerificationCode::normalise(QStringLiteral("１２３")), QStringLiteral("123"));
}

TEST(VerificationCodeTest, TypedDigitsWithSeparators)
{
    EXPECT_EQ(VerificationCode::normalise(QStringLiteral("123 456")), QStringLiteral("123456"));
    EXPECT_EQ(VerificationCode::normalise(QStringLiteral("12-34-56")), QStringLiteral("123456"));
    EXPECT_EQ(VerificationCode::normalise(QStringLiteral("12")), QStringLiteral("12"));
    EXPECT_EQ(VerificationCode::normalise(QStringLiteral("12345678")), QStringLiteral("123456"));
    EXPECT_EQ(VerificationCode::normalise(QString()), QString());
    EXPECT_EQ(VerificationCode::normalise(QStringLiteral("没有数字")), QString());
}

TEST(VerificationCodeTest, IsComplete)
{
    EXPECT_TRUE(VerificationCode::isComplete(QStringLiteral("123456")));
    EXPECT_FALSE(VerificationCode::isComplete(QStringLiteral("12345")));
    EXPECT_FALSE(VerificationCode::isComplete(QStringLiteral("1234567")));
    EXPECT_FALSE(VerificationCode::isComplete(QStringLiteral("12345a")));
    EXPECT_FALSE(VerificationCode::isComplete(QStringLiteral("１２３４５６")));
}
