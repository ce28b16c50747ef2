#pragma once

// How messages are found by id tag (schema v7; not part of the store's public API).
//
// Callers name messages by HMAC tags: 32 random-looking bytes for the conversation and for each
// stanza-id / origin-id. Indexing (conversation tag, id tag) as they are made every insert land
// on a random page of two wide indexes (70-odd bytes an entry), and that was most of the ingest
// time. So each id tag is indexed by its 8-byte key, idKey(conversation tag, id tag), alone: the
// entries are a quarter of the size, so a batch dirties a quarter of the pages. The full tags
// stay in the row, unindexed.
//
// Exactness. Two different (conversation, tag) pairs can share a key. Dedupe and lookups
// therefore compare the full tags of the row that holds a key; the second pair of a colliding
// one is stored with its key NULL (the "overflow", in its own partial index, empty in practice)
// and found there. Invariant: a key is held by some row whenever any row has a pair with that
// key; remove() and replaceStanzaIdTag() hand a freed key to a waiting overflow row. So a key
// that nobody holds proves the pair is new, in one index probe.
//
// Collision math: keys of HMAC tags are uniform and independent, so with n stored tags of one
// kind a new one meets a held key with probability n / 2^64 (a million messages: 5e-14), and any
// collision among all of them happens with probability about n^2 / 2^65 (a million: 3e-8).
// Either costs a probe more, never a wrong answer. Nobody can aim for one without the index key.

#include "common/Result.h"
#include "store/MessageRepository.h"
#include "store/StatementCache.h"

#include <QByteArray>
#include <optional>

namespace imp::store {

class Database;

namespace detail {

// The key of an id tag in a conversation: part(conversationTag) XOR part(idTag), where part() of
// a 32-byte tag (an HMAC-SHA256, what chat/ makes) is its first 8 bytes, big-endian, and of any
// other length FNV-1a-64 over all of it (so short tags that share a prefix, as in tests and
// plain benchmarks, still spread). Within a conversation the XOR is a bijection, so its tags
// collide only if their parts do. Stored keys depend on this function: never change it; re-key
// in a new migration instead.
qint64 idKey(const QByteArray &conversationTag, const QByteArray &idTag);

// Makes idKey() callable from SQL as imp_id_key(conversation_tag, id_tag) on this connection
// (NULL for a NULL id tag), for the migration that keys stored rows.
Result<void> registerIdKeyFunction(Database &db);

enum class IdKind { Stanza, Origin };

// The row that holds a key, with the pair the key was made from.
struct IdHolder {
    qint64 id = 0;
    QByteArray conversationTag;
    QByteArray tag;
};

// Writes and exact lookups on `messages` by id tag, on one StatementCache (one Database).
class MessageIdIndex {
public:
    explicit MessageIdIndex(StatementCache &sql)
        : m_sql(sql)
    {}

    // Inserts the row, or reports the stored row it duplicates by stanza or origin id tag within
    // its conversation (the lowest id if both match, different rows). Violations of other
    // constraints are errors.
    Result<InsertOutcome> insert(const MessageRow &row);

    // The id of the conversation's row with this tag (exact), if any.
    Result<std::optional<qint64>> findId(const QByteArray &conversationTag, IdKind kind,
                                         const QByteArray &tag);

    // Replaces a row's stanza id tag, keeping the keys right. The caller checked that no other
    // row of the conversation has it; oldKey is the row's stanza_key.
    Result<void> replaceStanzaIdTag(qint64 rowId, const QByteArray &conversationTag,
                                    std::optional<qint64> oldKey, const QByteArray &tag);

    // Deletes a row; false when there is none. Keys it held pass to waiting overflow rows.
    Result<bool> remove(qint64 rowId);

private:
    // The row holding `key`, whatever its tags, if any.
    Result<std::optional<IdHolder>> holder(IdKind kind, qint64 key);
    // After `key` was freed: the overflow row whose pair has this key (if any) takes it.
    Result<void> promoteOverflow(IdKind kind, qint64 key);

    StatementCache &m_sql;
};

} // namespace detail
} // namespace imp::store
