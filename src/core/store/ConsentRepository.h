#pragma once

#include "common/Result.h"
#include "store/StatementCache.h"

#include <QByteArray>
#include <vector>

namespace imp::store {

class Database;

// One stored consent ledger entry. `sealed` is the record as sealed by legal/ (AES-GCM), `chain`
// links it to the previous entry; this layer only stores them.
struct ConsentRow {
    qint64 seq = 0;
    QByteArray sealed;
    QByteArray chain;
};

// Raw rows of the consent ledger (DESIGN.md §4). No crypto here: verifying the chain is
// legal/'s job. The ledger is append-only, so there is no update; the only way rows leave
// consent_records is quarantineAll(), which keeps them as evidence.
// The Database must outlive the repository; use it on the Database's thread.
class ConsentRepository {
public:
    explicit ConsentRepository(Database &db)
        : m_sql(db)
    {}

    // Every record, ordered by seq.
    Result<std::vector<ConsentRow>> all();
    // Plain INSERT: a seq that already exists is an error, never an overwrite.
    Result<void> append(const ConsentRow &row);

    // The sealed ledger head (latest seq and chain value, as legal/ seals it), or an empty
    // QByteArray when there is none yet.
    Result<QByteArray> head();
    Result<void> setHead(const QByteArray &sealed);

    // Sets a tampered ledger aside: in one transaction, copies every record into
    // consent_quarantine (stamped with detectedAtMs, ms since the epoch), then deletes the
    // records and the head, so fresh consent starts from an empty ledger.
    Result<void> quarantineAll(qint64 detectedAtMs);

private:
    StatementCache m_sql;
};

} // namespace imp::store
