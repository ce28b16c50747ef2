#include "store/ConsentRepository.h"

#include "StoreTestSupport.h"
#include "store/Database.h"
#include "store/Migrations.h"

#include <QTemporaryDir>
#include <gtest/gtest.h>

using imp::store::ConsentRepository;
using imp::store::ConsentRow;
using imp::store::Database;
using imp::store::Migrations;

namespace {

bool operator==(const ConsentRow &a, const ConsentRow &b)
{
    return a.seq == b.seq && a.sealed == b.sealed && a.chain == b.chain;
}

class ConsentRepositoryTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_dir.isValid());
        auto db = Database::open(m_dir.filePath(QStringLiteral("consent.db")));
        ASSERT_TRUE(db.ok()) << db.error();
        m_db = std::move(db).value();
        IMP_ASSERT_OK(Migrations::migrate(m_db));
    }

    static ConsentRow row(qint64 seq)
    {
        // Binary, with zero bytes, as sealed AES-GCM output is.
        return ConsentRow{seq, QByteArray("\x00sealed-", 8) + QByteArray::number(seq),
                          QByteArray("\xff"
                                     "chain-",
                                     7) +
                              QByteArray::number(seq)};
    }

    qint64 count(const QString &table)
    {
        auto stmt = m_db.prepare(QStringLiteral("SELECT count(*) FROM ") + table);
        if (!stmt || !stmt->step().ok())
            return -1;
        return stmt->columnInt64(0);
    }

    QTemporaryDir m_dir;
    Database m_db;
};

TEST_F(ConsentRepositoryTest, EmptyLedger)
{
    ConsentRepository repo(m_db);
    auto rows = repo.all();
    ASSERT_TRUE(rows.ok()) << rows.error();
    EXPECT_TRUE(rows->empty());
    auto head = repo.head();
    ASSERT_TRUE(head.ok()) << head.error();
    EXPECT_TRUE(head->isEmpty());
}

TEST_F(ConsentRepositoryTest, AppendedRowsComeBackByteExactInSeqOrder)
{
    ConsentRepository repo(m_db);
    IMP_ASSERT_OK(repo.append(row(2)));
    IMP_ASSERT_OK(repo.append(row(1)));
    IMP_ASSERT_OK(repo.append(row(3)));
    auto rows = repo.all();
    ASSERT_TRUE(rows.ok()) << rows.error();
    ASSERT_EQ(rows->size(), 3u);
    EXPECT_TRUE((*rows)[0] == row(1));
    EXPECT_TRUE((*rows)[1] == row(2));
    EXPECT_TRUE((*rows)[2] == row(3));
}

TEST_F(ConsentRepositoryTest, AppendNeverOverwritesAnExistingSeq)
{
    ConsentRepository repo(m_db);
    IMP_ASSERT_OK(repo.append(row(1)));
    ConsentRow forged = row(1);
    forged.sealed = "forged";
    auto refused = repo.append(forged);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, "store.error");
    auto rows = repo.all();
    ASSERT_TRUE(rows.ok());
    ASSERT_EQ(rows->size(), 1u);
    EXPECT_TRUE((*rows)[0] == row(1));
}

TEST_F(ConsentRepositoryTest, AppendRefusesMissingSealedData)
{
    ConsentRepository repo(m_db);
    auto refused = repo.append(ConsentRow{1, QByteArray(), QByteArray("chain")});
    EXPECT_FALSE(refused.ok());
    EXPECT_EQ(count(QStringLiteral("consent_records")), 0);
}

TEST_F(ConsentRepositoryTest, HeadIsReplacedNotDuplicated)
{
    ConsentRepository repo(m_db);
    IMP_ASSERT_OK(repo.setHead(QByteArray("head-1")));
    IMP_ASSERT_OK(repo.setHead(QByteArray("head-2\x00", 7)));
    auto head = repo.head();
    ASSERT_TRUE(head.ok());
    EXPECT_EQ(*head, QByteArray("head-2\x00", 7));
    EXPECT_EQ(count(QStringLiteral("consent_head")), 1);
}

