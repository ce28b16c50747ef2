#include "store/ConsentRepository.h"

#include "store/Database.h"

namespace imp::store {

Result<std::vector<ConsentRow>> ConsentRepository::all()
{
    auto stmt =
        m_db.prepare(QStringLiteral("SELECT seq, sealed, chain FROM consent_records ORDER BY seq"));
    if (!stmt)
        return stmt.error();
    std::vector<ConsentRow> rows;
    for (;;) {
        auto row = stmt->step();
        if (!row)
            return row.error();
        if (!*row)
            break;
        rows.push_back(ConsentRow{stmt->columnInt64(0), stmt->columnBlob(1), stmt->columnBlob(2)});
    }
    return rows;
}

Result<void> ConsentRepository::append(const ConsentRow &row)
{
    auto stmt = m_db.prepare(
        QStringLiteral("INSERT INTO consent_records(seq, sealed, chain) VALUES (?1, ?2, ?3)"));
    if (!stmt)
        return stmt.error();
    for (auto bound :
         {stmt->bind(1, row.seq), stmt->bind(2, row.sealed), stmt->bind(3, row.chain)}) {
        if (!bound)
            return bound;
    }
    auto done = stmt->step();
    if (!done)
        return done.error();
    return {};
}

Result<QByteArray> ConsentRepository::head()
{
    auto stmt = m_db.prepare(QStringLiteral("SELECT sealed FROM consent_head WHERE id = 1"));
    if (!stmt)
        return stmt.error();
    auto row = stmt->step();
    if (!row)
        return row.error();
    return *row ? stmt->columnBlob(0) : QByteArray();
}

Result<void> ConsentRepository::setHead(const QByteArray &sealed)
{
    auto stmt =
        m_db.prepare(QStringLiteral("INSERT INTO consent_head(id, sealed) VALUES (1, ?1) "
                                    "ON CONFLICT(id) DO UPDATE SET sealed = excluded.sealed"));
    if (!stmt)
        return stmt.error();
    if (auto bound = stmt->bind(1, sealed); !bound)
        return bound;
    auto done = stmt->step();
    if (!done)
        return done.error();
    return {};
}

Result<void> ConsentRepository::quarantineAll(qint64 detectedAtMs)
{
    return m_db.transaction([detectedAtMs](Database &db) -> Result<void> {
        auto copy = db.prepare(
            QStringLiteral("INSERT INTO consent_quarantine(detected_at, seq, sealed, chain) "
                           "SELECT ?1, seq, sealed, chain FROM consent_records ORDER BY seq"));
        if (!copy)
            return copy.error();
        if (auto bound = copy->bind(1, detectedAtMs); !bound)
            return bound;
        if (auto done = copy->step(); !done)
            return done.error();
        // secure_delete (set by Database::open) overwrites the deleted rows' bytes on disk.
        return db.exec(QStringLiteral("DELETE FROM consent_records; DELETE FROM consent_head;"));
    });
}

} // namespace imp::store
