#include "store/MessageRepository.h"

#include "store/Database.h"
#include "store/RepositorySupport.h"

namespace imp::store {
namespace {

// The columns readRow() expects, in its order.
#define IMP_MESSAGE_COLUMNS                                                                        \
    "id, conversation_tag, ts, stanza_id_tag, origin_id_tag, direction, state, sealed, flags "

MessageRow readRow(const Statement &stmt)
{
    MessageRow row;
    row.id = stmt.columnInt64(0);
    row.conversationTag = stmt.columnBlob(1);
    row.ts = stmt.columnInt64(2);
    row.stanzaIdTag = stmt.columnBlob(3);
    row.originIdTag = stmt.columnBlob(4);
    row.direction = stmt.columnInt64(5);
    row.state = stmt.columnInt64(6);
    row.sealed = stmt.columnBlob(7);
    row.flags = stmt.columnInt64(8);
    return row;
}

} // namespace

QByteArray MessageRepository::sealedAssociatedData(const QByteArray &conversationTag,
                                                   const QByteArray &stanzaIdTag,
                                                   const QByteArray &originIdTag)
{
    QByteArray ad = QByteArrayLiteral("messages/sealed/") + conversationTag.toHex();
    if (!originIdTag.isNull())
        return ad + "/o/" + originIdTag.toHex();
    if (!stanzaIdTag.isNull())
        return ad + "/s/" + stanzaIdTag.toHex();
    return {};
}

Result<std::vector<InsertOutcome>>
MessageRepository::insertBatch(const std::vector<MessageRow> &rows)
{
    std::vector<InsertOutcome> outcomes;
    outcomes.reserve(rows.size());
    auto done = m_db.transaction([this, &rows, &outcomes](Database &db) -> Result<void> {
        // ON CONFLICT DO NOTHING (not INSERT OR IGNORE): only UNIQUE conflicts are skipped;
        // NOT NULL and CHECK violations stay errors.
        auto insert = m_sql.get(
            "INSERT INTO messages(conversation_tag, ts, stanza_id_tag, origin_id_tag, direction, "
            "state, sealed, flags) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT DO NOTHING");
        if (!insert)
            return insert.error();
        auto existing = m_sql.get("SELECT id FROM messages WHERE conversation_tag = ?1 AND "
                                  "(stanza_id_tag = ?2 OR origin_id_tag = ?3) ORDER BY id LIMIT 1");
        if (!existing)
            return existing.error();
        for (const MessageRow &row : rows) {
            (*insert)->reset();
            if (auto bound = detail::bindAll(**insert, row.conversationTag, row.ts, row.stanzaIdTag,
                                             row.originIdTag, row.direction, row.state, row.sealed,
                                             row.flags);
                !bound)
                return bound;
            if (auto stepped = (*insert)->step(); !stepped)
                return stepped.error();
            if (db.changes() == 1) {
                outcomes.push_back({true, db.lastInsertRowId()});
                continue;
            }
            (*existing)->reset();
            if (auto bound = detail::bindAll(**existing, row.conversationTag, row.stanzaIdTag,
                                             row.originIdTag);
                !bound)
                return bound;
            auto found = (*existing)->step();
            if (!found)
                return found.error();
            outcomes.push_back({false, *found ? (*existing)->columnInt64(0) : 0});
        }
        return {};
    });
    if (!done)
        return done.error();
    return outcomes;
}

Result<std::vector<MessageRow>> MessageRepository::pageBefore(const QByteArray &conversationTag,
                                                              qint64 beforeTs, qint64 beforeId,
                                                              int limit)
{
    if (limit <= 0)
        return std::vector<MessageRow>();
    // The row value comparison lets SQLite walk the (conversation_tag, ts, id) index backwards
    // from the key and stop after `limit` rows.
    auto stmt = m_sql.get("SELECT " IMP_MESSAGE_COLUMNS
                          "FROM messages WHERE conversation_tag = ?1 AND (ts, id) < (?2, ?3) "
                          "ORDER BY ts DESC, id DESC LIMIT ?4");
    if (!stmt)
        return stmt.error();
    if (auto bound = detail::bindAll(**stmt, conversationTag, beforeTs, beforeId, qint64{limit});
        !bound)
        return bound.error();
    return detail::collectRows<MessageRow>(**stmt, readRow);
}

Result<std::vector<MessageRow>> MessageRepository::pageAfter(const QByteArray &conversationTag,
                                                             qint64 afterTs, qint64 afterId,
                                                             int limit)
{
    if (limit <= 0)
        return std::vector<MessageRow>();
    // The same index as pageBefore(), walked forwards.
    auto stmt = m_sql.get("SELECT " IMP_MESSAGE_COLUMNS
                          "FROM messages WHERE conversation_tag = ?1 AND (ts, id) > (?2, ?3) "
                          "ORDER BY ts ASC, id ASC LIMIT ?4");
    if (!stmt)
        return stmt.error();
    if (auto bound = detail::bindAll(**stmt, conversationTag, afterTs, afterId, qint64{limit});
        !bound)
        return bound.error();
    return detail::collectRows<MessageRow>(**stmt, readRow);
}

Result<std::optional<MessageRow>> MessageRepository::newest(const QByteArray &conversationTag)
{
    auto page = pageBefore(conversationTag, kNewest, kNewest, 1);
    if (!page)
        return page.error();
    if (page->empty())
        return std::optional<MessageRow>();
    return std::optional<MessageRow>(std::move(page->front()));
}

Result<std::optional<MessageRow>> MessageRepository::findOne(const char *sql,
                                                             const QByteArray &conversationTag,
                                                             const QByteArray &idTag)
{
    // No row has an empty or null id tag (NULL never compares equal anyway).
    if (idTag.isEmpty())
        return std::optional<MessageRow>();
    auto stmt = m_sql.get(sql);
    if (!stmt)
        return stmt.error();
    if (auto bound = detail::bindAll(**stmt, conversationTag, idTag); !bound)
        return bound.error();
    return detail::firstRow<MessageRow>(**stmt, readRow);
}

Result<std::optional<MessageRow>>
MessageRepository::findByStanzaIdTag(const QByteArray &conversationTag,
                                     const QByteArray &stanzaIdTag)
{
    // "stanza_id_tag = ?" implies IS NOT NULL, so SQLite can use the partial UNIQUE index.
    return findOne("SELECT " IMP_MESSAGE_COLUMNS
                   "FROM messages WHERE conversation_tag = ?1 AND stanza_id_tag = ?2",
                   conversationTag, stanzaIdTag);
}

Result<std::optional<MessageRow>>
MessageRepository::findByOriginIdTag(const QByteArray &conversationTag,
                                     const QByteArray &originIdTag)
{
    return findOne("SELECT " IMP_MESSAGE_COLUMNS
                   "FROM messages WHERE conversation_tag = ?1 AND origin_id_tag = ?2",
                   conversationTag, originIdTag);
}

Result<std::optional<MessageRow>> MessageRepository::findById(qint64 id)
{
    auto stmt = m_sql.get("SELECT " IMP_MESSAGE_COLUMNS "FROM messages WHERE id = ?1");
    if (!stmt)
        return stmt.error();
    if (auto bound = detail::bindAll(**stmt, id); !bound)
        return bound.error();
    return detail::firstRow<MessageRow>(**stmt, readRow);
}

Result<bool> MessageRepository::setStanzaIdTag(qint64 id, const QByteArray &stanzaIdTag)
{
    if (auto valid = detail::requireTag(stanzaIdTag, "stanza id tag"); !valid)
        return valid.error();
    bool changed = false;
    auto done = m_db.transaction([&](Database &db) -> Result<void> {
        auto found = findById(id);
        if (!found)
            return found.error();
        if (!*found)
            return {};
        const MessageRow &row = **found;
        // A row without an origin id tag is bound by its stanza id tag (sealedAssociatedData).
        if (row.originIdTag.isNull() && row.stanzaIdTag != stanzaIdTag)
            return makeError("store.error",
                             "the stanza id tag binds this message's sealed value; not changed");
        auto stmt = m_sql.get("UPDATE messages SET stanza_id_tag = ?2 WHERE id = ?1");
        if (!stmt)
            return stmt.error();
        if (auto bound = detail::bindAll(**stmt, id, stanzaIdTag); !bound)
            return bound;
        if (auto stepped = (*stmt)->step(); !stepped) {
            if (detail::lastErrorIsUniqueViolation(db))
                return detail::duplicateError("stanza id tag in the conversation");
            return stepped.error();
        }
        changed = true;
        return {};
    });
    if (!done)
        return done.error();
    return changed;
}

Result<bool> MessageRepository::replaceSealed(qint64 id, const QByteArray &sealed, qint64 flags)
{
    auto stmt = m_sql.get("UPDATE messages SET sealed = ?2, flags = ?3 WHERE id = ?1");
    if (!stmt)
        return stmt.error();
    if (auto bound = detail::bindAll(**stmt, id, sealed, flags); !bound)
        return bound.error();
    return detail::changedRows(**stmt, m_db);
}

Result<bool> MessageRepository::updateState(qint64 id, qint64 state)
{
    auto stmt = m_sql.get("UPDATE messages SET state = ?2 WHERE id = ?1");
    if (!stmt)
        return stmt.error();
    if (auto bound = detail::bindAll(**stmt, id, state); !bound)
        return bound.error();
    return detail::changedRows(**stmt, m_db);
}

Result<bool> MessageRepository::raiseState(qint64 id, qint64 state)
{
    // One statement, so the comparison and the write cannot be split by another writer.
    auto stmt = m_sql.get("UPDATE messages SET state = ?2 WHERE id = ?1 AND state < ?2");
    if (!stmt)
        return stmt.error();
    if (auto bound = detail::bindAll(**stmt, id, state); !bound)
        return bound.error();
    return detail::changedRows(**stmt, m_db);
}

Result<bool> MessageRepository::remove(qint64 id)
{
    auto stmt = m_sql.get("DELETE FROM messages WHERE id = ?1");
    if (!stmt)
        return stmt.error();
    if (auto bound = detail::bindAll(**stmt, id); !bound)
        return bound.error();
    return detail::changedRows(**stmt, m_db);
}

Result<qint64> MessageRepository::count(const QByteArray &conversationTag)
{
    auto stmt = m_sql.get("SELECT count(*) FROM messages WHERE conversation_tag = ?1");
    if (!stmt)
        return stmt.error();
    if (auto bound = detail::bindAll(**stmt, conversationTag); !bound)
        return bound.error();
    auto row = (*stmt)->step();
    if (!row)
        return row.error();
    return *row ? (*stmt)->columnInt64(0) : qint64{0};
}

} // namespace imp::store
