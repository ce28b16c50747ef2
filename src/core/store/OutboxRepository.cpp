#include "store/OutboxRepository.h"

#include "store/Database.h"
#include "store/RepositorySupport.h"

namespace imp::store {
namespace {

constexpr const char *kWhat = "outbox origin id tag";

// The columns readRow() expects, in its order.
#define IMP_OUTBOX_COLUMNS "seq, conversation_tag, origin_id_tag, sealed, created_ts, sent_in "

OutboxRow readRow(const Statement &stmt)
{
    OutboxRow row;
    row.seq = stmt.columnInt64(0);
    row.conversationTag = stmt.columnBlob(1);
    row.originIdTag = stmt.columnBlob(2);
    row.sealed = stmt.columnBlob(3);
    row.createdTs = stmt.columnInt64(4);
    row.sentIn = stmt.columnInt64(5);
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
    if (auto valid = detail::requireTag(row.originIdTag, kWhat); !valid)
        return valid.error();
    // Only the origin id conflict is skipped (and reported as a duplicate); NOT NULL
    // violations stay errors.
    auto inserted =
        m_sql.change("INSERT INTO outbox(conversation_tag, origin_id_tag, sealed, created_ts) "
                     "VALUES (?1, ?2, ?3, ?4) ON CONFLICT(origin_id_tag) DO NOTHING",
                     row.conversationTag, row.originIdTag, row.sealed, row.createdTs);
    if (!inserted)
        return inserted.error();
    if (!*inserted)
        return detail::duplicateError(kWhat);
    return m_sql.database().lastInsertRowId();
}

Result<std::vector<OutboxRow>> OutboxRepository::pending(int limit)
{
    if (limit <= 0)
        return std::vector<OutboxRow>();
    return m_sql.queryAll("SELECT " IMP_OUTBOX_COLUMNS "FROM outbox ORDER BY seq LIMIT ?1", readRow,
                          qint64{limit});
}

Result<std::vector<OutboxRow>> OutboxRepository::takeUnsent(qint64 session, int limit)
{
    if (session <= 0)
        return makeError("store.error", "outbox session must be positive");
    std::vector<OutboxRow> rows;
    if (limit <= 0)
        return rows;
    auto done = m_sql.database().transaction([&](Database &) -> Result<void> {
        auto taken = m_sql.queryAll("SELECT " IMP_OUTBOX_COLUMNS "FROM outbox WHERE sent_in != ?1 "
                                    "ORDER BY seq LIMIT ?2",
                                    readRow, session, qint64{limit});
        if (!taken)
            return taken.error();
        rows = std::move(*taken);
        if (rows.empty())
            return {};
        // Under the write lock, the unsent entries up to the last one read are exactly the ones
        // read.
        return m_sql.exec("UPDATE outbox SET sent_in = ?1 WHERE sent_in != ?1 AND seq <= ?2",
                          session, rows.back().seq);
    });
    if (!done)
        return done.error();
    return rows;
}

Result<bool> OutboxRepository::markUnsent(const QByteArray &originIdTag)
{
    if (auto valid = detail::requireTag(originIdTag, kWhat); !valid)
        return valid.error();
    return m_sql.change("UPDATE outbox SET sent_in = 0 WHERE origin_id_tag = ?1", originIdTag);
}

Result<std::optional<OutboxRow>> OutboxRepository::find(const QByteArray &originIdTag)
{
    if (auto valid = detail::requireTag(originIdTag, kWhat); !valid)
        return valid.error();
    return m_sql.queryOne("SELECT " IMP_OUTBOX_COLUMNS "FROM outbox WHERE origin_id_tag = ?1",
                          readRow, originIdTag);
}

Result<bool> OutboxRepository::replaceSealed(const QByteArray &originIdTag,
                                             const QByteArray &sealed)
{
    if (auto valid = detail::requireTag(originIdTag, kWhat); !valid)
        return valid.error();
    if (sealed.isNull())
        return makeError("store.error", "outbox entry without a sealed value");
    return m_sql.change("UPDATE outbox SET sealed = ?2 WHERE origin_id_tag = ?1", originIdTag,
                        sealed);
}

Result<bool> OutboxRepository::remove(const QByteArray &originIdTag)
{
    if (auto valid = detail::requireTag(originIdTag, kWhat); !valid)
        return valid.error();
    return m_sql.change("DELETE FROM outbox WHERE origin_id_tag = ?1", originIdTag);
}

Result<qint64> OutboxRepository::count()
{
    return m_sql.queryInt("SELECT count(*) FROM outbox");
}

} // namespace imp::store
