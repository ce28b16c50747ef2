#pragma once

#include "common/Result.h"
#include "store/StatementCache.h"

#include <QByteArray>
#include <limits>
#include <optional>
#include <vector>

namespace imp::store {

class Database;

// One stored message (table `messages`, schema v3; flags since v4; compact id keys since v7,
// see MessageIdIndex.h, which callers never see). Only tags and sealed bytes:
// chat/ computes conversationTag = HMAC(indexKey, peer bare JID) and the id tags as HMACs of the
// stanza-id / origin-id, and seals body, sender and the rest with AES-256-GCM under the associated
// data from sealedAssociatedData(). ts (ms since the epoch), direction and state stay plain: the
// documented residue of DESIGN.md §3. direction and state are opaque integers here; flags is a
// bit set (kFlagRecalled): the fact that a message was recalled is plain, its text is not.
struct MessageRow {
    qint64 id = 0;              // assigned by insertBatch(); ignored on insert
    QByteArray conversationTag; // required
    qint64 ts = 0;
    QByteArray stanzaIdTag; // null QByteArray = none
    QByteArray originIdTag; // null QByteArray = none; at least one of the two is required
    qint64 direction = 0;
    qint64 state = 0;
    QByteArray sealed; // required
    qint64 flags = 0;  // MessageRepository::kFlag* bits
};

// What insertBatch() did with one row.
struct InsertOutcome {
    bool inserted = false; // false: a duplicate (same stanza or origin id tag in the conversation)
    qint64 id = 0;         // the new row's id, or for a duplicate the id of the row already stored
};

// Raw rows of the message store. No crypto here (keys and sealing belong to chat/).
// The Database must outlive the repository; use it on the Database's thread.
class MessageRepository {
public:
    // Sentinels for the first (newest) page: pageBefore(tag, kNewest, kNewest, n).
    static constexpr qint64 kNewest = std::numeric_limits<qint64>::max();
    // Sentinels for the first (oldest) page: pageAfter(tag, kOldest, kOldest, n).
    static constexpr qint64 kOldest = std::numeric_limits<qint64>::min();

    // flags bit: the sender recalled (retracted) the message; chat/ replaces its sealed value.
    static constexpr qint64 kFlagRecalled = 1;

    explicit MessageRepository(Database &db)
        : m_db(db)
        , m_sql(db)
    {}

    // The associated data a message's `sealed` value must be sealed and opened with:
    //   "messages/sealed/" + hex(conversationTag) + "/o/" + hex(originIdTag)   if it has one,
    //   "messages/sealed/" + hex(conversationTag) + "/s/" + hex(stanzaIdTag)   otherwise.
    // Both tags are UNIQUE within a conversation, so this names exactly one row: a sealed value
    // moved to another row or another conversation (or a row whose conversation_tag or binding
    // tag was altered) fails to open. The row id is not used because it is only known after the
    // INSERT, while sealing happens off the database thread before it. The origin id is preferred
    // because it exists from composing on (own messages) while a stanza-id may arrive later; a
    // later stanza_id_tag does not change the binding. Empty if the row has neither tag.
    static QByteArray sealedAssociatedData(const QByteArray &conversationTag,
                                           const QByteArray &stanzaIdTag,
                                           const QByteArray &originIdTag);
    static QByteArray sealedAssociatedData(const MessageRow &row)
    {
        return sealedAssociatedData(row.conversationTag, row.stanzaIdTag, row.originIdTag);
    }

    // Inserts every row in ONE transaction (one fsync for the batch) and reports per row, in
    // order, whether it was inserted or is a duplicate of a stored row (or of an earlier row of
    // the same batch) by stanza id tag or origin id tag within its conversation. The same tags in
    // another conversation are not duplicates. Any other failure (a row without conversation tag,
    // sealed value or id tag; disk full; ...) rolls the whole batch back and returns the error.
    Result<std::vector<InsertOutcome>> insertBatch(const std::vector<MessageRow> &rows);

    // Keyset paging, newest first: up to `limit` rows of the conversation with
    // (ts, id) < (beforeTs, beforeId), ordered by ts DESC, id DESC. The next page starts before
    // the last row returned. Never OFFSET: each page costs O(limit) whatever its depth.
    Result<std::vector<MessageRow>> pageBefore(const QByteArray &conversationTag, qint64 beforeTs,
                                               qint64 beforeId, int limit);

    // Keyset paging, oldest first (catching up, jumping to a message): up to `limit` rows of
    // the conversation with (ts, id) > (afterTs, afterId), ordered by ts ASC, id ASC. The next
    // page starts after the last row returned.
    Result<std::vector<MessageRow>> pageAfter(const QByteArray &conversationTag, qint64 afterTs,
                                              qint64 afterId, int limit);

    // The newest row of the conversation (largest (ts, id)), for previews.
    Result<std::optional<MessageRow>> newest(const QByteArray &conversationTag);

    // Lookups for deduplication, receipts, corrections and recalls. std::nullopt when absent
    // (also for a null or empty tag, which no row can have).
    Result<std::optional<MessageRow>> findByStanzaIdTag(const QByteArray &conversationTag,
                                                        const QByteArray &stanzaIdTag);
    Result<std::optional<MessageRow>> findByOriginIdTag(const QByteArray &conversationTag,
                                                        const QByteArray &originIdTag);
    Result<std::optional<MessageRow>> findById(qint64 id);

    // Records the stanza-id the server gave a message stored under its origin-id (our own
    // message, reflected or found in MAM). false when there is no message with that id.
    // store.duplicate when another message of the conversation already has this stanza id tag.
    // store.error for an empty tag, or for a row bound by its stanza id tag (no origin id tag)
    // whose tag would change: its sealed value could no longer be opened.
    Result<bool> setStanzaIdTag(qint64 id, const QByteArray &stanzaIdTag);

    // Replaces the sealed value and the flags (a recall: the new value is sealed under the same
    // associated data, as the id tags do not change). false when there is no message with that id.
    Result<bool> replaceSealed(qint64 id, const QByteArray &sealed, qint64 flags);

    // Sets the plain delivery state. false when there is no message with that id.
    Result<bool> updateState(qint64 id, qint64 state);

    // Sets the state only if it is higher than the stored one, so receipts arriving out of
    // order never move a message back (sent < delivered < read). true when it changed; false
    // when the message is absent or already at this state or a higher one.
    Result<bool> raiseState(qint64 id, qint64 state);

    // Deletes one message on this device only ("delete locally"). false when absent.
    Result<bool> remove(qint64 id);

    // Messages stored for the conversation.
    Result<qint64> count(const QByteArray &conversationTag);

private:
    Result<std::optional<MessageRow>> findByTag(const QByteArray &conversationTag, bool stanza,
                                                const QByteArray &idTag);

    Database &m_db;
    StatementCache m_sql;
};

} // namespace imp::store
