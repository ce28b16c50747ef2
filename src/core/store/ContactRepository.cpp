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
    return m_sql.exec("INSERT INTO contacts(tag, sealed, updated_ts) VALUES (?1, ?2, ?3) "
                      "ON CONFLICT(tag) DO UPDATE SET sealed = excluded.sealed, "
                      "updated_ts = excluded.updated_ts",
                      row.tag, row.sealed, row.updatedTs);
}

Result<std::optional<ContactRow>> ContactRepository::find(const QByteArray &tag)
{
    if (auto valid = detail::requireTag(tag, kWhat); !valid)
        return valid.error();
    return m_sql.queryOne("SELECT tag, sealed, updated_ts FROM contacts WHERE tag = ?1", readRow,
                          tag);
}

Result<std::vector<ContactRow>> ContactRepository::list()
{
    return m_sql.queryAll("SELECT tag, sealed, updated_ts FROM contacts ORDER BY tag", readRow);
}

Result<void> ContactRepository::remove(const QByteArray &tag)
{
    if (auto valid = detail::requireTag(tag, kWhat); !valid)
        return valid;
    return m_sql.exec("DELETE FROM contacts WHERE tag = ?1", tag);
}

} // namespace imp::store
