#pragma once

// Small helpers shared by the repositories (not part of the store's public API). Preparing,
// binding and stepping are StatementCache's one-call helpers (exec, change, queryOne...).

#include "common/Result.h"

#include <QByteArray>
#include <string>

namespace imp::store {

class Database;

namespace detail {

// Lookup tags are HMACs: an empty one means the caller lost its key or forgot the tag, and
// would make every such caller collide on one row.
Result<void> requireTag(const QByteArray &tag, const char *what);

// True when the last failure on this connection was a UNIQUE or PRIMARY KEY violation.
bool lastErrorIsUniqueViolation(Database &db);

// The store.duplicate error for a UNIQUE column (named in the detail, never its value).
Error duplicateError(const char *what);

// "prefix" + hex(tag): the associated data binding a sealed value to its table, column and row.
// Empty when there is no tag, so a row without one cannot be sealed by mistake.
QByteArray associatedData(const char *prefix, const QByteArray &tag);

} // namespace detail
} // namespace imp::store
