#include "store/SettingsRepository.h"

#include "store/Database.h"
#include "store/RepositorySupport.h"

namespace imp::store {
namespace {

constexpr const char *kWhat = "settings name tag";

} // namespace

Result<std::optional<QByteArray>> SettingsRepository::get(const QByteArray &nameTag)
{
    if (auto valid = detail::requireTag(nameTag, kWhat); !valid)
        return valid.error();
    return m_sql.queryOne(
        "SELECT sealed FROM settings WHERE name_tag = ?1",
        [](const Statement &stmt) { return stmt.columnBlob(0); }, nameTag);
}

Result<void> SettingsRepository::put(const QByteArray &nameTag, const QByteArray &sealed)
{
    if (auto valid = detail::requireTag(nameTag, kWhat); !valid)
        return valid;
    return m_sql.exec("INSERT INTO settings(name_tag, sealed) VALUES (?1, ?2) "
                      "ON CONFLICT(name_tag) DO UPDATE SET sealed = excluded.sealed",
                      nameTag, sealed);
}

Result<void> SettingsRepository::remove(const QByteArray &nameTag)
{
    if (auto valid = detail::requireTag(nameTag, kWhat); !valid)
        return valid;
    return m_sql.exec("DELETE FROM settings WHERE name_tag = ?1", nameTag);
}

} // namespace imp::store
