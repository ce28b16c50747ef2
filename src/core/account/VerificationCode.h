#pragma once

#include <QString>

namespace imp::account {

// The 6-digit SMS verification code (DESIGN §5) as typed or pasted into the code field.
class VerificationCode {
public:
    static constexpr int kLength = 6;

    // What the field should hold after the user typed or pasted `pasted`:
    // - a whole SMS ("【IMpTech】验证码 123456，5分钟内有效") -> "123456": the first run of exactly
    //   six digits, so the "5" of "5分钟" or a longer number (a phone number) is not taken;
    // - digits with separators ("123 456", "12-34-56", "１２３") -> those digits, at most six;
    // - other text without a six-digit run -> its longest digit run, at most six digits.
    // Full-width and other Unicode decimal digits become ASCII.
    static QString normalise(const QString &pasted);
    // Exactly six ASCII digits.
    static bool isComplete(const QString &code);
};

} // namespace imp::account
