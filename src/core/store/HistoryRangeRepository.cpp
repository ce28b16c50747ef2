#include "store/HistoryRangeRepository.h"

#include "store/Database.h"
#include "store/RepositorySupport.h"

namespace imp::store {
namespace {

constexpr const char *kKey = "history range key";

HistoryRangeRow readRow(const Statement &stmt)
{
    HistoryRangeRow row;
    row.id = stmt.columnInt64(0);
    row.scopeTag = stmt.columnBlob(1);
    row.key = stmt.columnBlob(2);
    row.fromTs = stmt.columnInt64(3);
    row.toTs = stmt.columnInt64(4);
    row.reachedStart = stmt.columnInt64(5) != 0;
    row.sealed = stmt.columnBlob(6);
    return row;
}

} // namespace

QByteArray HistoryRangeRepository::sealedAssociatedData(const QByteArray &key)
{
    return detail::associatedData("history_ranges/sealed/", key);
}

Result<std::vector<HistoryRangeRow>> HistoryRangeRepository::ranges(const QByteArray &scopeTag)
{
    if (auto valid = detail::requireTag(scopeTag, "history range scope tag"); !valid)
        return valid.error();
    return m_sql.queryAll(
        "SELECT id, scope_tag, key, from_ts, to_ts, reached_start, sealed FROM history_ranges "
        "WHERE scope_tag = ?1 ORDER BY to_ts DESC, id DESC",
        readRow, scopeTag);
}

Result<qint64> HistoryRangeRepository::upsert(const HistoryRangeRow &row)
{
    if (auto valid = detail::requireTag(row.scopeTag, "history range scope tag"); !valid)
        return valid.error();
    if (auto valid = detail::requireTag(row.key, kKey); !valid)
        return valid.error();
    const qint64 reachedStart = row.reachedStart ? 1 : 0;
    if (row.id == 0) {
        // Only the key conflict is skipped (and reported); NOT NULL violations stay errors.
        auto inserted =
            m_sql.change("INSERT INTO history_ranges(scope_tag, key, from_ts, to_ts, "
                         "reached_start, sealed) VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
                         "ON CONFLICT(key) DO NOTHING",
                         row.scopeTag, row.key, row.fromTs, row.toTs, reachedStart, row.sealed);
        if (!inserted)
            return inserted.error();
        if (!*inserted)
            return detail::duplicateError(kKey);
        return m_sql.database().lastInsertRowId();
    }
    auto updated =
        m_sql.change("UPDATE history_ranges SET scope_tag = ?2, key = ?3, from_ts = ?4, "
                     "to_ts = ?5, reached_start = ?6, sealed = ?7 WHERE id = ?1",
                     row.id, row.scopeTag, row.key, row.fromTs, row.toTs, reachedStart, row.sealed);
    if (!updated && detail::lastErrorIsUniqueViolation(m_sql.database()))
        return detail::duplicateError(kKey);
    if (!updated)
        return updated.error();
    if (!*updated)
        return makeError("store.not_found", "no history range with this id");
    return row.id;
}

Result<bool> HistoryRangeRepository::remove(qint64 id)
{
    return m_sql.change("DELETE FROM history_ranges WHERE id = ?1", id);
}

} // namespace imp::store
