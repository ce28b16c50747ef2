#include "store/StatementCache.h"

#include "StoreTestSupport.h"

#include <gtest/gtest.h>

using imp::store::StatementCache;

namespace {

class StatementCacheTest : public imp::store::test::MigratedDatabaseTest {};

TEST_F(StatementCacheTest, PreparesOnceAndHandsOutTheSameStatementReset)
{
    IMP_ASSERT_OK(m_db.exec(QStringLiteral("CREATE TABLE t(k INTEGER, v BLOB)")));
    StatementCache cache(m_db);
    sqlite3_stmt *first = nullptr;
    {
        auto insert = cache.get("INSERT INTO t(k, v) VALUES (?1, ?2)");
        ASSERT_TRUE(insert.ok()) << insert.error();
        first = (*insert)->handle();
        IMP_ASSERT_OK((*insert)->bind(1, qint64{1}));
        IMP_ASSERT_OK((*insert)->bind(2, QByteArray("secret-tag")));
        IMP_ASSERT_OK((*insert)->step());
    }
    {
        auto insert = cache.get("INSERT INTO t(k, v) VALUES (?1, ?2)");
        ASSERT_TRUE(insert.ok()) << insert.error();
        EXPECT_EQ((*insert)->handle(), first) << "prepared once, reused";
        // Bindings of the previous use are cleared: an unbound ?2 is NULL, never the old tag.
        IMP_ASSERT_OK((*insert)->bind(1, qint64{2}));
        IMP_ASSERT_OK((*insert)->step());
    }
    auto select = cache.get("SELECT v FROM t WHERE k = ?1");
    ASSERT_TRUE(select.ok());
    IMP_ASSERT_OK((*select)->bind(1, qint64{2}));
    auto row = (*select)->step();
    ASSERT_TRUE(row.ok() && *row);
    EXPECT_TRUE((*select)->columnIsNull(0));
}

TEST_F(StatementCacheTest, AHalfReadSelectDoesNotHoldBackACheckpoint)
{
    IMP_ASSERT_OK(m_db.exec(
        QStringLiteral("CREATE TABLE t(k INTEGER); INSERT INTO t VALUES (1), (2), (3);")));
    StatementCache cache(m_db);
    {
        auto select = cache.get("SELECT k FROM t ORDER BY k");
        ASSERT_TRUE(select.ok());
        auto row = (*select)->step();
        ASSERT_TRUE(row.ok() && *row); // one row read, two left: the handle goes away here
    }
    // With the statement still active, TRUNCATE could not reset the WAL (SQLITE_BUSY).
    IMP_EXPECT_OK(m_db.checkpoint());
    auto again = cache.get("SELECT k FROM t ORDER BY k");
    ASSERT_TRUE(again.ok());
    auto row = (*again)->step();
    ASSERT_TRUE(row.ok() && *row);
    EXPECT_EQ((*again)->columnInt64(0), 1) << "starts from the first row again";
}

TEST_F(StatementCacheTest, BadSqlIsAnErrorAndNotCached)
{
    StatementCache cache(m_db);
    auto bad = cache.get("SELEC nonsense");
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().code, "store.error");
    EXPECT_FALSE(cache.get("SELEC nonsense").ok());
    EXPECT_FALSE(cache.get("SELECT 1; SELECT 2").ok()) << "one statement only";
}

} // namespace
