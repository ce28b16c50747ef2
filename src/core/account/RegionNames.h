#pragma once

#include <QString>

namespace imp::account::detail {

// Simplified-Chinese name of a region (ISO 3166 code such as "CN"), or an empty string when the
// shipped table has none. libphonenumber has no names and Qt 6.4 only names territories in
// English, so the common ones are shipped here; callers fall back to the English name.
QString chineseRegionName(const QString &regionCode);

} // namespace imp::account::detail
