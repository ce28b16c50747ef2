#pragma once

#include "common/Result.h"
#include "store/StatementCache.h"

#include <QByteArray>
#include <optional>
#include <vector>

namespace imp::store {

class Database;

// One row of `outbox` (schema v4; sent_in since v5): a composed stanza not yet acknowledged by
// the server, kept so nothing composed is lost offline (DESIGN.md §2). conversationTag and
// originIdTag are HMAC tags made by chat/ (the same ones as the message's row in `messages`);
// `sealed` is the stanza to send, sealed under sealedAssociatedData(originIdTag). createdTs (ms
// since the epoch), seq (send order) and sentIn are plain residue.
struct OutboxRow {
    qint64 seq = 0; // assigned by enqueue(); ignored on enqueue
    QByteArray conversationTag;
    QByteArray originIdTag;
    QByteArray sealed;
    qint64 createdTs = 0;
    // 0: never sent; otherwise the session (an id chat/ makes, new for every session) it was
    // last sent in. Ignored on enqueue (a new entry was never sent).
    qint64 sentIn = 0;
};

// Raw rows of the outbox: a FIFO keyed by origin id tag. The table is the only truth of what
// is in flight: an entry was sent in the current session exactly when its sentIn says so, so
// nothing about it is kept in memory. No crypto here.
// The Database must outlive the repository; use it on the Database's thread.
class OutboxRepository {
public:
    explicit OutboxRepository(Database &db)
        : m_sql(db)
    {}

    // "outbox/sealed/" + hex(originIdTag): unique per entry, and known before the INSERT.
    // Empty for an empty tag.
    static QByteArray sealedAssociatedData(const QByteArray &originIdTag);

    // Appends an entry and returns its seq (greater than every seq handed out before, even of
    // removed entries). An origin id tag already queued is refused with store.duplicate (the
    // entry is not changed); an empty tag or a null sealed value with store.error.
    Result<qint64> enqueue(const OutboxRow &row);
    // Up to `limit` entries in send order (seq ASC), with their sentIn: an entry sent in an
    // earlier session may already have reached the server.
    Result<std::vector<OutboxRow>> pending(int limit = 1000);
    // Up to `limit` entries not sent in `session` (sentIn != session), in send order, marked as
    // sent in it, in one transaction: a second call in the same session returns only what was
    // queued (or given back by markUnsent()) since. Each row's sentIn is the value before this
    // call (0: its first send; else the earlier session it went out in). store.error for a
    // session <= 0 (0 means "never sent").
    Result<std::vector<OutboxRow>> takeUnsent(qint64 session, int limit);
    // Gives an entry back for sending in this session too (a send that did not go out): its
    // sentIn becomes 0. false when it is not queued.
    Result<bool> markUnsent(const QByteArray &originIdTag);
    // The queued entry with this tag, if any.
    Result<std::optional<OutboxRow>> find(const QByteArray &originIdTag);
    // Replaces an entry's sealed stanza (an attachment's URL once uploaded), keeping its place
    // in the send order. false when it is not queued.
    Result<bool> replaceSealed(const QByteArray &originIdTag, const QByteArray &sealed);
    // Removes the entry (once the server acknowledged it). false when it is not queued.
    Result<bool> remove(const QByteArray &originIdTag);
    // Entries queued.
    Result<qint64> count();

private:
    StatementCache m_sql;
};

} // namespace imp::store
