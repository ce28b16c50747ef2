#include "store/StatementCache.h"

#include "StoreTestSupport.h"

#include <gtest/gtest.h>
#include <optional>
#include <utility>

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

// The one-call helpers the repositories are written with.
TEST_F(StatementCacheTest, HelpersBindInOrderAndReadRows)
{
    IMP_ASSERT_OK(
        m_db.exec(QStringLiteral("CREATE TABLE t(k INTEGER PRIMARY KEY, v BLOB, n INT)")));
    StatementCache cache(m_db);
    IMP_ASSERT_OK(cache.exec("INSERT INTO t(k, v, n) VALUES (?1, ?2, ?3)", qint64{1},
                             QByteArray("one"), std::optional<qint64>()));
    IMP_ASSERT_OK(cache.exec("INSERT INTO t(k, v, n) VALUES (?1, ?2, ?3)", qint64{2},
                             QByteArray("two"), std::optional<qint64>(20)));

    auto read = [](const imp::store::Statement &stmt) {
        return std::pair(stmt.columnInt64(0), stmt.columnBlob(1));
    };
    auto one = cache.queryOne("SELECT k, v FROM t WHERE k = ?1", read, qint64{2});
    ASSERT_TRUE(one.ok()) << one.error();
    ASSERT_TRUE(one->has_value());
    EXPECT_EQ(**one, std::pair(qint64{2}, QByteArray("two")));
    auto none = cache.queryOne("SELECT k, v FROM t WHERE k = ?1", read, qint64{9});
    ASSERT_TRUE(none.ok()) << none.error();
    EXPECT_FALSE(none->has_value());

    auto all = cache.queryAll("SELECT k, v FROM t ORDER BY k DESC", read);
    ASSERT_TRUE(all.ok()) << all.error();
    ASSERT_EQ(all->size(), 2u);
    EXPECT_EQ((*all)[0].second, QByteArray("two"));
    EXPECT_EQ((*all)[1].second, QByteArray("one"));

    EXPECT_EQ(*cache.queryInt("SELECT count(*) FROM t WHERE n IS NULL"), 1) << "nullopt is NULL";
    EXPECT_EQ(*cache.queryInt("SELECT n FROM t WHERE k = ?1", qint64{9}), 0) << "no row";

    auto changed = cache.change("UPDATE t SET n = ?2 WHERE k = ?1", qint64{1}, qint64{10});
    ASSERT_TRUE(changed.ok()) << changed.error();
    EXPECT_TRUE(*changed);
    auto unchanged = cache.change("DELETE FROM t WHERE k = ?1", qint64{9});
    ASSERT_TRUE(unchanged.ok()) << unchanged.error();
    EXPECT_FALSE(*unchanged);
}

TEST_F(StatementCacheTest, HelpersReportBindAndStepErrors)
{
    IMP_ASSERT_OK(m_db.exec(QStringLiteral("CREATE TABLE t(k INTEGER PRIMARY KEY, v NOT NULL)")));
    StatementCache cache(m_db);
    auto tooMany = cache.exec("SELECT ?1", qint64{1}, qint64{2});
    ASSERT_FALSE(tooMany.ok()) << "a value without a parameter";
    EXPECT_EQ(tooMany.error().code, "store.error");
    auto notNull = cache.exec("INSERT INTO t(k, v) VALUES (?1, ?2)", qint64{1}, QByteArray());
    ASSERT_FALSE(notNull.ok());
    EXPECT_EQ(notNull.error().code, "store.error");
    EXPECT_FALSE(
        cache.queryAll("SELECT nope FROM t", [](const imp::store::Statement &) { return 0; }).ok());
    EXPECT_EQ(*cache.queryInt("SELECT count(*) FROM t"), 0);
}

} // namespace
