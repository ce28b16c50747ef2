#pragma once

#include "common/Result.h"

#include <QString>
#include <array>

namespace imp::store {

class Database;

// One schema step. `sql` may hold several statements. A shipped step is never edited: a change
// to the schema is a new step, so every user's database goes through the same history.
struct Migration {
    int version;
    const char *sql;
};

// Brings a database's schema up to date, one step per version, as Kaidan does: the steps are a
// constant array whose versions are checked at compile time, and a test migrates the oldest
// schema and compares it with a fresh one.
// Tables hold only what upper layers sealed (opaque blobs) or chose to keep plain (counters,
// timestamps), see DESIGN.md §3.
class Migrations {
public:
    static constexpr std::array kSteps{
        Migration{1, R"sql(
            CREATE TABLE consent_records(
                seq INTEGER PRIMARY KEY,
                sealed BLOB NOT NULL,
                chain BLOB NOT NULL
            );
            CREATE TABLE consent_quarantine(
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                detected_at INTEGER NOT NULL,
                seq INTEGER NOT NULL,
                sealed BLOB,
                chain BLOB
            );
        )sql"},
        Migration{2, R"sql(
            CREATE TABLE settings(
                name_tag BLOB PRIMARY KEY,
                sealed BLOB NOT NULL
            ) WITHOUT ROWID;
            CREATE TABLE consent_head(
                id INTEGER PRIMARY KEY CHECK (id = 1),
                sealed BLOB NOT NULL
            );
        )sql"},
        // Messages (DESIGN.md §3, issue 4). Plain residue: ts, direction, state (and row counts
        // per conversation). Never plain: the peer JID (conversation_tag is an HMAC tag of it),
        // stanza/origin ids (HMAC tags), body, sender and everything else (in `sealed`).
        // `sealed` is bound to its conversation and its message id tag through the AEAD's
        // associated data (MessageRepository::sealedAssociatedData), hence the CHECK: a row
        // without either id tag could not be bound. (conversation_tag, ts, id) serves keyset
        // paging; the two partial UNIQUE indexes deduplicate within a conversation.
        Migration{3, R"sql(
            CREATE TABLE messages(
                id INTEGER PRIMARY KEY,
                conversation_tag BLOB NOT NULL,
                ts INTEGER NOT NULL,
                stanza_id_tag BLOB,
                origin_id_tag BLOB,
                direction INTEGER NOT NULL,
                state INTEGER NOT NULL,
                sealed BLOB NOT NULL,
                CHECK (stanza_id_tag IS NOT NULL OR origin_id_tag IS NOT NULL)
            );
            CREATE INDEX messages_page ON messages(conversation_tag, ts, id);
            CREATE UNIQUE INDEX messages_stanza_id ON messages(conversation_tag, stanza_id_tag)
                WHERE stanza_id_tag IS NOT NULL;
            CREATE UNIQUE INDEX messages_origin_id ON messages(conversation_tag, origin_id_tag)
                WHERE origin_id_tag IS NOT NULL;
        )sql"},
        // Chat (conversations, contacts, friend requests, outbox) and recalled messages.
        // Each row is found by an HMAC tag (`tag`: of the peer's bare JID or the request's
        // key; origin_id_tag: of the origin-id); everything else about it is in `sealed`, bound
        // to table, column and tag by the repository's sealedAssociatedData(). Plain residue:
        // timestamps, the unread count, the pinned/incoming flags, the request state, outbox
        // order (seq) and messages.flags (bit 1: recalled; the fact, not the text).
        // AUTOINCREMENT keeps outbox seq values from being reused, so send order stays FIFO
        // even after the newest entry was sent and removed.
        Migration{4, R"sql(
            CREATE TABLE conversations(
                tag BLOB PRIMARY KEY,
                sealed BLOB NOT NULL,
                last_ts INTEGER NOT NULL DEFAULT 0,
                unread INTEGER NOT NULL DEFAULT 0,
                pinned INTEGER NOT NULL DEFAULT 0
            );
            CREATE INDEX conversations_order ON conversations(pinned, last_ts);
            CREATE TABLE contacts(
                tag BLOB PRIMARY KEY,
                sealed BLOB NOT NULL,
                updated_ts INTEGER NOT NULL
            );
            CREATE TABLE requests(
                tag BLOB PRIMARY KEY,
                sealed BLOB NOT NULL,
                ts INTEGER NOT NULL,
                incoming INTEGER NOT NULL,
                state INTEGER NOT NULL
            );
            CREATE TABLE outbox(
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                conversation_tag BLOB NOT NULL,
                origin_id_tag BLOB NOT NULL UNIQUE,
                sealed BLOB NOT NULL,
                created_ts INTEGER NOT NULL
            );
            ALTER TABLE messages ADD COLUMN flags INTEGER NOT NULL DEFAULT 0;
        )sql"},
        // The outbox is the only truth of what is in flight (issue 9): sent_in is 0 for an entry
        // never sent, otherwise the (plain, opaque) id of the session it was last sent in, so a
        // new session knows what to send again and what may already have reached the server.
        Migration{5, R"sql(
            ALTER TABLE outbox ADD COLUMN sent_in INTEGER NOT NULL DEFAULT 0;
        )sql"},
        // The archive ranges this device holds (Dino's mam_catchup), one row per contiguous range
        // of one scope (which archive, which `with` filter: scope_tag, an HMAC tag made by
        // chat/). The archive ids at the ends are sealed; `key` is random, made by chat/, and
        // binds `sealed` to its row (HistoryRangeRepository::sealedAssociatedData). Plain
        // residue: the range's timestamps and whether it reaches the archive's start.
        Migration{6, R"sql(
            CREATE TABLE history_ranges(
                id INTEGER PRIMARY KEY,
                scope_tag BLOB NOT NULL,
                key BLOB NOT NULL UNIQUE,
                from_ts INTEGER NOT NULL DEFAULT 0,
                to_ts INTEGER NOT NULL DEFAULT 0,
                reached_start INTEGER NOT NULL DEFAULT 0 CHECK (reached_start IN (0, 1)),
                sealed BLOB NOT NULL
            );
            CREATE INDEX history_ranges_scope ON history_ranges(scope_tag, to_ts);
        )sql"},
        // Compact id keys, so that storing a message touches few random pages (issue 9). The
        // v4 dedupe indexes held two 32-byte tags per entry, and every insert landed on a random
        // page of each. Now each id tag is indexed by an 8-byte key mixed from its conversation
        // tag and itself (imp_id_key(), see MessageIdIndex.h: derivation, exactness, collision
        // math); the full tags stay in the row, unindexed, and every answer compares them. The
        // paging index is untouched: within a conversation it grows at its end.
        // A row whose key another row already holds (a 64-bit collision) keeps its key NULL and
        // is found through the overflow indexes, which are empty in practice. Stored rows get
        // their keys here; of colliding rows, the oldest holds the key.
        Migration{7, R"sql(
            ALTER TABLE messages ADD COLUMN stanza_key INTEGER;
            ALTER TABLE messages ADD COLUMN origin_key INTEGER;
            DROP INDEX messages_stanza_id;
            DROP INDEX messages_origin_id;
            UPDATE messages SET stanza_key = imp_id_key(conversation_tag, stanza_id_tag),
                                origin_key = imp_id_key(conversation_tag, origin_id_tag);
            CREATE INDEX messages_v7_stanza ON messages(stanza_key);
            CREATE INDEX messages_v7_origin ON messages(origin_key);
            UPDATE messages SET stanza_key = NULL WHERE EXISTS (SELECT 1 FROM messages older
                WHERE older.stanza_key = messages.stanza_key AND older.id < messages.id);
            UPDATE messages SET origin_key = NULL WHERE EXISTS (SELECT 1 FROM messages older
                WHERE older.origin_key = messages.origin_key AND older.id < messages.id);
            DROP INDEX messages_v7_stanza;
            DROP INDEX messages_v7_origin;
            CREATE UNIQUE INDEX messages_stanza_key ON messages(stanza_key)
                WHERE stanza_key IS NOT NULL;
            CREATE UNIQUE INDEX messages_origin_key ON messages(origin_key)
                WHERE origin_key IS NOT NULL;
            CREATE INDEX messages_stanza_overflow ON messages(conversation_tag, stanza_id_tag)
                WHERE stanza_key IS NULL AND stanza_id_tag IS NOT NULL;
            CREATE INDEX messages_origin_overflow ON messages(conversation_tag, origin_id_tag)
                WHERE origin_key IS NULL AND origin_id_tag IS NOT NULL;
        )sql"},
    };

