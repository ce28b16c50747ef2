#pragma once

#include "common/Result.h"
#include "store/StatementCache.h"

#include <QByteArray>
#include <vector>

namespace imp::store {

class Database;

// One row of `history_ranges` (schema v6): a contiguous range of a server archive that this
// device holds, as Dino's mam_catchup. scopeTag is an HMAC tag made by chat/ (which archive, and
// which `with` filter); key is random, made by chat/, unique, and binds `sealed` (the archive ids
// at the range's ends, sealed by chat/) to this row through sealedAssociatedData(key). fromTs,
// toTs (ms since the epoch) and reachedStart (going back reached the archive's start) are plain
// residue.
struct HistoryRangeRow {
    qint64 id = 0; // 0 on upsert: a new range
    QByteArray scopeTag;
    QByteArray key;
    qint64 fromTs = 0;
    qint64 toTs = 0;
    bool reachedStart = false;
    QByteArray sealed;
};

// Raw rows of the history ranges. No crypto here.
// The Database must outlive the repository; use it on the Database's thread.
class HistoryRangeRepository {
public:
    explicit HistoryRangeRepository(Database &db)
        : m_sql(db)
    {}

    // "history_ranges/sealed/" + hex(key). Empty for an empty key.
    static QByteArray sealedAssociatedData(const QByteArray &key);

    // The scope's ranges, newest first (to_ts DESC, then id DESC).
    Result<std::vector<HistoryRangeRow>> ranges(const QByteArray &scopeTag);
    // Inserts the row when its id is 0, else replaces every column of the row with that id;
    // returns the row's id. store.duplicate when another row has this key, store.not_found when
    // there is no row with a non-zero id, store.error for an empty scope tag or key or a null
    // sealed value.
    Result<qint64> upsert(const HistoryRangeRow &row);
    // Deletes one range (merged into another, say). false when there is none with that id.
    Result<bool> remove(qint64 id);

private:
    StatementCache m_sql;
};

} // namespace imp::store
