#include "store/ContactRepository.h"

#include "store/Database.h"
#include "store/RepositorySupport.h"

namespace imp::store {
namespace {

constexpr const char *kWhat = "contact tag";

ContactRow readRow(const Statement &stmt)
{
    ContactRow row;
    row.tag = stmt.columnBlob(0);
    row.sealed = stmt.columnBlob(1);
    row.updatedTs = stmt.columnInt64(2);
    return row;
}

} // namespace

QByteArray ContactRepository::sealedAssociatedData(const QByteArray &tag)
{
    return detail::associatedData("contacts/sealed/", tag);
}

Result<void> ContactRepository::upsert(const ContactRow &row)
{
    if (auto valid = detail::requireTag(row.tag, kWhat); !valid)
        return valid;
    auto stmt = m_sql.get("INSERT INTO contacts(tag, sealed, updated_ts) VALUES (?1, ?2, ?3) "
                          "ON CONFLICT(tag) DO UPDATE SET sealed = excluded.sealed, "
                          "updated_ts = excluded.updated_ts");
    if (!stmt)
        return stmt.error();
    if (auto bound = detail::bindAll(**stmt, row.tag, row.sealed, row.updatedTs); !bound)
        return bound;
    if (auto done = (*stmt)->step(); !done)
        return done.error();
    return {};
}

Result<std::optional<ContactRow>> ContactRepository::find(const QByteArray &tag)
{
    if (auto valid = detail::requireTag(tag, kWhat); !valid)
        return valid.error();
    auto stmt = m_sql.get("SELECT tag, sealed, updated_ts FROM contacts WHERE tag = ?1");
    if (!stmt)
        return stmt.error();
    if (auto bound = detail::bindAll(**stmt, tag); !bound)
        return bound.error();
    return detail::firstRow<ContactRow>(**stmt, readRow);
}

Result<std::vector<ContactRow>> ContactRepository::list()
{
    auto stmt = m_sql.get("SELECT tag, sealed, updated_ts FROM contacts ORDER BY tag");
    if (!stmt)
        return stmt.error();
    return detail::collectRows<ContactRow>(**stmt, readRow);
}

Result<void> ContactRepository::remove(const QByteArray &tag)
{
    if (auto valid = detail::requireTag(tag, kWhat); !valid)
        return valid;
    auto stmt = m_sql.get("DELETE FROM contacts WHERE tag = ?1");
    if (!stmt)
        return stmt.error();
    if (auto bound = detail::bindAll(**stmt, tag); !bound)
        return bound;
    if (auto done = (*stmt)->step(); !done)
        return done.error();
    return {};
}

} // namespace imp::store
