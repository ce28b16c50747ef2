#pragma once

#include "common/Result.h"
#include "store/StatementCache.h"

#include <QByteArray>
#include <optional>
#include <vector>

namespace imp::store {

class Database;

// One row of `conversations` (schema v4). tag = HMAC(indexKey, peer bare JID or room JID), made
// by chat/; `sealed` holds the rest (JID, title, draft, last message preview...) sealed under
// sealedAssociatedData(tag). lastTs (ms since the epoch), unread and pinned are plain residue
// (DESIGN.md §3): the list is sorted and badged without opening anything.
struct ConversationRow {
    QByteArray tag;
    QByteArray sealed;
    qint64 lastTs = 0;
    qint64 unread = 0;
    bool pinned = false;
};

// Raw rows of the conversation list. No crypto here.
// The Database must outlive the repository; use it on the Database's thread.
class ConversationRepository {
public:
    explicit ConversationRepository(Database &db)
        : m_sql(db)
    {}

    // "conversations/sealed/" + hex(tag): the associated data `sealed` is sealed and opened
    // with, so a value moved to another conversation's row fails to open. Empty for an empty tag.
    static QByteArray sealedAssociatedData(const QByteArray &tag);

    // Inserts, or replaces every column of the row with this tag (the row keeps its identity).
    Result<void> upsert(const ConversationRow &row);
    // std::nullopt when there is no such conversation.
    Result<std::optional<ConversationRow>> find(const QByteArray &tag);
    // Every conversation: pinned first, then most recent first (last_ts DESC), ties by tag.
    Result<std::vector<ConversationRow>> list();
    // A tag that is not stored is a no-op, not an error (as remove()).
    Result<void> setPinned(const QByteArray &tag, bool pinned);
    Result<void> setUnread(const QByteArray &tag, qint64 unread);
    // Removing a conversation that does not exist is not an error. Its messages stay (they are
    // removed through MessageRepository, if at all).
    Result<void> remove(const QByteArray &tag);

private:
    StatementCache m_sql;
};

} // namespace imp::store
