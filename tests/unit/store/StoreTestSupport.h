#pragma once

#include "common/Result.h"
#include "store/Database.h"
#include "store/Migrations.h"

#include <QTemporaryDir>
#include <gtest/gtest.h>
#include <ostream>

namespace imp {

// Lets gtest print an Error when an assertion on a Result fails.
inline std::ostream &operator<<(std::ostream &out, const Error &error)
{
    return out << error.code << ": " << error.detail;
}

} // namespace imp

// ASSERT that a Result is ok, printing its error otherwise.
#define IMP_ASSERT_OK(expr)                                                                        \
    do {                                                                                           \
        const auto &imp_result_ = (expr);                                                          \
        ASSERT_TRUE(imp_result_.ok()) << imp_result_.error();                                      \
    } while (false)

#define IMP_EXPECT_OK(expr)                                                                        \
    do {                                                                                           \
        const auto &imp_result_ = (expr);                                                          \
        EXPECT_TRUE(imp_result_.ok()) << imp_result_.error();                                      \
    } while (false)

namespace imp::store::test {

// A real database file (WAL, as in the app) in a temporary folder, migrated to the latest schema.
class MigratedDatabaseTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_dir.isValid());
        auto db = Database::open(dbPath());
        ASSERT_TRUE(db.ok()) << db.error();
        m_db = std::move(db).value();
        IMP_ASSERT_OK(Migrations::migrate(m_db));
    }

    QString dbPath() const { return m_dir.filePath(QStringLiteral("store.db")); }

    // The single integer a query returns, or -1.
    qint64 queryInt(const QString &sql)
    {
        auto stmt = m_db.prepare(sql);
        if (!stmt)
            return -1;
        auto row = stmt->step();
        return row.ok() && *row ? stmt->columnInt64(0) : -1;
    }

    // Caps the file at its current size, so the next write that needs a new page fails with
    // SQLITE_FULL, as on a full disk.
    void fillTheDisk()
    {
        const qint64 pages = queryInt(QStringLiteral("PRAGMA page_count"));
        ASSERT_GT(pages, 0);
        IMP_ASSERT_OK(m_db.exec(QStringLiteral("PRAGMA max_page_count = %1").arg(pages)));
    }
    void freeTheDisk()
    {
        IMP_ASSERT_OK(m_db.exec(QStringLiteral("PRAGMA max_page_count = 1073741823")));
    }

    QTemporaryDir m_dir;
    Database m_db;
};

} // namespace imp::store::test
