#include "store/SettingsRepository.h"

#include "store/Database.h"

namespace imp::store {
namespace {

// An empty tag would make every caller's missing HMAC collide on one row.
Result<void> checkTag(const QByteArray &nameTag)
{
    if (nameTag.isEmpty())
        return makeError("store.error", "empty settings name tag");
    return {};
}

} // namespace

Result<std::optional<QByteArray>> SettingsRepository::get(const QByteArray &nameTag)
{
    if (auto valid = checkTag(nameTag); !valid)
        return valid.error();
    auto stmt = m_db.prepare(QStringLiteral("SELECT sealed FROM settings WHERE name_tag = ?1"));
    if (!stmt)
        return stmt.error();
    if (auto bound = stmt->bind(1, nameTag); !bound)
        return bound.error();
    auto row = stmt->step();
    if (!row)
        return row.error();
    if (!*row)
        return std::optional<QByteArray>();
    return std::optional<QByteArray>(stmt->columnBlob(0));
}

Result<void> SettingsRepository::put(const QByteArray &nameTag, const QByteArray &sealed)
{
    if (auto valid = checkTag(nameTag); !valid)
        return valid;
    auto stmt = m_db.prepare(
        QStringLiteral("INSERT INTO settings(name_tag, sealed) VALUES (?1, ?2) "
                       "ON CONFLICT(name_tag) DO UPDATE SET sealed = excluded.sealed"));
    if (!stmt)
        return stmt.error();
    if (auto bound = stmt->bind(1, nameTag); !bound)
        return bound;
    if (auto bound = stmt->bind(2, sealed); !bound)
        return bound;
    auto done = stmt->step();
    if (!done)
        return done.error();
    return {};
}

Result<void> SettingsRepository::remove(const QByteArray &nameTag)
{
    if (auto valid = checkTag(nameTag); !valid)
        return valid;
    auto stmt = m_db.prepare(QStringLiteral("DELETE FROM settings WHERE name_tag = ?1"));
    if (!stmt)
        return stmt.error();
    if (auto bound = stmt->bind(1, nameTag); !bound)
        return bound;
    auto done = stmt->step();
    if (!done)
        return done.error();
    return {};
}

} // namespace imp::store