TEST_F(ConsentRepositoryTest, QuarantineKeepsEvidenceAndClearsTheLedger)
{
    ConsentRepository repo(m_db);
    for (qint64 seq = 1; seq <= 3; ++seq)
        IMP_ASSERT_OK(repo.append(row(seq)));
    IMP_ASSERT_OK(repo.setHead(QByteArray("head")));

    const qint64 detectedAt = Q_INT64_C(1735689600123);
    IMP_ASSERT_OK(repo.quarantineAll(detectedAt));

    auto rows = repo.all();
    ASSERT_TRUE(rows.ok());
    EXPECT_TRUE(rows->empty());
    auto head = repo.head();
    ASSERT_TRUE(head.ok());
    EXPECT_TRUE(head->isEmpty());

    auto evidence = m_db.prepare(QStringLiteral(
        "SELECT detected_at, seq, sealed, chain FROM consent_quarantine ORDER BY id"));
    ASSERT_TRUE(evidence.ok());
    for (qint64 seq = 1; seq <= 3; ++seq) {
        auto found = evidence->step();
        ASSERT_TRUE(found.ok() && *found) << "row " << seq;
        EXPECT_EQ(evidence->columnInt64(0), detectedAt);
        EXPECT_TRUE((ConsentRow{evidence->columnInt64(1), evidence->columnBlob(2),
                                evidence->columnBlob(3)} == row(seq)));
    }
    auto end = evidence->step();
    ASSERT_TRUE(end.ok());
    EXPECT_FALSE(*end);

    // Fresh consent starts again at seq 1, and a second quarantine adds to the evidence.
    IMP_ASSERT_OK(repo.append(row(1)));
    IMP_ASSERT_OK(repo.quarantineAll(detectedAt + 1));
    EXPECT_EQ(count(QStringLiteral("consent_quarantine")), 4);
    EXPECT_EQ(count(QStringLiteral("consent_records")), 0);
}

TEST_F(ConsentRepositoryTest, QuarantineOfEmptyLedgerClearsHead)
{
    ConsentRepository repo(m_db);
    IMP_ASSERT_OK(repo.setHead(QByteArray("orphan head")));
    IMP_ASSERT_OK(repo.quarantineAll(1));
    auto head = repo.head();
    ASSERT_TRUE(head.ok());
    EXPECT_TRUE(head->isEmpty());
    EXPECT_EQ(count(QStringLiteral("consent_quarantine")), 0);
}

TEST_F(ConsentRepositoryTest, QuarantineIsAllOrNothing)
{
    ConsentRepository repo(m_db);
    IMP_ASSERT_OK(repo.append(row(1)));
    IMP_ASSERT_OK(repo.setHead(QByteArray("head")));
    // Make the final DELETE fail: the copy made before it must be rolled back too.
    IMP_ASSERT_OK(m_db.exec(QStringLiteral("CREATE TRIGGER keep_head BEFORE DELETE ON consent_head "
                                           "BEGIN SELECT RAISE(ABORT, 'head is pinned'); END;")));
    auto failed = repo.quarantineAll(5);
    ASSERT_FALSE(failed.ok());
    EXPECT_EQ(count(QStringLiteral("consent_quarantine")), 0);
    EXPECT_EQ(count(QStringLiteral("consent_records")), 1);
    auto head = repo.head();
    ASSERT_TRUE(head.ok());
    EXPECT_EQ(*head, QByteArray("head"));
}

TEST_F(ConsentRepositoryTest, LedgerSurvivesReopen)
{
    {
        ConsentRepository repo(m_db);
        IMP_ASSERT_OK(repo.append(row(1)));
        IMP_ASSERT_OK(repo.setHead(QByteArray("head")));
        m_db = Database();
    }
    auto db = Database::open(m_dir.filePath(QStringLiteral("consent.db")));
    ASSERT_TRUE(db.ok());
    ConsentRepository repo(*db);
    auto rows = repo.all();
    ASSERT_TRUE(rows.ok());
    ASSERT_EQ(rows->size(), 1u);
    EXPECT_TRUE((*rows)[0] == row(1));
    auto head = repo.head();
    ASSERT_TRUE(head.ok());
    EXPECT_EQ(*head, QByteArray("head"));
}

} // namespace
