#pragma once

#include <QString>

namespace imp::account {

// The user-visible IMpTech ID (DESIGN §5): 6-20 characters, starting with an ASCII letter, then
// letters, digits, '_' or '-'. The server has the final word (uniqueness, reserved words); this
// gives instant feedback in the form.
class ImptechId {
public:
    static constexpr int kMinLength = 6;
    static constexpr int kMaxLength = 20;

    // "" when valid, else the first rule broken, checked in this order: "id.too_short",
    // "id.too_long", "id.must_start_with_letter", "id.invalid_character".
    static QString validate(const QString &id);
};

} // namespace imp::account
