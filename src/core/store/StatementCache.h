#pragma once

#include "common/Result.h"
#include "store/Statement.h"

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <vector>

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

    // One-call helpers, so a repository method is its SQL and its row reader: each gets the
    // cached statement for `sql`, binds `args` to ?1, ?2, ... in order and steps it.

    // Runs a statement that returns no rows (or whose rows do not matter) to completion.
    template <class... Args> Result<void> exec(const char *sql, const Args &...args)
    {
        auto stmt = prepared(sql, args...);
        if (!stmt)
            return stmt.error();
        if (auto done = (*stmt)->step(); !done)
            return done.error();
        return {};
    }

    // Runs a write; true when it changed (or, for an UPDATE, matched) at least one row.
    template <class... Args> Result<bool> change(const char *sql, const Args &...args)
    {
        if (auto done = exec(sql, args...); !done)
            return done.error();
        return changes() > 0;
    }

    // The first row as read(stmt), std::nullopt when there is none.
    template <class Read, class... Args>
    auto queryOne(const char *sql, Read read, const Args &...args)
        -> Result<std::optional<std::invoke_result_t<Read &, const Statement &>>>
    {
        using Row = std::invoke_result_t<Read &, const Statement &>;
        auto stmt = prepared(sql, args...);
        if (!stmt)
            return stmt.error();
        auto row = (*stmt)->step();
        if (!row)
            return row.error();
        if (!*row)
            return std::optional<Row>();
        return std::optional<Row>(read(**stmt));
    }

    // Every row, each as read(stmt), in the order the statement returns them.
    template <class Read, class... Args>
    auto queryAll(const char *sql, Read read, const Args &...args)
        -> Result<std::vector<std::invoke_result_t<Read &, const Statement &>>>
    {
        std::vector<std::invoke_result_t<Read &, const Statement &>> rows;
        auto stmt = prepared(sql, args...);
        if (!stmt)
            return stmt.error();
        for (;;) {
            auto row = (*stmt)->step();
            if (!row)
                return row.error();
            if (!*row)
                return rows;
            rows.push_back(read(**stmt));
        }
    }

    // The first column of the first row as an integer (count(*) and the like); 0 when the
    // statement returns no row.
    template <class... Args> Result<qint64> queryInt(const char *sql, const Args &...args)
    {
        auto value = queryOne(
            sql, [](const Statement &stmt) { return stmt.columnInt64(0); }, args...);
        if (!value)
            return value.error();
        return value->value_or(0);
    }

private:
    template <class... Args> Result<CachedStatement> prepared(const char *sql, const Args &...args)
    {
        auto stmt = get(sql);
        if (!stmt)
            return stmt.error();
        if (auto bound = (*stmt)->bindAll(args...); !bound)
            return bound.error();
        return stmt;
    }
    // Rows changed by the connection's most recent write.
    int changes();

    // Looked up by the caller's text without making a std::string of it on every call.
    struct TextHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view text) const
        {
            return std::hash<std::string_view>()(text);
        }
    };

    Database &m_db;
    std::unordered_map<std::string, Statement, TextHash, std::equal_to<>> m_statements;
};

} // namespace imp::store
