#include "store/StatementCache.h"

#include "store/Database.h"

#include <utility>

namespace imp::store {

CachedStatement::~CachedStatement()
{
    if (m_stmt != nullptr)
        m_stmt->reset();
}

CachedStatement::CachedStatement(CachedStatement &&other) noexcept
    : m_stmt(std::exchange(other.m_stmt, nullptr))
{}

int StatementCache::changes()
{
    return m_db.changes();
}

Result<CachedStatement> StatementCache::get(const char *sql)
{
    auto found = m_statements.find(std::string_view(sql));
    if (found == m_statements.end()) {
        auto prepared = m_db.prepare(QString::fromUtf8(sql));
        if (!prepared)
            return prepared.error();
        found = m_statements.emplace(sql, std::move(prepared).value()).first;
    }
    found->second.reset();
    return CachedStatement(&found->second);
}

} // namespace imp::store
