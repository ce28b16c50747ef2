#include "store/Migrations.h"

#include "StoreTestSupport.h"
#include "store/Database.h"
#include "store/MessageRepository.h"

#include <QTemporaryDir>
#include <gtest/gtest.h>

using imp::Result;
using imp::store::Database;
using imp::store::Migration;
using imp::store::Migrations;

namespace {

// The compile-time check itself: gaps, a wrong start or a repeat are rejected.
static_assert(imp::store::detail::versionsAreSequential(std::array{
    Migration{1, "a"}, Migration{2, "b"}, Migration{3, "c"}}));
static_assert(!imp::store::detail::versionsAreSequential(std::array{Migration{1, "a"},
                                                                    Migration{3, "b"}}));
static_assert(!imp::store::detail::versionsAreSequential(std::array{Migration{0, "a"}}));
static_assert(!imp::store::detail::versionsAreSequential(std::array{Migration{1, "a"},
                                                                    Migration{1, "b"}}));
static_assert(Migrations::latestVersion() == static_cast<int>(Migrations::kSteps.size()));

class MigrationsTest : public ::testing::Test {
protected:
    void SetUp() override { ASSERT_TRUE(m_dir.isValid()); }

    Database openOrFail(const QString &name)
    {
        auto db = Database::open(m_dir.filePath(name));
        EXPECT_TRUE(db.ok()) << db.error();
        return db.ok() ? std::move(db).value() : Database();
    }

    static qint64 count(Database &db, const QString &table)
    {
        auto stmt = db.prepare(QStringLiteral("SELECT count(*) FROM ") + table);
        if (!stmt || !stmt->step().ok())
            return -1;
        return stmt->columnInt64(0);
    }

    static bool hasTable(Database &db, const QString &table)
    {
        auto stmt = db.prepare(
            QStringLiteral("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?"));
        if (!stmt || !stmt->bind(1, table).ok())
            return false;
        auto row = stmt->step();
        return row.ok() && *row;
    }

    QTemporaryDir m_dir;
};

TEST_F(MigrationsTest, FreshDatabaseReachesLatestVersion)
{
    Database db = openOrFail(QStringLiteral("fresh.db"));
    IMP_ASSERT_OK(Migrations::migrate(db));
    EXPECT_EQ(db.userVersion(), Migrations::latestVersion());
    for (const char *table : {"consent_records", "consent_quarantine", "settings", "consent_head",
                              "messages", "conversations", "contacts", "requests", "outbox"})
        EXPECT_TRUE(hasTable(db, QString::fromLatin1(table))) << table;
    // A second run finds nothing to do.
    IMP_EXPECT_OK(Migrations::migrate(db));
    EXPECT_EQ(db.userVersion(), Migrations::latestVersion());
}

// The oldest schema, migrated step by step, must equal a fresh one and keep its data.
TEST_F(MigrationsTest, MigratedOldestSchemaEqualsFreshSchema)
{
    Database old = openOrFail(QStringLiteral("old.db"));
    IMP_ASSERT_OK(Migrations::migrate(old, 1));
    ASSERT_EQ(old.userVersion(), 1);
    EXPECT_FALSE(hasTable(old, QStringLiteral("settings")));

    const QByteArray sealed("\x01sealed-record\x00", 15);
    const QByteArray chain("\x02"
                           "chain",
                           6);
    {
        auto insert = old.prepare(QStringLiteral("INSERT INTO consent_records(seq, sealed, chain) "
                                                 "VALUES (?, ?, ?)"));
        ASSERT_TRUE(insert.ok()) << insert.error();
        IMP_ASSERT_OK(insert->bind(1, qint64{1}));
        IMP_ASSERT_OK(insert->bind(2, sealed));
        IMP_ASSERT_OK(insert->bind(3, chain));
        IMP_ASSERT_OK(insert->step());
    }
    IMP_ASSERT_OK(Migrations::migrate(old));
    EXPECT_EQ(old.userVersion(), Migrations::latestVersion());

    Database fresh = openOrFail(QStringLiteral("fresh.db"));
    IMP_ASSERT_OK(Migrations::migrate(fresh));

    const QString migratedDump = Migrations::schemaDump(old);
    const QString freshDump = Migrations::schemaDump(fresh);
    ASSERT_FALSE(freshDump.isEmpty());
    EXPECT_EQ(migratedDump.toStdString(), freshDump.toStdString());

    auto row = old.prepare(QStringLiteral("SELECT seq, sealed, chain FROM consent_records"));
    ASSERT_TRUE(row.ok());
    auto found = row->step();
    ASSERT_TRUE(found.ok() && *found);
    EXPECT_EQ(row->columnInt64(0), 1);
    EXPECT_EQ(row->columnBlob(1), sealed);
    EXPECT_EQ(row->columnBlob(2), chain);
}

// Schema v4 adds messages.flags: messages stored under v3 survive the step unchanged, with
// flags 0 (not recalled), and the repository reads and pages them as before.
TEST_F(MigrationsTest, MessagesStoredUnderVersion3SurviveVersion4)
{
    Database db = openOrFail(QStringLiteral("v3.db"));
    IMP_ASSERT_OK(Migrations::migrate(db, 3));
    ASSERT_EQ(db.userVersion(), 3);
    EXPECT_FALSE(hasTable(db, QStringLiteral("conversations")));
    const QByteArray conv(32, 'C');
    const QByteArray sealed("\x01\x00v3-sealed", 11);
    {
        // The v3 column list, as the v3 app wrote it (no flags column yet).
        auto insert = db.prepare(QStringLiteral(
            "INSERT INTO messages(conversation_tag, ts, stanza_id_tag, origin_id_tag, direction, "
            "state, sealed) VALUES (?1, ?2, ?3, ?4, 1, 2, ?5)"));
        ASSERT_TRUE(insert.ok()) << insert.error();
        for (int i = 0; i < 3; ++i) {
            insert->reset();
            IMP_ASSERT_OK(insert->bind(1, conv));
            IMP_ASSERT_OK(insert->bind(2, qint64{1000 + i}));
            IMP_ASSERT_OK(insert->bind(3, QByteArray("s") + QByteArray::number(i)));
            IMP_ASSERT_OK(insert->bind(4, QByteArray("o") + QByteArray::number(i)));
            IMP_ASSERT_OK(insert->bind(5, sealed + QByteArray::number(i)));
            IMP_ASSERT_OK(insert->step());
        }
    }
    IMP_ASSERT_OK(Migrations::migrate(db));
    EXPECT_EQ(db.userVersion(), Migrations::latestVersion());
    for (const char *table : {"conversations", "contacts", "requests", "outbox"})
        EXPECT_TRUE(hasTable(db, QString::fromLatin1(table))) << table;

    imp::store::MessageRepository repo(db);
    auto page = repo.pageBefore(conv, imp::store::MessageRepository::kNewest,
                                imp::store::MessageRepository::kNewest, 10);
    ASSERT_TRUE(page.ok()) << page.error();
    ASSERT_EQ(page->size(), 3u);
    for (std::size_t i = 0; i < 3; ++i) {
        const auto &row = (*page)[2 - i];
        EXPECT_EQ(row.ts, 1000 + static_cast<qint64>(i));
        EXPECT_EQ(row.stanzaIdTag, QByteArray("s") + QByteArray::number(static_cast<int>(i)));
        EXPECT_EQ(row.originIdTag, QByteArray("o") + QByteArray::number(static_cast<int>(i)));
        EXPECT_EQ(row.direction, 1);
        EXPECT_EQ(row.state, 2);
        EXPECT_EQ(row.sealed, sealed + QByteArray::number(static_cast<int>(i)));
        EXPECT_EQ(row.flags, 0);
    }
    // And the migrated schema is the fresh one.
    Database fresh = openOrFail(QStringLiteral("fresh-v4.db"));
    IMP_ASSERT_OK(Migrations::migrate(fresh));
    EXPECT_EQ(Migrations::schemaDump(db).toStdString(),
              Migrations::schemaDump(fresh).toStdString());
}

TEST_F(MigrationsTest, DatabaseFromNewerAppIsRefusedUntouched)
{
    Database db = openOrFail(QStringLiteral("new.db"));
    const int future = Migrations::latestVersion() + 1;
    IMP_ASSERT_OK(db.exec(QStringLiteral("CREATE TABLE from_the_future(x);"
                                         "PRAGMA user_version = %1;")
                              .arg(future)));
    const QString before = Migrations::schemaDump(db);
    auto refused = Migrations::migrate(db);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, "store.too_new");
    EXPECT_EQ(db.userVersion(), future);
    EXPECT_EQ(Migrations::schemaDump(db), before);
}

