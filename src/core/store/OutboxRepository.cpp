#include "store/OutboxRepository.h"

#include "store/Database.h"
#include "store/RepositorySupport.h"

namespace imp::store {
namespace {

OutboxRow readRow(const Statement &stmt)
{
    OutboxRow row;
    row.seq = stmt.columnInt64(0);
    row.conversationTag = stmt.columnBlob(1);
    row.originIdTag = stmt.columnBlob(2);
    row.sealed = stmt.columnBlob(3);
    row.createdTs = stmt.columnInt64(4);
    return row;
}

} // namespace

QByteArray OutboxRepository::sealedAssociatedData(const QByteArray &originIdTag)
{
    return detail::associatedData("outbox/sealed/", originIdTag);
}

Result<qint64> OutboxRepository::enqueue(const OutboxRow &row)
{
    if (auto valid = detail::requireTag(row.conversationTag, "outbox conversation tag"); !valid)
        return valid.error();
    if (auto valid = detail::requireTag(row.originIdTag, "outbox origin id tag"); !valid)
        return valid.error();
    // Only the origin id conflict is skipped (and reported as a duplicate); NOT NULL
    // violations stay errors.
    auto stmt = m_sql.get("INSERT INTO outbox(conversation_tag, origin_id_tag, sealed, created_ts) "
                          "VALUES (?1, ?2, ?3, ?4) ON CONFLICT(origin_id_tag) DO NOTHING");
    if (!stmt)
        return stmt.error();
    if (auto bound = detail::bindAll(**stmt, row.conversationTag, row.originIdTag, row.sealed,
                                     row.createdTs);
        !bound)
        return bound.error();
    auto inserted = detail::changedRows(**stmt, m_sql.database());
    if (!inserted)
        return inserted.error();
    if (!*inserted)
        return detail::duplicateError("outbox origin id tag");
    return m_sql.database().lastInsertRowId();
}

Result<std::vector<OutboxRow>> OutboxRepository::pending(int limit)
{
    if (limit <= 0)
        return std::vector<OutboxRow>();
    auto stmt = m_sql.get("SELECT seq, conversation_tag, origin_id_tag, sealed, created_ts "
                          "FROM outbox ORDER BY seq LIMIT ?1");
    if (!stmt)
        return stmt.error();
    if (auto bound = detail::bindAll(**stmt, qint64{limit}); !bound)
        return bound.error();
    return detail::collectRows<OutboxRow>(**stmt, readRow);
}

Result<bool> OutboxRepository::remove(const QByteArray &originIdTag)
{
    if (auto valid = detail::requireTag(originIdTag, "outbox origin id tag"); !valid)
        return valid.error();
    auto stmt = m_sql.get("DELETE FROM outbox WHERE origin_id_tag = ?1");
    if (!stmt)
        return stmt.error();
    if (auto bound = detail::bindAll(**stmt, originIdTag); !bound)
        return bound.error();
    return detail::changedRows(**stmt, m_sql.database());
}

Result<qint64> OutboxRepository::count()
{
    auto stmt = m_sql.get("SELECT count(*) FROM outbox");
    if (!stmt)
        return stmt.error();
    auto row = (*stmt)->step();
    if (!row)
        return row.error();
    return *row ? (*stmt)->columnInt64(0) : qint64{0};
}

} // namespace imp::store
