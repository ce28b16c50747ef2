#pragma once

#include "common/Result.h"
#include "store/StatementCache.h"

#include <QByteArray>
#include <optional>

namespace imp::store {

class Database;

// A sealed key/value store. Callers pass an HMAC tag of the setting name (so names stay
// private) and the sealed value; nothing here is readable without the vault's keys.
// The Database must outlive the repository; use it on the Database's thread.
class SettingsRepository {
public:
    explicit SettingsRepository(Database &db)
        : m_sql(db)
    {}

    // std::nullopt when the setting was never stored (or was removed).
    Result<std::optional<QByteArray>> get(const QByteArray &nameTag);
    // Inserts or replaces.
    Result<void> put(const QByteArray &nameTag, const QByteArray &sealed);
    // Removing a setting that does not exist is not an error.
    Result<void> remove(const QByteArray &nameTag);

private:
    StatementCache m_sql;
};

} // namespace imp::store
