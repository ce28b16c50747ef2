#include "store/Database.h"

#include "StoreTestSupport.h"

#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <gtest/gtest.h>
#include <stdexcept>
#include <type_traits>

#if defined(Q_OS_UNIX)
#include <csignal>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#endif

using imp::Result;
using imp::store::Database;

namespace {

static_assert(!std::is_copy_constructible_v<Database>);
static_assert(std::is_nothrow_move_constructible_v<Database>);

qint64 queryInt(Database &db, const QString &sql)
{
    auto stmt = db.prepare(sql);
    EXPECT_TRUE(stmt.ok()) << stmt.error();
    if (!stmt)
        return -1;
    auto row = stmt->step();
    EXPECT_TRUE(row.ok() && *row) << sql.toStdString();
    return (row.ok() && *row) ? stmt->columnInt64(0) : -1;
}

QString queryText(Database &db, const QString &sql)
{
    auto stmt = db.prepare(sql);
    EXPECT_TRUE(stmt.ok()) << stmt.error();
    if (!stmt)
        return {};
    auto row = stmt->step();
    EXPECT_TRUE(row.ok() && *row) << sql.toStdString();
    return (row.ok() && *row) ? stmt->columnText(0) : QString();
}

#if defined(Q_OS_UNIX)
mode_t fileMode(const QString &path)
{
    struct stat st {};
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return 07777;
    return st.st_mode & 0777;
}
#endif

class DatabaseTest : public ::testing::Test {
protected:
    void SetUp() override { ASSERT_TRUE(m_dir.isValid()); }

    QString path() const { return m_dir.filePath(QStringLiteral("test.db")); }

    Database openOrFail(const QString &p)
    {
        auto db = Database::open(p);
        EXPECT_TRUE(db.ok()) << db.error();
        return db.ok() ? std::move(db).value() : Database();
    }

    QTemporaryDir m_dir;
};

TEST_F(DatabaseTest, OpenSetsDurabilityAndPrivacyPragmas)
{
    Database db = openOrFail(path());
    ASSERT_TRUE(db.isOpen());
    EXPECT_EQ(queryText(db, QStringLiteral("PRAGMA journal_mode")), QStringLiteral("wal"));
    EXPECT_EQ(queryInt(db, QStringLiteral("PRAGMA synchronous")), 2) << "2 is FULL";
    EXPECT_EQ(queryInt(db, QStringLiteral("PRAGMA foreign_keys")), 1);
    EXPECT_EQ(queryInt(db, QStringLiteral("PRAGMA secure_delete")), 1);
    EXPECT_EQ(queryInt(db, QStringLiteral("PRAGMA busy_timeout")), 5000);
}

TEST_F(DatabaseTest, ForeignKeysAreEnforced)
{
    Database db = openOrFail(path());
    IMP_ASSERT_OK(db.exec(QStringLiteral("CREATE TABLE p(id INTEGER PRIMARY KEY);"
                                         "CREATE TABLE c(p INTEGER REFERENCES p(id));")));
    auto orphan = db.exec(QStringLiteral("INSERT INTO c(p) VALUES (7)"));
    ASSERT_FALSE(orphan.ok());
    EXPECT_EQ(orphan.error().code, "store.error");
}

#if defined(Q_OS_UNIX)
TEST_F(DatabaseTest, NewFileAndItsWalAreOwnerOnly)
{
    const mode_t oldMask = ::umask(0); // the most permissive umask must not widen the file
    Database db = openOrFail(path());
    ::umask(oldMask);
    IMP_ASSERT_OK(db.exec(QStringLiteral("CREATE TABLE t(x); INSERT INTO t VALUES (1);")));
    EXPECT_EQ(fileMode(path()), 0600u);
    ASSERT_TRUE(QFileInfo::exists(path() + QStringLiteral("-wal")));
    EXPECT_EQ(fileMode(path() + QStringLiteral("-wal")), 0600u);
    EXPECT_EQ(fileMode(path() + QStringLiteral("-shm")), 0600u);
}

TEST_F(DatabaseTest, SymlinkIsRefusedAndItsTargetUntouched)
{
    const QString target = m_dir.filePath(QStringLiteral("elsewhere.db"));
    {
        Database db = openOrFail(target);
    }
    ASSERT_EQ(::chmod(QFile::encodeName(target).constData(), 0644), 0);
    ASSERT_TRUE(QFile::link(target, path()));
    auto db = Database::open(path());
    EXPECT_FALSE(db.ok());
    EXPECT_EQ(fileMode(target), 0644u);
}

TEST_F(DatabaseTest, ExistingWorldReadableFileIsTightened)
{
    {
        Database db = openOrFail(path());
    }
    ASSERT_EQ(::chmod(QFile::encodeName(path()).constData(), 0644), 0);
    Database db = openOrFail(path());
    EXPECT_EQ(fileMode(path()), 0600u);
}
#endif

TEST_F(DatabaseTest, ExecRunsSeveralStatements)
{
    Database db = openOrFail(path());
    IMP_ASSERT_OK(db.exec(QStringLiteral("CREATE TABLE t(x INTEGER);"
                                         "INSERT INTO t VALUES (1);"
                                         "INSERT INTO t VALUES (2);")));
    EXPECT_EQ(queryInt(db, QStringLiteral("SELECT sum(x) FROM t")), 3);
    IMP_ASSERT_OK(db.exec(QStringLiteral("INSERT INTO t VALUES (3)")));
    EXPECT_EQ(db.lastInsertRowId(), 3);
    EXPECT_EQ(db.changes(), 1);
    IMP_ASSERT_OK(db.exec(QStringLiteral("UPDATE t SET x = x + 1 WHERE x < 3")));
    EXPECT_EQ(db.changes(), 2);
}

TEST_F(DatabaseTest, PrepareRefusesBadSqlAndSecondStatement)
{
    Database db = openOrFail(path());
    auto bad = db.prepare(QStringLiteral("SELEC 1"));
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().code, "store.error");
    EXPECT_NE(bad.error().detail.find("SELEC 1"), std::string::npos) << bad.error().detail;

