#pragma once

#include "common/Result.h"
#include "store/Statement.h"

#include <string>
#include <unordered_map>

namespace imp::store {

class Database;

// A prepared statement borrowed from a StatementCache. It is handed out reset and without
// bindings, and reset again when the handle goes away: a SELECT left half-read would otherwise
// keep its read snapshot (holding back WAL checkpoints) and its bound tags until the next use.
class CachedStatement {
public:
    explicit CachedStatement(Statement *stmt)
        : m_stmt(stmt)
    {}
    ~CachedStatement();

    CachedStatement(const CachedStatement &) = delete;
    CachedStatement &operator=(const CachedStatement &) = delete;
    CachedStatement(CachedStatement &&other) noexcept;
    CachedStatement &operator=(CachedStatement &&) = delete;

    Statement *operator->() const { return m_stmt; }
    Statement &operator*() const { return *m_stmt; }

private:
    Statement *m_stmt = nullptr;
};

// The statements one repository object uses, each prepared once on first use and reused after
// that (preparing costs more than running a small indexed query). Lives no longer than its
// Database and is used on the Database's thread only, like every Statement.
class StatementCache {
public:
    explicit StatementCache(Database &db)
        : m_db(db)
    {}

    StatementCache(const StatementCache &) = delete;
    StatementCache &operator=(const StatementCache &) = delete;

    // The statement for `sql` (one statement, no bound values in the text). At most one handle
    // per SQL text may be alive at a time.
    Result<CachedStatement> get(const char *sql);

    Database &database() { return m_db; }

private:
    Database &m_db;
    std::unordered_map<std::string, Statement> m_statements;
};

} // namespace imp::store