    static constexpr int latestVersion() { return kSteps.back().version; }

    // Applies every step above the database's user_version up to `targetVersion`, each in its
    // own transaction together with its PRAGMA user_version, so a crash leaves the database at
    // a whole version. Errors: store.too_new when the database was written by a newer app
    // (opening it could lose data), store.error for a target out of range or below the
    // database's version (there are no down-migrations), or the SQLite error of a failed step.
    static Result<void> migrate(Database &db, int targetVersion = latestVersion());

    // A canonical text of the schema: user_version, then one line per sqlite_master entry
    // (type, name, tbl_name, whitespace-normalised sql) ordered by type and name, without
    // SQLite's internal objects. Equal dumps mean equal schemas. Empty if it cannot be read.
    static QString schemaDump(Database &db);
};

namespace detail {

// Kaidan-style compile-time check: versions start at 1 and go up by exactly 1, so a step can
// neither be skipped nor be applied twice.
template <std::size_t N> consteval bool versionsAreSequential(const std::array<Migration, N> &steps)
{
    for (std::size_t i = 0; i < N; ++i) {
        if (steps[i].version != static_cast<int>(i) + 1 || steps[i].sql == nullptr)
            return false;
    }
    return N > 0;
}

} // namespace detail

static_assert(detail::versionsAreSequential(Migrations::kSteps),
              "migration versions must start at 1 and increase by exactly 1");

} // namespace imp::store