    auto two = db.prepare(QStringLiteral("SELECT 1; SELECT 2"));
    ASSERT_FALSE(two.ok());
    EXPECT_EQ(two.error().code, "store.error");

    auto trailingSpace = db.prepare(QStringLiteral("SELECT 1;  \n"));
    EXPECT_TRUE(trailingSpace.ok());
}

TEST_F(DatabaseTest, UserVersion)
{
    Database db = openOrFail(path());
    EXPECT_EQ(db.userVersion(), 0);
    IMP_ASSERT_OK(db.exec(QStringLiteral("PRAGMA user_version = 7")));
    EXPECT_EQ(db.userVersion(), 7);
}

TEST_F(DatabaseTest, FailedTransactionLeavesNothing)
{
    Database db = openOrFail(path());
    IMP_ASSERT_OK(db.exec(QStringLiteral("CREATE TABLE t(x INTEGER NOT NULL)")));
    auto outcome = db.transaction([](Database &tx) -> Result<void> {
        if (auto r = tx.exec(QStringLiteral("INSERT INTO t VALUES (1)")); !r)
            return r;
        return imp::makeError("test.failed", "second step failed");
    });
    ASSERT_FALSE(outcome.ok());
    EXPECT_EQ(outcome.error().code, "test.failed") << "f's own error is returned unchanged";
    EXPECT_EQ(queryInt(db, QStringLiteral("SELECT count(*) FROM t")), 0);

    // An SQL error inside the transaction rolls back the earlier insert too.
    auto sqlFailure = db.transaction([](Database &tx) -> Result<void> {
        if (auto r = tx.exec(QStringLiteral("INSERT INTO t VALUES (1)")); !r)
            return r;
        return tx.exec(QStringLiteral("INSERT INTO t VALUES (NULL)"));
    });
    ASSERT_FALSE(sqlFailure.ok());
    EXPECT_EQ(queryInt(db, QStringLiteral("SELECT count(*) FROM t")), 0);

    // The connection is usable again afterwards.
    IMP_EXPECT_OK(db.transaction(
        [](Database &tx) { return tx.exec(QStringLiteral("INSERT INTO t VALUES (5)")); }));
    EXPECT_EQ(queryInt(db, QStringLiteral("SELECT count(*) FROM t")), 1);
}

