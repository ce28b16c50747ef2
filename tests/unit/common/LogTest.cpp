#include "common/Log.h"

#include <gtest/gtest.h>

using imp::log::maskPhone;

TEST(LogTest, MasksChineseMobileKeepingPrefixAndLastFour)
{
    EXPECT_EQ(maskPhone("+8613800138000"), "+86138****8000");
}

TEST(LogTest, MasksShortInternationalNumberWithoutRevealingMiddle)
{
    const std::string masked = maskPhone("+4915112345");
    EXPECT_EQ(masked.substr(masked.size() - 4), "2345");
    EXPECT_NE(masked.find("****"), std::string::npos);
    EXPECT_EQ(masked.find("5112"), std::string::npos);
}

TEST(LogTest, FullyMasksAnythingThatIsNotANumber)
{
    EXPECT_EQ(maskPhone("13800138000 or a code 123456"), "****");
    EXPECT_EQ(maskPhone(""), "****");
    EXPECT_EQ(maskPhone("+86"), "****");
}

TEST(LogTest, ShortNumbersStillHideAtLeastFourDigits)
{
    // Iceland: +354 and 7 digits. Printing "+35412" and "3456" would reveal the whole number.
    const std::string masked = maskPhone("+354123456");
    EXPECT_EQ(masked, "+3****3456");
}
