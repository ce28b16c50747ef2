#pragma once

#include "common/Result.h"
#include "store/StatementCache.h"

#include <QByteArray>
#include <optional>
#include <vector>

namespace imp::store {

class Database;

// One row of `requests` (schema v4): a friend request, sent or received. tag = HMAC of the
// request's key (e.g. the peer's bare JID), made by chat/; `sealed` holds the peer, the greeting
// and the rest, sealed under sealedAssociatedData(tag). ts (ms since the epoch), incoming and
// state are plain residue; state is an opaque integer here (chat/ defines its values).
struct RequestRow {
    QByteArray tag;
    QByteArray sealed;
    qint64 ts = 0;
    bool incoming = true;
    qint64 state = 0;
};

// Raw rows of the friend requests. No crypto here.
// The Database must outlive the repository; use it on the Database's thread.
class RequestRepository {
public:
    explicit RequestRepository(Database &db)
        : m_sql(db)
    {}

    // "requests/sealed/" + hex(tag). Empty for an empty tag.
    static QByteArray sealedAssociatedData(const QByteArray &tag);

    // Inserts, or replaces every column of the row with this tag.
    Result<void> upsert(const RequestRow &row);
    // std::nullopt when there is no such request.
    Result<std::optional<RequestRow>> find(const QByteArray &tag);
    // Every request, newest first (ts DESC), ties by tag.
    Result<std::vector<RequestRow>> list();
    // Removing a request that does not exist is not an error.
    Result<void> remove(const QByteArray &tag);
    // Incoming requests in `state` (e.g. pending ones, for the badge).
    Result<qint64> countIncomingWithState(qint64 state);

private:
    StatementCache m_sql;
};

} // namespace imp::store
