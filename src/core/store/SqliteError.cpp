#include "store/SqliteError.h"

#include <sqlite3.h>

namespace imp::store {
namespace {

// SQL in an error detail helps a developer find the failing statement; long SQL (migrations)
// is cut so logs stay readable.
constexpr std::size_t kMaxSqlInDetail = 200;

} // namespace

std::string sqliteErrorCode(int rc)
{
    switch (rc & 0xff) {
    case SQLITE_FULL:
        return "store.disk_full";
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
        return "store.corrupt";
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return "store.busy";
    default:
        return "store.error";
    }
}

Error sqliteError(int rc, sqlite3 *db, std::string_view context, std::string_view sql)
{
    std::string detail(context);
    detail += ": ";
    // sqlite3_errmsg() describes the most recent failure on this connection; it can carry more
    // than the generic text (e.g. which constraint failed), but never a bound value.
    const char *message =
        (db != nullptr && sqlite3_errcode(db) == rc) ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    detail += message != nullptr ? message : "unknown error";
    detail += " (sqlite ";
    detail += std::to_string(rc);
    detail += ")";
    if (!sql.empty()) {
        detail += " in: ";
        if (sql.size() > kMaxSqlInDetail) {
            detail += sql.substr(0, kMaxSqlInDetail);
            detail += "...";
        } else {
            detail += sql;
        }
    }
    return makeError(sqliteErrorCode(rc), std::move(detail));
}

} // namespace imp::store
