#pragma once

#include "common/Result.h"
#include "store/Statement.h"

#include <QString>
#include <functional>
#include <type_traits>

struct sqlite3;

namespace imp::store {

// One SQLite connection (C API, no QtSql). Owned by exactly one thread at a time: in the app,
// the DatabaseWorker thread, so the UI never waits on the disk.
class Database {
public:
    Database() = default;
    ~Database();

    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;
    Database(Database &&other) noexcept;
    Database &operator=(Database &&other) noexcept;

    // Opens (creating if needed) the database file at `path`. A new file is created owner-only
    // (0600) before SQLite touches it, and an existing file readable by others is tightened to
    // 0600: the database holds sealed data but also plain timestamps and counts. The WAL and
    // shared-memory files inherit the database file's mode (SQLite does this).
    // The connection is set up for durability (journal_mode=WAL, synchronous=FULL: a commit that
    // returned success survives kill -9 and power loss), foreign_keys=ON, secure_delete=ON
    // (deleted data is overwritten, not left in free pages) and busy_timeout=5000 ms.
    // Opening fails if WAL cannot be enabled (e.g. some network file systems), and a symlink at
    // `path` is refused. ":memory:" opens a private in-memory database (for tests; no WAL).
    // Errors carry no path (it names the user's home folder).
    static Result<Database> open(const QString &path);

    bool isOpen() const { return m_db != nullptr; }

    // Runs one or more ';'-separated statements that take no parameters.
    Result<void> exec(const QString &sql);

    // Prepares exactly one statement; trailing statements are refused rather than silently
    // ignored.
    Result<Statement> prepare(const QString &sql);

    // Runs f(*this) inside BEGIN IMMEDIATE ... COMMIT; f returns Result<void>. Any error (from f
    // or from COMMIT) rolls back, so nothing of a failed transaction is left behind; an
    // exception thrown by f also rolls back and is rethrown. Nested calls use a SAVEPOINT, so a
    // repository method that uses transaction() can itself be called inside a transaction.
    template <class F> Result<void> transaction(F &&f)
    {
        static_assert(std::is_invocable_r_v<Result<void>, F, Database &>,
                      "transaction(f): f must be callable as Result<void>(Database &)");
        auto begun = beginTransaction();
        if (!begun)
            return begun.error();
        const int savepoint = *begun;
        Result<void> outcome;
        try {
            outcome = std::invoke(std::forward<F>(f), *this);
        } catch (...) {
            rollbackTransaction(savepoint);
            throw;
        }
        if (!outcome) {
            rollbackTransaction(savepoint);
            return outcome;
        }
        return commitTransaction(savepoint);
    }

    // PRAGMA user_version: the schema version written by Migrations. -1 if it cannot be read.
    int userVersion();
    qint64 lastInsertRowId();
    // Rows changed by the most recent INSERT/UPDATE/DELETE.
    int changes();
    sqlite3 *handle() { return m_db; }

    // Copies the WAL into the main file and truncates the WAL to zero bytes (e.g. before a
    // backup, or at shutdown so no stale WAL content stays on disk).
    Result<void> checkpoint();

private:
    explicit Database(sqlite3 *db)
        : m_db(db)
    {}

    Result<void> configure(bool inMemory);
    // Returns 0 for a top-level transaction, else the number of the SAVEPOINT it opened.
    Result<int> beginTransaction();
    Result<void> commitTransaction(int savepoint);
    void rollbackTransaction(int savepoint);
    void close();

    sqlite3 *m_db = nullptr;
    int m_savepointDepth = 0; // SAVEPOINTs open inside the current transaction
};

} // namespace imp::store
