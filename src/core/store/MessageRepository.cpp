#include "store/MessageRepository.h"

#include "store/Database.h"
#include "store/MessageIdIndex.h"
#include "store/RepositorySupport.h"

#include <algorithm>

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
    const bool byOrigin = !originIdTag.isNull();
    if (!byOrigin && stanzaIdTag.isNull())
        return {};
    const QByteArray &idTag = byOrigin ? originIdTag : stanzaIdTag;
    // Built in one allocation: chat/ makes one for every message it seals or opens.
    static constexpr char kPrefix[] = "messages/sealed/";
    static constexpr char kDigits[] = "0123456789abcdef";
    QByteArray ad(qsizetype(sizeof(kPrefix) - 1 + 3) + 2 * (conversationTag.size() + idTag.size()),
                  Qt::Uninitialized);
    char *out = std::copy_n(kPrefix, sizeof(kPrefix) - 1, ad.data());
    auto hex = [&out](const QByteArray &bytes) {
        for (const char byte : bytes) {
            *out++ = kDigits[(static_cast<unsigned char>(byte) >> 4) & 0xf];
            *out++ = kDigits[static_cast<unsigned char>(byte) & 0xf];
        }
    };
    hex(conversationTag);
    *out++ = '/';
    *out++ = byOrigin ? 'o' : 's';
    *out++ = '/';
    hex(idTag);
    return ad;
}

Result<std::vector<InsertOutcome>>
MessageRepository::insertBatch(const std::vector<MessageRow> &rows)
{
    std::vector<InsertOutcome> outcomes;
    outcomes.reserve(rows.size());
    auto done = m_db.transaction([this, &rows, &outcomes](Database &) -> Result<void> {
        detail::MessageIdIndex index(m_sql);
        for (const MessageRow &row : rows) {
            auto outcome = index.insert(row);
            if (!outcome)
                return outcome.error();
            outcomes.push_back(*outcome);
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
    return m_sql.queryAll("SELECT " IMP_MESSAGE_COLUMNS
                          "FROM messages WHERE conversation_tag = ?1 AND (ts, id) < (?2, ?3) "
                          "ORDER BY ts DESC, id DESC LIMIT ?4",
                          readRow, conversationTag, beforeTs, beforeId, qint64{limit});
}

Result<std::vector<MessageRow>> MessageRepository::pageAfter(const QByteArray &conversationTag,
                                                             qint64 afterTs, qint64 afterId,
                                                             int limit)
{
    if (limit <= 0)
        return std::vector<MessageRow>();
    // The same index as pageBefore(), walked forwards.
    return m_sql.queryAll("SELECT " IMP_MESSAGE_COLUMNS
                          "FROM messages WHERE conversation_tag = ?1 AND (ts, id) > (?2, ?3) "
                          "ORDER BY ts ASC, id ASC LIMIT ?4",
                          readRow, conversationTag, afterTs, afterId, qint64{limit});
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

Result<std::optional<MessageRow>> MessageRepository::findByTag(const QByteArray &conversationTag,
                                                               bool stanza, const QByteArray &idTag)
{
    // No row has an empty or null id tag.
    if (idTag.isEmpty())
        return std::optional<MessageRow>();
    auto id = detail::MessageIdIndex(m_sql).findId(
        conversationTag, stanza ? detail::IdKind::Stanza : detail::IdKind::Origin, idTag);
    if (!id)
        return id.error();
    if (!*id)
        return std::optional<MessageRow>();
    return findById(**id);
}

Result<std::optional<MessageRow>>
MessageRepository::findByStanzaIdTag(const QByteArray &conversationTag,
                                     const QByteArray &stanzaIdTag)
{
    return findByTag(conversationTag, true, stanzaIdTag);
}

Result<std::optional<MessageRow>>
MessageRepository::findByOriginIdTag(const QByteArray &conversationTag,
                                     const QByteArray &originIdTag)
{
    return findByTag(conversationTag, false, originIdTag);
}

Result<std::optional<MessageRow>> MessageRepository::findById(qint64 id)
{
    return m_sql.queryOne("SELECT " IMP_MESSAGE_COLUMNS "FROM messages WHERE id = ?1", readRow, id);
}

Result<bool> MessageRepository::setStanzaIdTag(qint64 id, const QByteArray &stanzaIdTag)
{
    if (auto valid = detail::requireTag(stanzaIdTag, "stanza id tag"); !valid)
        return valid.error();
    bool changed = false;
    auto done = m_db.transaction([&](Database &) -> Result<void> {
        struct Current {
            QByteArray conversationTag;
            QByteArray stanzaIdTag;
            QByteArray originIdTag;
            std::optional<qint64> stanzaKey;
        };
        auto found = m_sql.queryOne(
            "SELECT conversation_tag, stanza_id_tag, origin_id_tag, stanza_key FROM messages "
            "WHERE id = ?1",
            [](const Statement &stmt) {
                return Current{stmt.columnBlob(0), stmt.columnBlob(1), stmt.columnBlob(2),
                               stmt.columnIsNull(3) ? std::nullopt
                                                    : std::optional<qint64>(stmt.columnInt64(3))};
            },
            id);
        if (!found)
            return found.error();
        if (!*found)
            return {};
        const Current &row = **found;
        changed = true;
        if (row.stanzaIdTag == stanzaIdTag)
            return {};
        // A row without an origin id tag is bound by its stanza id tag (sealedAssociatedData).
        if (row.originIdTag.isNull())
            return makeError("store.error",
                             "the stanza id tag binds this message's sealed value; not changed");
        detail::MessageIdIndex index(m_sql);
        auto other = index.findId(row.conversationTag, detail::IdKind::Stanza, stanzaIdTag);
        if (!other)
            return other.error();
        if (*other)
            return detail::duplicateError("stanza id tag in the conversation");
        return index.replaceStanzaIdTag(id, row.conversationTag, row.stanzaKey, stanzaIdTag);
    });
    if (!done)
        return done.error();
    return changed;
}

Result<bool> MessageRepository::replaceSealed(qint64 id, const QByteArray &sealed, qint64 flags)
{
    return m_sql.change("UPDATE messages SET sealed = ?2, flags = ?3 WHERE id = ?1", id, sealed,
                        flags);
}

Result<bool> MessageRepository::updateState(qint64 id, qint64 state)
{
    return m_sql.change("UPDATE messages SET state = ?2 WHERE id = ?1", id, state);
}

Result<bool> MessageRepository::raiseState(qint64 id, qint64 state)
{
    // One statement, so the comparison and the write cannot be split by another writer.
    return m_sql.change("UPDATE messages SET state = ?2 WHERE id = ?1 AND state < ?2", id, state);
}

Result<bool> MessageRepository::remove(qint64 id)
{
    bool removed = false;
    auto done = m_db.transaction([&](Database &) -> Result<void> {
        auto gone = detail::MessageIdIndex(m_sql).remove(id);
        if (!gone)
            return gone.error();
        removed = *gone;
        return {};
    });
    if (!done)
        return done.error();
    return removed;
}

Result<qint64> MessageRepository::count(const QByteArray &conversationTag)
{
    return m_sql.queryInt("SELECT count(*) FROM messages WHERE conversation_tag = ?1",
                          conversationTag);
}

} // namespace imp::store
