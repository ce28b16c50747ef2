#pragma once

#include "common/Result.h"

#include <QByteArray>
#include <limits>
#include <vector>

namespace imp::store {

class Database;

// One stored message (table `messages`, schema v3). Only tags and sealed bytes: chat/ computes
// conversationTag = HMAC(indexKey, peer bare JID) and the id tags as HMACs of the stanza-id /
// origin-id, and seals body, sender and the rest with AES-256-GCM under the associated data
// from sealedAssociatedData(). ts (ms since the epoch), direction and state stay plain: the
// documented residue of DESIGN.md §3. direction and state are opaque integers here.
struct MessageRow {
    qint64 id = 0;              // assigned by insertBatch(); ignored on insert
    QByteArray conversationTag; // required
    qint64 ts = 0;
    QByteArray stanzaIdTag; // null QByteArray = none
    QByteArray originIdTag; // null QByteArray = none; at least one of the two is required
    qint64 direction = 0;
    qint64 state = 0;
    QByteArray sealed; // required
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

    explicit MessageRepository(Database &db)
        : m_db(db)
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

    // Sets the plain delivery state. false when there is no message with that id.
    Result<bool> updateState(qint64 id, qint64 state);

    // Messages stored for the conversation.
    Result<qint64> count(const QByteArray &conversationTag);

private:
    Database &m_db;
};

} // namespace imp::store
