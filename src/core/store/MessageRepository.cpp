#include "store/MessageRepository.h"

#include "store/Database.h"

namespace imp::store {
namespace {

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
    auto done = m_db.transaction([&rows, &outcomes](Database &db) -> Result<void> {
        // ON CONFLICT DO NOTHING (not INSERT OR IGNORE): only UNIQUE conflicts are skipped;
        // NOT NULL and CHECK violations stay errors.
        auto insert = db.prepare(QStringLiteral(
            "INSERT INTO messages(conversation_tag, ts, stanza_id_tag, origin_id_tag, direction, "
            "state, sealed) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT DO NOTHING"));
        if (!insert)
            return insert.error();
        auto existing = db.prepare(
            QStringLiteral("SELECT id FROM messages WHERE conversation_tag = ?1 AND "
                           "(stanza_id_tag = ?2 OR origin_id_tag = ?3) ORDER BY id LIMIT 1"));
        if (!existing)
            return existing.error();
        for (const MessageRow &row : rows) {
            insert->reset();
            for (auto bound : {insert->bind(1, row.conversationTag), insert->bind(2, row.ts),
                               insert->bind(3, row.stanzaIdTag), insert->bind(4, row.originIdTag),
                               insert->bind(5, row.direction), insert->bind(6, row.state),
                               insert->bind(7, row.sealed)}) {
                if (!bound)
                    return bound;
            }
            if (auto stepped = insert->step(); !stepped)
                return stepped.error();
            if (db.changes() == 1) {
                outcomes.push_back({true, db.lastInsertRowId()});
                continue;
            }
            existing->reset();
            for (auto bound :
                 {existing->bind(1, row.conversationTag), existing->bind(2, row.stanzaIdTag),
                  existing->bind(3, row.originIdTag)}) {
                if (!bound)
                    return bound;
            }
            auto found = existing->step();
            if (!found)
                return found.error();
            outcomes.push_back({false, *found ? existing->columnInt64(0) : 0});
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
    std::vector<MessageRow> rows;
    if (limit <= 0)
        return rows;
    // The row value comparison lets SQLite walk the (conversation_tag, ts, id) index backwards
    // from the key and stop after `limit` rows.
    auto stmt = m_db.prepare(QStringLiteral(
        "SELECT id, conversation_tag, ts, stanza_id_tag, origin_id_tag, direction, state, sealed "
        "FROM messages WHERE conversation_tag = ?1 AND (ts, id) < (?2, ?3) "
        "ORDER BY ts DESC, id DESC LIMIT ?4"));
    if (!stmt)
        return stmt.error();
    for (auto bound : {stmt->bind(1, conversationTag), stmt->bind(2, beforeTs),
                       stmt->bind(3, beforeId), stmt->bind(4, qint64{limit})}) {
        if (!bound)
            return bound.error();
    }
    rows.reserve(static_cast<std::size_t>(limit));
    for (;;) {
        auto row = stmt->step();
        if (!row)
            return row.error();
        if (!*row)
            break;
        rows.push_back(readRow(*stmt));
    }
    return rows;
}

Result<bool> MessageRepository::updateState(qint64 id, qint64 state)
{
    auto stmt = m_db.prepare(QStringLiteral("UPDATE messages SET state = ?2 WHERE id = ?1"));
    if (!stmt)
        return stmt.error();
    for (auto bound : {stmt->bind(1, id), stmt->bind(2, state)}) {
        if (!bound)
            return bound.error();
    }
    if (auto done = stmt->step(); !done)
        return done.error();
    return m_db.changes() > 0;
}

Result<qint64> MessageRepository::count(const QByteArray &conversationTag)
{
    auto stmt =
        m_db.prepare(QStringLiteral("SELECT count(*) FROM messages WHERE conversation_tag = ?1"));
    if (!stmt)
        return stmt.error();
    if (auto bound = stmt->bind(1, conversationTag); !bound)
        return bound.error();
    auto row = stmt->step();
    if (!row)
        return row.error();
    return *row ? stmt->columnInt64(0) : qint64{0};
}

} // namespace imp::store
