#include "store/Migrations.h"

#include "common/Log.h"
#include "store/Database.h"
#include "store/MessageIdIndex.h"

#include <QRegularExpression>
#include <QStringList>
#include <string>

namespace imp::store {
namespace {

Result<int> readUserVersion(Database &db)
{
    auto stmt = db.prepare(QStringLiteral("PRAGMA user_version"));
    if (!stmt)
        return stmt.error();
    auto row = stmt->step();
    if (!row)
        return row.error();
    if (!*row)
        return makeError("store.error", "PRAGMA user_version returned no row");
    return static_cast<int>(stmt->columnInt64(0));
}

// Collapses whitespace so that the same schema written with different layout (a fresh
// CREATE TABLE vs one edited by ALTER TABLE) compares equal.
QString normalised(const QString &sql)
{
    static const QRegularExpression whitespace(QStringLiteral("\\s+"));
    QString text = sql;
    text.replace(whitespace, QStringLiteral(" "));
    text.replace(QStringLiteral("( "), QStringLiteral("("));
    text.replace(QStringLiteral(" )"), QStringLiteral(")"));
    return text.trimmed();
}

} // namespace

Result<void> Migrations::migrate(Database &db, int targetVersion)
{
    if (targetVersion < 0 || targetVersion > latestVersion()) {
        return makeError("store.error", "migration target " + std::to_string(targetVersion) +
                                            " outside 0.." + std::to_string(latestVersion()));
    }
    auto current = readUserVersion(db);
    if (!current)
        return current.error();
    if (*current > latestVersion()) {
        return makeError("store.too_new", "database schema version " + std::to_string(*current) +
                                              " is newer than this app's " +
                                              std::to_string(latestVersion()));
    }
    if (*current > targetVersion) {
        return makeError("store.error", "database schema version " + std::to_string(*current) +
                                            " is above the target " +
                                            std::to_string(targetVersion));
    }

    // The functions steps may call (step 7 keys stored messages).
    if (*current < targetVersion) {
        if (auto registered = detail::registerIdKeyFunction(db); !registered)
            return registered;
    }

    for (const Migration &step : kSteps) {
        if (step.version <= *current || step.version > targetVersion)
            continue;
        auto applied = db.transaction([&step](Database &tx) -> Result<void> {
            // Read again under the write lock: another process may have migrated meanwhile.
            auto now = readUserVersion(tx);
            if (!now)
                return now.error();
            if (*now >= step.version)
                return {};
            if (auto ran = tx.exec(QString::fromUtf8(step.sql)); !ran)
                return ran;
            // user_version lives in the database header and is part of the transaction.
            return tx.exec(QStringLiteral("PRAGMA user_version = %1").arg(step.version));
        });
        if (!applied) {
            IMP_LOG_ERROR("store: migration to schema version {} failed: {}", step.version,
                          applied.error().detail);
            return applied;
        }
        IMP_LOG_INFO("store: schema at version {}", step.version);
    }
    return {};
}

QString Migrations::schemaDump(Database &db)
{
    auto version = readUserVersion(db);
    if (!version)
        return {};
    // '_' is a LIKE wildcard, hence the ESCAPE; this leaves out sqlite_sequence, autoindexes
    // and other objects SQLite makes by itself (they follow from the SQL that is compared).
    auto stmt = db.prepare(
        QStringLiteral("SELECT type, name, tbl_name, sql FROM sqlite_master "
                       "WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY type, name"));
    if (!stmt)
        return {};
    QStringList lines;
    lines << QStringLiteral("user_version %1").arg(*version);
    for (;;) {
        auto row = stmt->step();
        if (!row)
            return {};
        if (!*row)
            break;
        lines << QStringList{stmt->columnText(0), stmt->columnText(1), stmt->columnText(2),
                             normalised(stmt->columnText(3))}
                     .join(QLatin1Char('|'));
    }
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

} // namespace imp::store
