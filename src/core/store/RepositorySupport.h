#pragma once

// Small helpers shared by the repositories (not part of the store's public API).

#include "common/Result.h"
#include "store/Statement.h"

#include <QByteArray>
#include <optional>
#include <string>
#include <vector>

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

// Binds values to ?1, ?2, ... in order; stops at the first failure.
template <class... Values> Result<void> bindAll(Statement &stmt, const Values &...values)
{
    Result<void> outcome;
    int index = 1;
    auto bindOne = [&stmt, &outcome, &index](const auto &value) {
        if (outcome)
            outcome = stmt.bind(index, value);
        ++index;
    };
    (bindOne(values), ...);
    return outcome;
}

// Steps through every row, turning each into a T with read(stmt).
template <class T, class Read> Result<std::vector<T>> collectRows(Statement &stmt, Read read)
{
    std::vector<T> rows;
    for (;;) {
        auto row = stmt.step();
        if (!row)
            return row.error();
        if (!*row)
            return rows;
        rows.push_back(read(stmt));
    }
}

// The first row (if any) as a T.
template <class T, class Read> Result<std::optional<T>> firstRow(Statement &stmt, Read read)
{
    auto row = stmt.step();
    if (!row)
        return row.error();
    if (!*row)
        return std::optional<T>();
    return std::optional<T>(read(stmt));
}

// Runs a write statement to completion; true when it changed at least one row.
Result<bool> changedRows(Statement &stmt, Database &db);

} // namespace detail
} // namespace imp::store
