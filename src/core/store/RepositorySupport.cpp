#include "store/RepositorySupport.h"

#include "store/Database.h"

#include <sqlite3.h>

namespace imp::store::detail {

Result<void> requireTag(const QByteArray &tag, const char *what)
{
    if (tag.isEmpty())
        return makeError("store.error", std::string("empty ") + what);
    return {};
}

bool lastErrorIsUniqueViolation(Database &db)
{
    sqlite3 *handle = db.handle();
    if (handle == nullptr)
        return false;
    const int rc = sqlite3_extended_errcode(handle);
    return rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY;
}

Error duplicateError(const char *what)
{
    return makeError("store.duplicate", std::string("a row with this ") + what + " exists");
}

QByteArray associatedData(const char *prefix, const QByteArray &tag)
{
    if (tag.isEmpty())
        return {};
    return QByteArray(prefix) + tag.toHex();
}

} // namespace imp::store::detail
