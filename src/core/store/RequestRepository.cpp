#include "store/RequestRepository.h"

#include "store/Database.h"
#include "store/RepositorySupport.h"

namespace imp::store {
namespace {

constexpr const char *kWhat = "request tag";

RequestRow readRow(const Statement &stmt)
{
    RequestRow row;
    row.tag = stmt.columnBlob(0);
    row.sealed = stmt.columnBlob(1);
    row.ts = stmt.columnInt64(2);
    row.incoming = stmt.columnInt64(3) != 0;
    row.state = stmt.columnInt64(4);
    return row;
}

} // namespace

QByteArray RequestRepository::sealedAssociatedData(const QByteArray &tag)
{
    return detail::associatedData("requests/sealed/", tag);
}

Result<void> RequestRepository::upsert(const RequestRow &row)
{
    if (auto valid = detail::requireTag(row.tag, kWhat); !valid)
        return valid;
    return m_sql.exec(
        "INSERT INTO requests(tag, sealed, ts, incoming, state) VALUES (?1, ?2, ?3, ?4, ?5) "
        "ON CONFLICT(tag) DO UPDATE SET sealed = excluded.sealed, ts = excluded.ts, "
        "incoming = excluded.incoming, state = excluded.state",
        row.tag, row.sealed, row.ts, qint64{row.incoming ? 1 : 0}, row.state);
}

Result<std::optional<RequestRow>> RequestRepository::find(const QByteArray &tag)
{
    if (auto valid = detail::requireTag(tag, kWhat); !valid)
        return valid.error();
    return m_sql.queryOne("SELECT tag, sealed, ts, incoming, state FROM requests WHERE tag = ?1",
                          readRow, tag);
}

Result<std::vector<RequestRow>> RequestRepository::list()
{
    return m_sql.queryAll(
        "SELECT tag, sealed, ts, incoming, state FROM requests ORDER BY ts DESC, tag", readRow);
}

Result<void> RequestRepository::remove(const QByteArray &tag)
{
    if (auto valid = detail::requireTag(tag, kWhat); !valid)
        return valid;
    return m_sql.exec("DELETE FROM requests WHERE tag = ?1", tag);
}

Result<qint64> RequestRepository::countIncomingWithState(qint64 state)
{
    return m_sql.queryInt("SELECT count(*) FROM requests WHERE incoming = 1 AND state = ?1", state);
}

} // namespace imp::store
