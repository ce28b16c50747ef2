#include "DocumentSearch.h"

namespace imp::app {

QVariantList DocumentSearch::findAll(const QString &text, const QString &needle)
{
    QVariantList offsets;
    const QString query = needle.trimmed();
    if (query.isEmpty())
        return offsets;
    for (qsizetype at = text.indexOf(query, 0, Qt::CaseInsensitive); at >= 0;
         at = text.indexOf(query, at + query.size(), Qt::CaseInsensitive))
        offsets.append(static_cast<int>(at));
    return offsets;
}

} // namespace imp::app