TEST_F(DatabaseTest, ExceptionInTransactionRollsBackAndPropagates)
{
    Database db = openOrFail(path());
    IMP_ASSERT_OK(db.exec(QStringLiteral("CREATE TABLE t(x)")));
    EXPECT_THROW((void)db.transaction([](Database &tx) -> Result<void> {
        (void)tx.exec(QStringLiteral("INSERT INTO t VALUES (1)"));
        throw std::runtime_error("boom");
    }),
                 std::runtime_error);
    EXPECT_EQ(queryInt(db, QStringLiteral("SELECT count(*) FROM t")), 0);
    // No transaction was left open: a new one can begin.
    IMP_EXPECT_OK(db.exec(QStringLiteral("BEGIN; COMMIT;")));
}

TEST_F(DatabaseTest, NestedTransactionRollsBackOnlyItsOwnWork)
{
    Database db = openOrFail(path());
    IMP_ASSERT_OK(db.exec(QStringLiteral("CREATE TABLE t(x)")));
    auto outer = db.transaction([](Database &tx) -> Result<void> {
        if (auto r = tx.exec(QStringLiteral("INSERT INTO t VALUES ('outer')")); !r)
            return r;
        auto inner = tx.transaction([](Database &nested) -> Result<void> {
            (void)nested.exec(QStringLiteral("INSERT INTO t VALUES ('inner')"));
            return imp::makeError("test.inner_failed");
        });
        EXPECT_FALSE(inner.ok());
        return tx.transaction([](Database &nested) {
            return nested.exec(QStringLiteral("INSERT INTO t VALUES ('inner2')"));
        });
    });
    IMP_ASSERT_OK(outer);
    EXPECT_EQ(queryText(db, QStringLiteral("SELECT group_concat(x, ',') FROM t")),
              QStringLiteral("outer,inner2"));
}

TEST_F(DatabaseTest, CommittedWriteSurvivesCloseAndReopen)
{
    {
        Database db = openOrFail(path());
        IMP_ASSERT_OK(db.exec(QStringLiteral("CREATE TABLE t(x BLOB)")));
        IMP_ASSERT_OK(db.transaction([](Database &tx) -> Result<void> {
            auto insert = tx.prepare(QStringLiteral("INSERT INTO t VALUES (?)"));
            if (!insert)
                return insert.error();
            if (auto b = insert->bind(1, QByteArray("kept")); !b)
                return b;
            auto done = insert->step();
            if (!done)
                return done.error();
            return {};
        }));
    }
    Database reopened = openOrFail(path());
    EXPECT_EQ(queryText(reopened, QStringLiteral("SELECT x FROM t")), QStringLiteral("kept"));
}

#if defined(Q_OS_UNIX)
// kill -9 right after a commit returned: the row must be there when the app starts again.
TEST_F(DatabaseTest, CommittedWriteSurvivesKill9)
{
    {
        Database db = openOrFail(path());
        IMP_ASSERT_OK(db.exec(QStringLiteral("CREATE TABLE t(x)")));
    }
    const QString p = path();
    const pid_t child = ::fork();
    ASSERT_NE(child, -1);
    if (child == 0) {
        auto db = Database::open(p);
        if (db.ok() && db->exec(QStringLiteral("INSERT INTO t VALUES ('committed')")).ok())
            ::raise(SIGKILL); // no close, no checkpoint: the WAL is all there is
        ::_exit(1);
    }
    int status = 0;
    ASSERT_EQ(::waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) << "child failed to write";
    Database reopened = openOrFail(p);
    EXPECT_EQ(queryText(reopened, QStringLiteral("SELECT x FROM t")), QStringLiteral("committed"));
}
#endif

