#include "store/ConsentRepository.h"

#include "store/Database.h"

namespace imp::store {
namespace {

ConsentRow readRow(const Statement &stmt)
{
    return ConsentRow{stmt.columnInt64(0), stmt.columnBlob(1), stmt.columnBlob(2)};
}

} // namespace

Result<std::vector<ConsentRow>> ConsentRepository::all()
{
    return m_sql.queryAll("SELECT seq, sealed, chain FROM consent_records ORDER BY seq", readRow);
}

Result<void> ConsentRepository::append(const ConsentRow &row)
{
    return m_sql.exec("INSERT INTO consent_records(seq, sealed, chain) VALUES (?1, ?2, ?3)",
                      row.seq, row.sealed, row.chain);
}

Result<QByteArray> ConsentRepository::head()
{
    auto sealed = m_sql.queryOne("SELECT sealed FROM consent_head WHERE id = 1",
                                 [](const Statement &stmt) { return stmt.columnBlob(0); });
    if (!sealed)
        return sealed.error();
    return sealed->value_or(QByteArray());
}

Result<void> ConsentRepository::setHead(const QByteArray &sealed)
{
    return m_sql.exec("INSERT INTO consent_head(id, sealed) VALUES (1, ?1) "
                      "ON CONFLICT(id) DO UPDATE SET sealed = excluded.sealed",
                      sealed);
}

Result<void> ConsentRepository::quarantineAll(qint64 detectedAtMs)
{
    return m_sql.database().transaction([this, detectedAtMs](Database &db) -> Result<void> {
        auto copied = m_sql.exec("INSERT INTO consent_quarantine(detected_at, seq, sealed, chain) "
                                 "SELECT ?1, seq, sealed, chain FROM consent_records ORDER BY seq",
                                 detectedAtMs);
        if (!copied)
            return copied;
        // secure_delete (set by Database::open) overwrites the deleted rows' bytes on disk.
        return db.exec(QStringLiteral("DELETE FROM consent_records; DELETE FROM consent_head;"));
    });
}

} // namespace imp::store