TEST_F(MigrationsTest, FailedStepLeavesThePreviousWholeVersion)
{
    Database db = openOrFail(QStringLiteral("broken.db"));
    IMP_ASSERT_OK(Migrations::migrate(db, 1));
    // Something in the way of step 2's second table: step 2 must fail as a whole.
    IMP_ASSERT_OK(db.exec(QStringLiteral("CREATE TABLE consent_head(x)")));
    auto failed = Migrations::migrate(db);
    ASSERT_FALSE(failed.ok());
    EXPECT_EQ(failed.error().code, "store.error");
    EXPECT_EQ(db.userVersion(), 1);
    EXPECT_FALSE(hasTable(db, QStringLiteral("settings")))
        << "step 2's first table was rolled back with it";
}

TEST_F(MigrationsTest, TargetsOutsideTheKnownRangeAreRefused)
{
    Database db = openOrFail(QStringLiteral("range.db"));
    EXPECT_FALSE(Migrations::migrate(db, Migrations::latestVersion() + 1).ok());
    EXPECT_FALSE(Migrations::migrate(db, -1).ok());
    IMP_ASSERT_OK(Migrations::migrate(db));
    auto down = Migrations::migrate(db, 1);
    ASSERT_FALSE(down.ok()) << "there are no down-migrations";
    EXPECT_EQ(db.userVersion(), Migrations::latestVersion());
}

TEST_F(MigrationsTest, SchemaDumpIgnoresLayoutAndInternalTables)
{
    Database a = openOrFail(QStringLiteral("a.db"));
    Database b = openOrFail(QStringLiteral("b.db"));
    IMP_ASSERT_OK(
        a.exec(QStringLiteral("CREATE TABLE t(id INTEGER PRIMARY KEY AUTOINCREMENT, x)")));
    IMP_ASSERT_OK(b.exec(
        QStringLiteral("CREATE TABLE t(\n    id INTEGER PRIMARY KEY AUTOINCREMENT,\n\tx\n)")));
    IMP_ASSERT_OK(a.exec(QStringLiteral("INSERT INTO t(x) VALUES (1)"))); // creates sqlite_sequence
    const QString dump = Migrations::schemaDump(a);
    EXPECT_EQ(dump, Migrations::schemaDump(b));
    EXPECT_FALSE(dump.contains(QStringLiteral("sqlite_sequence"))) << dump.toStdString();
    EXPECT_TRUE(dump.contains(QStringLiteral("table|t|t|CREATE TABLE t(id INTEGER PRIMARY KEY "
                                             "AUTOINCREMENT, x)")))
        << dump.toStdString();

    // A real difference shows.
    IMP_ASSERT_OK(b.exec(QStringLiteral("CREATE INDEX t_x ON t(x)")));
    EXPECT_NE(dump, Migrations::schemaDump(b));
}

} // namespace
