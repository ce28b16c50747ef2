#include "store/MessageIdIndex.h"

#include "common/Log.h"
#include "store/Database.h"
#include "store/SqliteError.h"

#include <algorithm>
#include <sqlite3.h>

namespace imp::store::detail {
namespace {

// The statements that differ only by which id tag they are about.
struct KindSql {
    const char *holder;       // the row holding a key: id, conversation tag, tag
    const char *overflowFind; // an overflow row by conversation and tag: id
    const char *overflowAll;  // every overflow row: id, conversation tag, tag
    const char *setKey;
};

constexpr KindSql kStanzaSql{
    "SELECT id, conversation_tag, stanza_id_tag FROM messages WHERE stanza_key = ?1",
    "SELECT id FROM messages WHERE conversation_tag = ?1 AND stanza_key IS NULL AND "
    "stanza_id_tag = ?2",
    "SELECT id, conversation_tag, stanza_id_tag FROM messages WHERE stanza_key IS NULL AND "
    "stanza_id_tag IS NOT NULL",
    "UPDATE messages SET stanza_key = ?2 WHERE id = ?1"};

constexpr KindSql kOriginSql{
    "SELECT id, conversation_tag, origin_id_tag FROM messages WHERE origin_key = ?1",
    "SELECT id FROM messages WHERE conversation_tag = ?1 AND origin_key IS NULL AND "
    "origin_id_tag = ?2",
    "SELECT id, conversation_tag, origin_id_tag FROM messages WHERE origin_key IS NULL AND "
    "origin_id_tag IS NOT NULL",
    "UPDATE messages SET origin_key = ?2 WHERE id = ?1"};

const KindSql &sqlFor(IdKind kind)
{
    return kind == IdKind::Stanza ? kStanzaSql : kOriginSql;
}

quint64 part(const QByteArray &tag)
{
    const auto *bytes = reinterpret_cast<const unsigned char *>(tag.constData());
    quint64 value = 0;
    if (tag.size() == 32) {
        for (int i = 0; i < 8; ++i)
            value = (value << 8) | bytes[i];
        return value;
    }
    value = 0xcbf29ce484222325ULL; // FNV-1a 64: offset basis, then the prime
    for (qsizetype i = 0; i < tag.size(); ++i) {
        value ^= bytes[i];
        value *= 0x100000001b3ULL;
    }
    return value;
}

std::optional<qint64> keyOf(const QByteArray &conversationTag, const QByteArray &tag)
{
    if (tag.isNull())
        return std::nullopt;
    return idKey(conversationTag, tag);
}

IdHolder readHolder(const Statement &stmt)
{
    return IdHolder{stmt.columnInt64(0), stmt.columnBlob(1), stmt.columnBlob(2)};
}

qint64 readId(const Statement &stmt)
{
    return stmt.columnInt64(0);
}

std::optional<qint64> optionalInt(const Statement &stmt, int column)
{
    if (stmt.columnIsNull(column))
        return std::nullopt;
    return stmt.columnInt64(column);
}

QByteArray blobArgument(sqlite3_value *value)
{
    const void *data = sqlite3_value_blob(value);
    const int size = sqlite3_value_bytes(value);
    if (data == nullptr || size <= 0)
        return QByteArray("");
    return QByteArray(static_cast<const char *>(data), size);
}

void idKeyFunction(sqlite3_context *context, int, sqlite3_value **args)
{
    if (sqlite3_value_type(args[1]) == SQLITE_NULL) {
        sqlite3_result_null(context);
        return;
    }
    sqlite3_result_int64(context, idKey(blobArgument(args[0]), blobArgument(args[1])));
}

// ON CONFLICT DO NOTHING (not INSERT OR IGNORE): only UNIQUE conflicts are skipped; NOT NULL
// and CHECK violations stay errors.
constexpr const char *kInsertSql =
    "INSERT INTO messages(conversation_tag, ts, stanza_id_tag, origin_id_tag, direction, state, "
    "sealed, flags, stanza_key, origin_key) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) "
    "ON CONFLICT DO NOTHING";

} // namespace

qint64 idKey(const QByteArray &conversationTag, const QByteArray &idTag)
{
    return static_cast<qint64>(part(conversationTag) ^ part(idTag));
}

Result<void> registerIdKeyFunction(Database &db)
{
    const int rc =
        sqlite3_create_function_v2(db.handle(), "imp_id_key", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                                   nullptr, &idKeyFunction, nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK)
        return sqliteError(rc, db.handle(), "create function imp_id_key");
    return {};
}

Result<InsertOutcome> MessageIdIndex::insert(const MessageRow &row)
{
    std::optional<qint64> stanzaKey = keyOf(row.conversationTag, row.stanzaIdTag);
    std::optional<qint64> originKey = keyOf(row.conversationTag, row.originIdTag);
    auto insertWith = [&]() -> Result<bool> {
        return m_sql.change(kInsertSql, row.conversationTag, row.ts, row.stanzaIdTag,
                            row.originIdTag, row.direction, row.state, row.sealed, row.flags,
                            stanzaKey, originKey);
    };
    auto inserted = insertWith();
    if (!inserted)
        return inserted.error();
    if (*inserted)
        return InsertOutcome{true, m_sql.database().lastInsertRowId()};

    // A key is held: by a row with the same pair (a duplicate) or by a collision.
    std::optional<qint64> duplicateOf;
    for (auto [kind, tag] : {std::pair{IdKind::Stanza, &row.stanzaIdTag},
                             std::pair{IdKind::Origin, &row.originIdTag}}) {
        auto found = findId(row.conversationTag, kind, *tag);
        if (!found)
            return found.error();
        if (*found)
            duplicateOf = std::min(duplicateOf.value_or(**found), **found);
    }
    if (duplicateOf)
        return InsertOutcome{false, *duplicateOf};

    // New pairs whose keys other rows hold: this row waits in the overflow for those keys.
    for (auto [kind, key] :
         {std::pair{IdKind::Stanza, &stanzaKey}, std::pair{IdKind::Origin, &originKey}}) {
        if (!*key)
            continue;
        auto held = holder(kind, **key);
        if (!held)
            return held.error();
        if (*held)
            key->reset();
    }
    inserted = insertWith();
    if (!inserted)
        return inserted.error();
    if (!*inserted)
        return makeError("store.error", "message insert conflicts with no stored row");
    IMP_LOG_DEBUG("store: a message id key collision; the row waits in the overflow index");
    return InsertOutcome{true, m_sql.database().lastInsertRowId()};
}

Result<std::optional<IdHolder>> MessageIdIndex::holder(IdKind kind, qint64 key)
{
    return m_sql.queryOne(sqlFor(kind).holder, readHolder, key);
}

Result<std::optional<qint64>> MessageIdIndex::findId(const QByteArray &conversationTag, IdKind kind,
                                                     const QByteArray &tag)
{
    if (tag.isNull())
        return std::optional<qint64>();
    auto held = holder(kind, idKey(conversationTag, tag));
    if (!held)
        return held.error();
    // Nobody holds the key: by the invariant, no row has this pair.
    if (!*held)
        return std::optional<qint64>();
    if ((*held)->conversationTag == conversationTag && (*held)->tag == tag)
        return std::optional<qint64>((*held)->id);
    return m_sql.queryOne(sqlFor(kind).overflowFind, readId, conversationTag, tag);
}

Result<void> MessageIdIndex::promoteOverflow(IdKind kind, qint64 key)
{
    const KindSql &sql = sqlFor(kind);
    auto waiting = m_sql.queryAll(sql.overflowAll, readHolder);
    if (!waiting)
        return waiting.error();
    for (const IdHolder &row : *waiting) {
        if (idKey(row.conversationTag, row.tag) == key)
            return m_sql.exec(sql.setKey, row.id, key);
    }
    return {};
}

Result<void> MessageIdIndex::replaceStanzaIdTag(qint64 rowId, const QByteArray &conversationTag,
                                                std::optional<qint64> oldKey, const QByteArray &tag)
{
    std::optional<qint64> key = idKey(conversationTag, tag);
    auto held = holder(IdKind::Stanza, *key);
    if (!held)
        return held.error();
    if (*held && (*held)->id != rowId)
        key.reset(); // another row holds the key: this one waits in the overflow
    if (auto set = m_sql.exec("UPDATE messages SET stanza_id_tag = ?2, stanza_key = ?3 "
                              "WHERE id = ?1",
                              rowId, tag, key);
        !set)
        return set;
    if (oldKey && oldKey != key)
        return promoteOverflow(IdKind::Stanza, *oldKey);
    return {};
}

Result<bool> MessageIdIndex::remove(qint64 rowId)
{
    using Keys = std::pair<std::optional<qint64>, std::optional<qint64>>;
    auto found = m_sql.queryOne(
        "SELECT stanza_key, origin_key FROM messages WHERE id = ?1",
        [](const Statement &stmt) {
            return Keys{optionalInt(stmt, 0), optionalInt(stmt, 1)};
        },
        rowId);
    if (!found)
        return found.error();
    if (!*found)
        return false;
    if (auto removed = m_sql.exec("DELETE FROM messages WHERE id = ?1", rowId); !removed)
        return removed.error();
    const auto [stanzaKey, originKey] = **found;
    if (stanzaKey) {
        if (auto moved = promoteOverflow(IdKind::Stanza, *stanzaKey); !moved)
            return moved.error();
    }
    if (originKey) {
        if (auto moved = promoteOverflow(IdKind::Origin, *originKey); !moved)
            return moved.error();
    }
    return true;
}

} // namespace imp::store::detail
