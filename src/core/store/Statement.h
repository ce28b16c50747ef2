#pragma once

#include "common/Result.h"

#include <QByteArray>
#include <QString>
#include <optional>

struct sqlite3;
struct sqlite3_stmt;

namespace imp::store {

// One prepared SQLite statement. Values always go through bind(), never into SQL text, so they
// cannot end up in logs or error details and cannot inject SQL.
// A Statement must not outlive the Database that prepared it, and is used on one thread at a
// time (the thread that owns that Database).
class Statement {
public:
    Statement() = default;
    Statement(sqlite3_stmt *stmt, sqlite3 *db)
        : m_stmt(stmt)
        , m_db(db)
    {}
    ~Statement();

    Statement(const Statement &) = delete;
    Statement &operator=(const Statement &) = delete;
    Statement(Statement &&other) noexcept;
    Statement &operator=(Statement &&other) noexcept;

    // Parameter indexes are 1-based, as in SQLite.
    Result<void> bind(int index, qint64 value);
    // A null QByteArray binds SQL NULL; an empty but non-null one binds a zero-length blob.
    Result<void> bind(int index, const QByteArray &value);
    // Binds UTF-8 text. A null QString binds SQL NULL (as QtSql does).
    Result<void> bind(int index, const QString &value);
    Result<void> bindNull(int index);
    // std::nullopt binds SQL NULL (an optional integer column).
    Result<void> bind(int index, const std::optional<qint64> &value);

    // Binds values to ?1, ?2, ... in order; stops at the first failure.
    template <class... Values> Result<void> bindAll(const Values &...values)
    {
        Result<void> outcome;
        int index = 1;
        ((outcome = outcome ? bind(index, values) : outcome, ++index), ...);
        return outcome;
    }

    // true: a row is available through the column accessors; false: the statement is done.
    Result<bool> step();

    // Column indexes are 0-based, as in SQLite. Only valid after step() returned true.
    qint64 columnInt64(int column) const;
    // SQL NULL gives a null QByteArray; a zero-length blob gives an empty, non-null one.
    QByteArray columnBlob(int column) const;
    // SQL NULL gives a null QString.
    QString columnText(int column) const;
    bool columnIsNull(int column) const;

    // Makes the statement ready to run again and clears all bindings, so a value bound for one
    // row can never leak into the next (rebind every parameter before the next step()).
    void reset();

    bool isValid() const { return m_stmt != nullptr; }
    sqlite3_stmt *handle() const { return m_stmt; }

private:
    Result<void> checkBind(int rc, int index);
    void finalize();

    sqlite3_stmt *m_stmt = nullptr;
    sqlite3 *m_db = nullptr;
};

} // namespace imp::store
