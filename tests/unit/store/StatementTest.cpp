#include "store/Statement.h"

#include "StoreTestSupport.h"
#include "store/Database.h"

#include <QTemporaryDir>
#include <gtest/gtest.h>
#include <type_traits>

using imp::store::Database;
using imp::store::Statement;

namespace {

static_assert(!std::is_copy_constructible_v<Statement>);
static_assert(std::is_nothrow_move_constructible_v<Statement>);

class StatementTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_dir.isValid());
        auto db = Database::open(m_dir.filePath(QStringLiteral("s.db")));
        ASSERT_TRUE(db.ok()) << db.error();
        m_db = std::move(db).value();
        IMP_ASSERT_OK(m_db.exec(
            QStringLiteral("CREATE TABLE t(id INTEGER PRIMARY KEY, n INTEGER, b BLOB, s TEXT);"
                           "CREATE TABLE u(k TEXT UNIQUE NOT NULL);")));
    }

    // Inserts one row through bind() and reads it back through the column accessors.
    Statement insertAndSelect(qint64 n, const QByteArray &b, const QString &s)
    {
        auto insert = m_db.prepare(QStringLiteral("INSERT INTO t(n, b, s) VALUES (?, ?, ?)"));
        EXPECT_TRUE(insert.ok());
        EXPECT_TRUE(insert->bind(1, n).ok());
        EXPECT_TRUE(insert->bind(2, b).ok());
        EXPECT_TRUE(insert->bind(3, s).ok());
        auto done = insert->step();
        EXPECT_TRUE(done.ok() && !*done);
        auto select = m_db.prepare(QStringLiteral("SELECT n, b, s FROM t WHERE id = ?"));
        EXPECT_TRUE(select.ok());
        EXPECT_TRUE(select->bind(1, m_db.lastInsertRowId()).ok());
        auto row = select->step();
        EXPECT_TRUE(row.ok() && *row);
        return std::move(select).value();
    }

    QTemporaryDir m_dir;
    Database m_db;
};

TEST_F(StatementTest, ValuesRoundTripExactly)
{
    const QByteArray blob("\x00\x01\xff sealed\x00", 11);
    const QString text = QStringLiteral("张三 ✓ émoji 😀");
    Statement row = insertAndSelect(Q_INT64_C(0x7fffffffffffff01), blob, text);
    EXPECT_EQ(row.columnInt64(0), Q_INT64_C(0x7fffffffffffff01));
    EXPECT_EQ(row.columnBlob(1), blob);
    EXPECT_EQ(row.columnText(2), text);
    EXPECT_FALSE(row.columnIsNull(0));
    auto next = row.step();
    ASSERT_TRUE(next.ok());
    EXPECT_FALSE(*next) << "one row only";
}

TEST_F(StatementTest, NullByteArrayAndNullStringBindNull)
{
    Statement row = insertAndSelect(-1, QByteArray(), QString());
    EXPECT_TRUE(row.columnIsNull(1));
    EXPECT_TRUE(row.columnIsNull(2));
    EXPECT_TRUE(row.columnBlob(1).isNull());
    EXPECT_TRUE(row.columnText(2).isNull());
}

TEST_F(StatementTest, EmptyValuesAreNotNull)
{
    Statement row = insertAndSelect(0, QByteArray(""), QStringLiteral(""));
    EXPECT_FALSE(row.columnIsNull(1));
    EXPECT_FALSE(row.columnIsNull(2));
    EXPECT_TRUE(row.columnBlob(1).isEmpty());
    EXPECT_FALSE(row.columnBlob(1).isNull());
    EXPECT_TRUE(row.columnText(2).isEmpty());
    EXPECT_FALSE(row.columnText(2).isNull());
}

TEST_F(StatementTest, BindNull)
{
    auto insert = m_db.prepare(QStringLiteral("INSERT INTO t(n) VALUES (?)"));
    ASSERT_TRUE(insert.ok());
    IMP_ASSERT_OK(insert->bindNull(1));
    IMP_ASSERT_OK(insert->step());
    auto select = m_db.prepare(QStringLiteral("SELECT n FROM t"));
    ASSERT_TRUE(select.ok());
    auto row = select->step();
    ASSERT_TRUE(row.ok() && *row);
    EXPECT_TRUE(select->columnIsNull(0));
}

TEST_F(StatementTest, ResetRunsAgainWithFreshBindings)
{
    auto insert = m_db.prepare(QStringLiteral("INSERT INTO t(n) VALUES (?)"));
    ASSERT_TRUE(insert.ok());
    for (qint64 n = 1; n <= 3; ++n) {
        IMP_ASSERT_OK(insert->bind(1, n));
        auto done = insert->step();
        ASSERT_TRUE(done.ok() && !*done);
        insert->reset();
    }
    // reset() cleared the binding: a step without rebinding stores NULL, not the last value.
    IMP_ASSERT_OK(insert->step());

    auto select = m_db.prepare(QStringLiteral("SELECT n FROM t ORDER BY id"));
    ASSERT_TRUE(select.ok());
    std::vector<QString> seen;
    for (;;) {
        auto row = select->step();
        ASSERT_TRUE(row.ok());
        if (!*row)
            break;
        seen.push_back(select->columnIsNull(0) ? QStringLiteral("null")
                                               : QString::number(select->columnInt64(0)));
    }
    EXPECT_EQ(seen, (std::vector<QString>{"1", "2", "3", "null"}));
}

TEST_F(StatementTest, BindOutOfRangeIsAnError)
{
    auto insert = m_db.prepare(QStringLiteral("INSERT INTO t(n) VALUES (?)"));
    ASSERT_TRUE(insert.ok());
    auto bound = insert->bind(2, qint64{1});
    ASSERT_FALSE(bound.ok());
    EXPECT_EQ(bound.error().code, "store.error");
}

TEST_F(StatementTest, ErrorDetailNamesTheSqlButNeverTheBoundValue)
{
    const QString secret = QStringLiteral("+8613800138000");
    auto insert = m_db.prepare(QStringLiteral("INSERT INTO u(k) VALUES (?1)"));
    ASSERT_TRUE(insert.ok());
    IMP_ASSERT_OK(insert->bind(1, secret));
    IMP_ASSERT_OK(insert->step());
    insert->reset();
    IMP_ASSERT_OK(insert->bind(1, secret));
    auto duplicate = insert->step();
    ASSERT_FALSE(duplicate.ok());
    EXPECT_EQ(duplicate.error().code, "store.error");
    EXPECT_NE(duplicate.error().detail.find("INSERT INTO u(k) VALUES (?1)"), std::string::npos)
        << duplicate.error().detail;
    EXPECT_NE(duplicate.error().detail.find("UNIQUE"), std::string::npos);
    EXPECT_EQ(duplicate.error().detail.find("13800138000"), std::string::npos)
        << duplicate.error().detail;
}

TEST_F(StatementTest, MovedFromStatementIsEmptyAndSafe)
{
    auto prepared = m_db.prepare(QStringLiteral("SELECT 42"));
    ASSERT_TRUE(prepared.ok());
    Statement first = std::move(prepared).value();
    Statement second = std::move(first);
    EXPECT_FALSE(first.isValid()); // NOLINT(bugprone-use-after-move): checking the moved-from state
    auto stepEmpty = first.step();
    EXPECT_FALSE(stepEmpty.ok());
    auto row = second.step();
    ASSERT_TRUE(row.ok() && *row);
    EXPECT_EQ(second.columnInt64(0), 42);
}

} // namespace
