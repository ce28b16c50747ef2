#include "store/Migrations.h"

#include "StoreTestSupport.h"
#include "crypto/SecureRandom.h"
#include "store/Database.h"
#include "store/HistoryRangeRepository.h"
#include "store/MessageRepository.h"
#include "store/OutboxRepository.h"

#include <QTemporaryDir>
#include <algorithm>
#include <gtest/gtest.h>
#include <vector>

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

// Schema v7 re-keys messages (compact id keys instead of indexed tags) and v5 adds the outbox's
// sent_in: a v4 database's messages are all still found by their tags, page in order and
// deduplicate, including two whose keys collide; its outbox entries count as never sent.
TEST_F(MigrationsTest, Version4MessagesAndOutboxSurviveTheNewKeys)
{
    using imp::crypto::SecureRandom;
    using imp::store::MessageRepository;
    using imp::store::MessageRow;
    Database db = openOrFail(QStringLiteral("v4.db"));
    IMP_ASSERT_OK(Migrations::migrate(db, 4));
    const QByteArray convA = SecureRandom::bytes(32);
    const QByteArray convB = SecureRandom::bytes(32);
    // Two stanza tags sharing their first 8 bytes: one key in v7, two messages in v4.
    const QByteArray prefix = SecureRandom::bytes(8);
    const QByteArray collideA = prefix + QByteArray(24, 'a');
    const QByteArray collideB = prefix + QByteArray(24, 'b');
    std::vector<MessageRow> stored;
    for (int i = 0; i < 300; ++i) {
        MessageRow r;
        r.conversationTag = i % 3 == 0 ? convB : convA;
        r.ts = 1000 + i / 4; // equal timestamps: paging must order by id too
        if (i % 5 != 0)
            r.stanzaIdTag = SecureRandom::bytes(32);
        if (i % 5 == 0 || i % 2 == 0)
            r.originIdTag = SecureRandom::bytes(32);
        if (i == 10)
            r.stanzaIdTag = collideA, r.conversationTag = convA;
        if (i == 11)
            r.stanzaIdTag = collideB, r.conversationTag = convA;
        r.direction = i % 2;
        r.state = i % 4;
        r.sealed = SecureRandom::bytes(40);
        r.flags = i % 7 == 0 ? MessageRepository::kFlagRecalled : 0;
        stored.push_back(r);
    }
    IMP_ASSERT_OK(db.exec(QStringLiteral("BEGIN")));
    {
        // The v4 column list, as the v4 app wrote it.
        auto insert = db.prepare(QStringLiteral(
            "INSERT INTO messages(conversation_tag, ts, stanza_id_tag, origin_id_tag, direction, "
            "state, sealed, flags) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"));
        ASSERT_TRUE(insert.ok()) << insert.error();
        for (MessageRow &r : stored) {
            insert->reset();
            IMP_ASSERT_OK(insert->bindAll(r.conversationTag, r.ts, r.stanzaIdTag, r.originIdTag,
                                          r.direction, r.state, r.sealed, r.flags));
            IMP_ASSERT_OK(insert->step());
            r.id = db.lastInsertRowId();
        }
        auto outbox = db.prepare(QStringLiteral(
            "INSERT INTO outbox(conversation_tag, origin_id_tag, sealed, created_ts) "
            "VALUES (?1, ?2, ?3, ?4)"));
        ASSERT_TRUE(outbox.ok()) << outbox.error();
        IMP_ASSERT_OK(outbox->bindAll(convA, QByteArray("queued"), QByteArray("stanza"), 5));
        IMP_ASSERT_OK(outbox->step());
    }
    IMP_ASSERT_OK(db.exec(QStringLiteral("COMMIT")));
    IMP_ASSERT_OK(Migrations::migrate(db));
    ASSERT_EQ(db.userVersion(), Migrations::latestVersion());
    Database fresh = openOrFail(QStringLiteral("fresh-v7.db"));
    IMP_ASSERT_OK(Migrations::migrate(fresh));
    EXPECT_EQ(Migrations::schemaDump(db).toStdString(),
              Migrations::schemaDump(fresh).toStdString());

    MessageRepository repo(db);
    for (const MessageRow &r : stored) {
        SCOPED_TRACE(r.id);
        if (!r.stanzaIdTag.isNull()) {
            auto found = repo.findByStanzaIdTag(r.conversationTag, r.stanzaIdTag);
            ASSERT_TRUE(found.ok() && found->has_value()) << "found by its stanza id tag";
            EXPECT_EQ((*found)->id, r.id);
            EXPECT_EQ((*found)->sealed, r.sealed);
            EXPECT_EQ((*found)->flags, r.flags);
            EXPECT_EQ((*found)->state, r.state);
        }
        if (!r.originIdTag.isNull()) {
            auto found = repo.findByOriginIdTag(r.conversationTag, r.originIdTag);
            ASSERT_TRUE(found.ok() && found->has_value()) << "found by its origin id tag";
            EXPECT_EQ((*found)->id, r.id);
        }
    }
    for (const QByteArray &conv : {convA, convB}) {
        std::vector<MessageRow> expected;
        std::copy_if(stored.begin(), stored.end(), std::back_inserter(expected),
                     [&conv](const MessageRow &r) { return r.conversationTag == conv; });
        std::sort(expected.begin(), expected.end(), [](const MessageRow &a, const MessageRow &b) {
            return std::pair(a.ts, a.id) > std::pair(b.ts, b.id);
        });
        std::vector<qint64> paged;
        qint64 ts = MessageRepository::kNewest;
        qint64 id = MessageRepository::kNewest;
        for (;;) {
            auto page = repo.pageBefore(conv, ts, id, 17);
            ASSERT_TRUE(page.ok()) << page.error();
            if (page->empty())
                break;
            for (const MessageRow &r : *page)
                paged.push_back(r.id);
            ts = page->back().ts;
            id = page->back().id;
        }
        ASSERT_EQ(paged.size(), expected.size());
        for (std::size_t i = 0; i < paged.size(); ++i)
            EXPECT_EQ(paged[i], expected[i].id) << "at " << i;
        EXPECT_EQ(*repo.count(conv), static_cast<qint64>(expected.size()));
    }
    // Dedupe after the move: every stored tag is a duplicate, the colliding one too.
    for (const MessageRow &r : {stored[10], stored[11], stored[42]}) {
        MessageRow again = r;
        again.ts += 1;
        auto out = repo.insertBatch({again});
        ASSERT_TRUE(out.ok()) << out.error();
        EXPECT_FALSE(out->front().inserted);
        EXPECT_EQ(out->front().id, r.id);
    }

    auto outbox = imp::store::OutboxRepository(db).pending();
    ASSERT_TRUE(outbox.ok()) << outbox.error();
    ASSERT_EQ(outbox->size(), 1u);
    EXPECT_EQ(outbox->front().originIdTag, QByteArray("queued"));
    EXPECT_EQ(outbox->front().sentIn, 0) << "never sent by the new outbox";
    auto ranges = imp::store::HistoryRangeRepository(db).ranges(convA);
    ASSERT_TRUE(ranges.ok()) << ranges.error();
    EXPECT_TRUE(ranges->empty());
}

} // namespace
