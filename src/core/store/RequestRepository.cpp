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
    auto stmt = m_sql.get(
        "INSERT INTO requests(tag, sealed, ts, incoming, state) VALUES (?1, ?2, ?3, ?4, ?5) "
        "ON CONFLICT(tag) DO UPDATE SET sealed = excluded.sealed, ts = excluded.ts, "
        "incoming = excluded.incoming, state = excluded.state");
    if (!stmt)
        return stmt.error();
    if (auto bound = detail::bindAll(**stmt, row.tag, row.sealed, row.ts,
                                     qint64{row.incoming ? 1 : 0}, row.state);
        !bound)
        return bound;
    if (auto done = (*stmt)->step(); !done)
        return done.error();
    return {};
}

Result<std::optional<RequestRow>> RequestRepository::find(const QByteArray &tag)
{
    if (auto valid = detail::requireTag(tag, kWhat); !valid)
        return valid.error();
    auto stmt = m_sql.get("SELECT tag, sealed, ts, incoming, state FROM requests WHERE tag = ?1");
    if (!stmt)
        return stmt.error();
    if (auto bound = detail::bindAll(**stmt, tag); !bound)
        return bound.error();
    return detail::firstRow<RequestRow>(**stmt, readRow);
}

Result<std::vector<RequestRow>> RequestRepository::list()
{
    auto stmt =
        m_sql.get("SELECT tag, sealed, ts, incoming, state FROM requests ORDER BY ts DESC, tag");
    if (!stmt)
        return stmt.error();
    return detail::collectRows<RequestRow>(**stmt, readRow);
}

Result<void> RequestRepository::remove(const QByteArray &tag)
{
    if (auto valid = detail::requireTag(tag, kWhat); !valid)
        return valid;
    auto stmt = m_sql.get("DELETE FROM requests WHERE tag = ?1");
    if (!stmt)
        return stmt.error();
    if (auto bound = detail::bindAll(**stmt, tag); !bound)
        return bound;
    if (auto done = (*stmt)->step(); !done)
        return done.error();
    return {};
}

Result<qint64> RequestRepository::countIncomingWithState(qint64 state)
{
    auto stmt = m_sql.get("SELECT count(*) FROM requests WHERE incoming = 1 AND state = ?1");
    if (!stmt)
        return stmt.error();
    if (auto bound = detail::bindAll(**stmt, state); !bound)
        return bound.error();
    auto row = (*stmt)->step();
    if (!row)
        return row.error();
    return *row ? (*stmt)->columnInt64(0) : qint64{0};
}

} // namespace imp::store