TEST_F(DatabaseTest, DiskFullIsReportedAsDiskFull)
{
    Database db = openOrFail(path());
    IMP_ASSERT_OK(db.exec(QStringLiteral("CREATE TABLE t(x BLOB); INSERT INTO t VALUES (1);")));
    const qint64 pages = queryInt(db, QStringLiteral("PRAGMA page_count"));
    IMP_ASSERT_OK(db.exec(QStringLiteral("PRAGMA max_page_count = %1").arg(pages)));

    auto outcome = db.transaction([](Database &tx) -> Result<void> {
        auto insert = tx.prepare(QStringLiteral("INSERT INTO t VALUES (?)"));
        if (!insert)
            return insert.error();
        if (auto b = insert->bind(1, QByteArray(64 * 1024, 'x')); !b)
            return b;
        auto done = insert->step();
        if (!done)
            return done.error();
        return {};
    });
    ASSERT_FALSE(outcome.ok());
    EXPECT_EQ(outcome.error().code, "store.disk_full") << outcome.error().detail;
    EXPECT_EQ(queryInt(db, QStringLiteral("SELECT count(*) FROM t")), 1);
}

TEST_F(DatabaseTest, NotADatabaseIsReportedAsCorrupt)
{
    QFile garbage(path());
    ASSERT_TRUE(garbage.open(QIODevice::WriteOnly));
    garbage.write(QByteArray(8192, '\x5a'));
    garbage.close();
    auto db = Database::open(path());
    ASSERT_FALSE(db.ok());
    EXPECT_EQ(db.error().code, "store.corrupt") << db.error().detail;
}

TEST_F(DatabaseTest, LockedByAnotherConnectionIsReportedAsBusy)
{
    Database writer = openOrFail(path());
    Database other = openOrFail(path());
    IMP_ASSERT_OK(writer.exec(QStringLiteral("CREATE TABLE t(x); BEGIN IMMEDIATE;")));
    IMP_ASSERT_OK(other.exec(QStringLiteral("PRAGMA busy_timeout = 0"))); // fail fast in tests
    auto blocked = other.exec(QStringLiteral("BEGIN IMMEDIATE"));
    ASSERT_FALSE(blocked.ok());
    EXPECT_EQ(blocked.error().code, "store.busy") << blocked.error().detail;
    IMP_EXPECT_OK(writer.exec(QStringLiteral("COMMIT")));
}

TEST_F(DatabaseTest, OpenFailuresAreErrorsNotCrashes)
{
    auto directory = Database::open(m_dir.path());
    ASSERT_FALSE(directory.ok());
    EXPECT_EQ(directory.error().code, "store.error");

    auto missingFolder = Database::open(m_dir.filePath(QStringLiteral("no/such/dir/x.db")));
    ASSERT_FALSE(missingFolder.ok());
    EXPECT_EQ(missingFolder.error().code, "store.error");
    EXPECT_EQ(missingFolder.error().detail.find(m_dir.path().toStdString()), std::string::npos)
        << "no path (it names the user) in the detail";

    auto empty = Database::open(QString());
    EXPECT_FALSE(empty.ok());
}

TEST_F(DatabaseTest, CheckpointTruncatesTheWal)
{
    Database db = openOrFail(path());
    IMP_ASSERT_OK(db.exec(QStringLiteral("CREATE TABLE t(x); INSERT INTO t VALUES (1);")));
    const QString wal = path() + QStringLiteral("-wal");
    ASSERT_GT(QFileInfo(wal).size(), 0);
    IMP_ASSERT_OK(db.checkpoint());
    EXPECT_EQ(QFileInfo(wal).size(), 0);
    EXPECT_EQ(queryInt(db, QStringLiteral("SELECT x FROM t")), 1);
}

TEST_F(DatabaseTest, MovedDatabaseKeepsWorking)
{
    Database first = openOrFail(path());
    Database second = std::move(first);
    EXPECT_FALSE(first.isOpen()); // NOLINT(bugprone-use-after-move)
    EXPECT_FALSE(first.exec(QStringLiteral("SELECT 1")).ok());
    EXPECT_TRUE(second.exec(QStringLiteral("SELECT 1")).ok());
}

TEST(DatabaseMemoryTest, InMemoryDatabaseOpens)
{
    auto db = Database::open(QStringLiteral(":memory:"));
    ASSERT_TRUE(db.ok()) << db.error();
    IMP_EXPECT_OK(db->exec(QStringLiteral("CREATE TABLE t(x)")));
}

} // namespace
