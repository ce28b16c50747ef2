#pragma once

#include <QString>
#include <memory>

namespace i18n::phonenumbers {
class AsYouTypeFormatter;
}

namespace imp::account {

// Formats a phone number while it is typed: "13800138" -> "138 0013 8", "13800138000" ->
// "138 0013 8000" for CN. Wraps libphonenumber's formatter, which is fed one digit at a time;
// this wrapper takes the whole field so edits in the middle (deletes, pastes) just work.
class AsYouTypeFormatter {
public:
    explicit AsYouTypeFormatter(const QString &region);
    ~AsYouTypeFormatter();
    AsYouTypeFormatter(const AsYouTypeFormatter &) = delete;
    AsYouTypeFormatter &operator=(const AsYouTypeFormatter &) = delete;

    // The formatted text for everything typed so far. Only digits (full-width too) and a
    // leading '+' are used; everything else in `digitsSoFar` is ignored.
    QString input(const QString &digitsSoFar);
    void clear();

private:
    std::unique_ptr<i18n::phonenumbers::AsYouTypeFormatter> m_formatter;
};

} // namespace imp::account
