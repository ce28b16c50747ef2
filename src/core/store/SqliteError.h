#pragma once

#include "common/Result.h"

#include <string>
#include <string_view>

struct sqlite3;

namespace imp::store {

// Turns an SQLite result code into an imp::Error whose code callers can branch on:
// store.disk_full, store.corrupt, store.busy, or store.error for everything else.
// `context` and `sql` end up in the detail, so they must be SQL text or fixed wording, never a
// bound value; the SQLite message itself never contains bound values.
Error sqliteError(int rc, sqlite3 *db, std::string_view context, std::string_view sql = {});

// The imp::Error code for an SQLite result code (primary or extended).
std::string sqliteErrorCode(int rc);

} // namespace imp::store
