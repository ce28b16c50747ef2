#include "store/ConversationRepository.h"

#include "store/Database.h"
#include "store/RepositorySupport.h"

namespace imp::store {
namespace {

constexpr const char *kWhat = "conversation tag";

ConversationRow readRow(const Statement &stmt)
{
    ConversationRow row;
    row.tag = stmt.columnBlob(0);
    row.sealed = stmt.columnBlob(1);
    row.lastTs = stmt.columnInt64(2);
    row.unread = stmt.columnInt64(3);
    row.pinned = stmt.columnInt64(4) != 0;
    return row;
}

} // namespace

QByteArray ConversationRepository::sealedAssociatedData(const QByteArray &tag)
{
    return detail::associatedData("conversations/sealed/", tag);
}

Result<void> ConversationRepository::upsert(const ConversationRow &row)
{
    if (auto valid = detail::requireTag(row.tag, kWhat); !valid)
        return valid;
    // ON CONFLICT DO UPDATE rather than INSERT OR REPLACE: REPLACE deletes and re-inserts, and
    // would turn a NOT NULL violation into a silent default.
    return m_sql.exec(
        "INSERT INTO conversations(tag, sealed, last_ts, unread, pinned) "
        "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT(tag) DO UPDATE SET sealed = excluded.sealed, "
        "last_ts = excluded.last_ts, unread = excluded.unread, pinned = excluded.pinned",
        row.tag, row.sealed, row.lastTs, row.unread, qint64{row.pinned ? 1 : 0});
}

Result<std::optional<ConversationRow>> ConversationRepository::find(const QByteArray &tag)
{
    if (auto valid = detail::requireTag(tag, kWhat); !valid)
        return valid.error();
    return m_sql.queryOne(
        "SELECT tag, sealed, last_ts, unread, pinned FROM conversations WHERE tag = ?1", readRow,
        tag);
}

Result<std::vector<ConversationRow>> ConversationRepository::list()
{
    return m_sql.queryAll("SELECT tag, sealed, last_ts, unread, pinned FROM conversations "
                          "ORDER BY pinned DESC, last_ts DESC, tag",
                          readRow);
}

Result<void> ConversationRepository::setPinned(const QByteArray &tag, bool pinned)
{
    if (auto valid = detail::requireTag(tag, kWhat); !valid)
        return valid;
    return m_sql.exec("UPDATE conversations SET pinned = ?2 WHERE tag = ?1", tag,
                      qint64{pinned ? 1 : 0});
}

Result<void> ConversationRepository::setUnread(const QByteArray &tag, qint64 unread)
{
    if (auto valid = detail::requireTag(tag, kWhat); !valid)
        return valid;
    return m_sql.exec("UPDATE conversations SET unread = ?2 WHERE tag = ?1", tag, unread);
}

Result<void> ConversationRepository::remove(const QByteArray &tag)
{
    if (auto valid = detail::requireTag(tag, kWhat); !valid)
        return valid;
    return m_sql.exec("DELETE FROM conversations WHERE tag = ?1", tag);
}

} // namespace imp::store
