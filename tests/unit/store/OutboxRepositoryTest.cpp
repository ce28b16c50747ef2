#include "store/OutboxRepository.h"

#include "StoreTestSupport.h"
#include "crypto/Aead.h"
#include "crypto/SecureRandom.h"

#include <gtest/gtest.h>

using imp::crypto::Aead;
using imp::crypto::SecureRandom;
using imp::store::Database;
using imp::store::OutboxRepository;
using imp::store::OutboxRow;

namespace {

const QByteArray kConvA(32, 'A');
const QByteArray kConvB(32, 'B');

class OutboxRepositoryTest : public imp::store::test::MigratedDatabaseTest {
protected:
    static OutboxRow entry(const QByteArray &conv, const QByteArray &origin, qint64 createdTs = 1)
    {
        OutboxRow row;
        row.conversationTag = conv;
        row.originIdTag = origin;
        row.sealed = QByteArray("\x01\x00stanza-", 9) + origin;
        row.createdTs = createdTs;
        return row;
    }

    qint64 enqueueOrFail(const OutboxRow &row)
    {
        auto seq = OutboxRepository(m_db).enqueue(row);
        EXPECT_TRUE(seq.ok()) << seq.error();
        return seq.ok() ? *seq : -1;
    }

    std::vector<QByteArray> pendingOrigins(int limit = 1000)
    {
        auto rows = OutboxRepository(m_db).pending(limit);
        EXPECT_TRUE(rows.ok()) << rows.error();
        std::vector<QByteArray> origins;
        if (rows.ok()) {
            for (const OutboxRow &row : *rows)
                origins.push_back(row.originIdTag);
        }
        return origins;
    }

    qint64 countOrFail()
    {
        auto n = OutboxRepository(m_db).count();
        EXPECT_TRUE(n.ok()) << n.error();
        return n.ok() ? *n : -1;
    }
};

TEST_F(OutboxRepositoryTest, PendingIsFirstInFirstOutAcrossConversations)
{
    EXPECT_TRUE(pendingOrigins().empty());
    EXPECT_EQ(countOrFail(), 0);
    // Created timestamps deliberately out of order (clock changes): seq decides.
    const qint64 s1 = enqueueOrFail(entry(kConvA, "o1", 300));
    const qint64 s2 = enqueueOrFail(entry(kConvB, "o2", 100));
    const qint64 s3 = enqueueOrFail(entry(kConvA, "o3", 200));
    EXPECT_LT(s1, s2);
    EXPECT_LT(s2, s3);
    EXPECT_EQ(pendingOrigins(), (std::vector<QByteArray>{"o1", "o2", "o3"}));
    EXPECT_EQ(pendingOrigins(2), (std::vector<QByteArray>{"o1", "o2"}));
    EXPECT_TRUE(pendingOrigins(0).empty());
    EXPECT_EQ(countOrFail(), 3);

    auto rows = OutboxRepository(m_db).pending();
    ASSERT_TRUE(rows.ok());
    ASSERT_EQ(rows->size(), 3u);
    const OutboxRow &second = (*rows)[1];
    EXPECT_EQ(second.seq, s2);
    EXPECT_EQ(second.conversationTag, kConvB);
    EXPECT_EQ(second.originIdTag, QByteArray("o2"));
    EXPECT_EQ(second.sealed, entry(kConvB, "o2").sealed);
    EXPECT_EQ(second.createdTs, 100);
}

TEST_F(OutboxRepositoryTest, RemovedEntriesLeaveTheOthersInOrderAndSeqIsNeverReused)
{
    enqueueOrFail(entry(kConvA, "o1"));
    enqueueOrFail(entry(kConvA, "o2"));
    const qint64 s3 = enqueueOrFail(entry(kConvA, "o3"));
    OutboxRepository repo(m_db);
    auto removed = repo.remove("o2");
    ASSERT_TRUE(removed.ok()) << removed.error();
    EXPECT_TRUE(*removed);
    auto again = repo.remove("o2");
    ASSERT_TRUE(again.ok());
    EXPECT_FALSE(*again) << "an acknowledgement for an entry already gone";
    EXPECT_EQ(pendingOrigins(), (std::vector<QByteArray>{"o1", "o3"}));

    // The newest entry acknowledged, then a new one composed: it still goes last, after o1.
    ASSERT_TRUE(*repo.remove("o3"));
    const qint64 s4 = enqueueOrFail(entry(kConvA, "o4"));
    EXPECT_GT(s4, s3);
    EXPECT_EQ(pendingOrigins(), (std::vector<QByteArray>{"o1", "o4"}));
    EXPECT_EQ(countOrFail(), 2);
}

TEST_F(OutboxRepositoryTest, DuplicateOriginIdTagIsRefusedAndTheFirstEntryKept)
{
    enqueueOrFail(entry(kConvA, "o1"));
    OutboxRow twice = entry(kConvB, "o1");
    twice.sealed = "other";
    auto duplicate = OutboxRepository(m_db).enqueue(twice);
    ASSERT_FALSE(duplicate.ok());
    EXPECT_EQ(duplicate.error().code, "store.duplicate");
    auto rows = OutboxRepository(m_db).pending();
    ASSERT_TRUE(rows.ok());
    ASSERT_EQ(rows->size(), 1u);
    EXPECT_EQ(rows->front().conversationTag, kConvA);
    EXPECT_EQ(rows->front().sealed, entry(kConvA, "o1").sealed);

    // Once sent and removed, the same origin id may be queued again (a resend).
    ASSERT_TRUE(*OutboxRepository(m_db).remove("o1"));
    enqueueOrFail(twice);
    EXPECT_EQ(countOrFail(), 1);
}

TEST_F(OutboxRepositoryTest, IncompleteEntriesAreErrorsNotDuplicates)
{
    OutboxRepository repo(m_db);
    OutboxRow noOrigin = entry(kConvA, QByteArray());
    EXPECT_EQ(repo.enqueue(noOrigin).error().code, "store.error");
    OutboxRow noConversation = entry(QByteArray(""), "o1");
    EXPECT_EQ(repo.enqueue(noConversation).error().code, "store.error");
    OutboxRow noSealed = entry(kConvA, "o1");
    noSealed.sealed = QByteArray();
    auto refused = repo.enqueue(noSealed);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, "store.error");
    EXPECT_FALSE(repo.remove(QByteArray()).ok());
    EXPECT_EQ(countOrFail(), 0);
}

TEST_F(OutboxRepositoryTest, SealedStanzaOpensOnlyUnderItsOwnOriginIdTag)
{
    EXPECT_EQ(OutboxRepository::sealedAssociatedData(QByteArray("\x0a\x0b", 2)),
              QByteArray("outbox/sealed/0a0b"));
    EXPECT_TRUE(OutboxRepository::sealedAssociatedData(QByteArray()).isEmpty());
    const QByteArray key = SecureRandom::bytes(32);
    OutboxRow row = entry(kConvA, QByteArray(32, 'o'));
    auto sealed = Aead::seal(key, "<message>hi</message>",
                             OutboxRepository::sealedAssociatedData(row.originIdTag));
    ASSERT_TRUE(sealed.ok());
    row.sealed = *sealed;
    enqueueOrFail(row);
    auto rows = OutboxRepository(m_db).pending();
    ASSERT_TRUE(rows.ok() && rows->size() == 1u);
    auto opened = Aead::open(key, rows->front().sealed,
                             OutboxRepository::sealedAssociatedData(rows->front().originIdTag));
    ASSERT_TRUE(opened.ok()) << opened.error();
    EXPECT_EQ(*opened, QByteArray("<message>hi</message>"));
    EXPECT_FALSE(Aead::open(key, rows->front().sealed,
                            OutboxRepository::sealedAssociatedData(QByteArray(32, 'p')))
                     .ok());
}

TEST_F(OutboxRepositoryTest, DiskFullIsAnErrorAndTheQueueStaysUsable)
{
    enqueueOrFail(entry(kConvA, "o1"));
    OutboxRepository repo(m_db);
    fillTheDisk();
    OutboxRow big = entry(kConvA, "o2");
    big.sealed = QByteArray(256 * 1024, 'x');
    auto full = repo.enqueue(big);
    ASSERT_FALSE(full.ok());
    EXPECT_EQ(full.error().code, "store.disk_full") << full.error().detail;
    EXPECT_EQ(pendingOrigins(), (std::vector<QByteArray>{"o1"}));
    freeTheDisk();
    auto stored = repo.enqueue(big);
    ASSERT_TRUE(stored.ok()) << stored.error();
    EXPECT_EQ(pendingOrigins(), (std::vector<QByteArray>{"o1", "o2"}));
}

// What is in flight is derived from the table alone: takeUnsent() hands out each entry once per
// session, in send order, and a new session (or an entry given back) sends it again.
TEST_F(OutboxRepositoryTest, TakeUnsentHandsOutEachEntryOncePerSession)
{
    enqueueOrFail(entry(kConvA, "o1"));
    enqueueOrFail(entry(kConvB, "o2"));
    OutboxRepository repo(m_db);
    auto first = repo.takeUnsent(100, 10);
    ASSERT_TRUE(first.ok()) << first.error();
    ASSERT_EQ(first->size(), 2u);
    EXPECT_EQ((*first)[0].originIdTag, QByteArray("o1"));
    EXPECT_EQ((*first)[1].originIdTag, QByteArray("o2"));
    EXPECT_EQ((*first)[0].sentIn, 0) << "never sent before";
    EXPECT_EQ((*first)[1].sealed, entry(kConvB, "o2").sealed);
    EXPECT_EQ((*first)[1].conversationTag, kConvB);

    auto again = repo.takeUnsent(100, 10);
    ASSERT_TRUE(again.ok()) << again.error();
    EXPECT_TRUE(again->empty()) << "already sent in this session";

    // Composed while this session runs: only the new entry goes out.
    enqueueOrFail(entry(kConvA, "o3"));
    auto fresh = repo.takeUnsent(100, 10);
    ASSERT_TRUE(fresh.ok()) << fresh.error();
    ASSERT_EQ(fresh->size(), 1u);
    EXPECT_EQ(fresh->front().originIdTag, QByteArray("o3"));

    // The next session sends everything still queued, and learns what went out before.
    auto next = repo.takeUnsent(200, 10);
    ASSERT_TRUE(next.ok()) << next.error();
    ASSERT_EQ(next->size(), 3u);
    for (const OutboxRow &row : *next)
        EXPECT_EQ(row.sentIn, 100) << row.originIdTag.toStdString();
    EXPECT_EQ(countOrFail(), 3) << "taking sends, it does not remove";
}

TEST_F(OutboxRepositoryTest, PendingTellsWhichSessionEachEntryWentOutIn)
{
    enqueueOrFail(entry(kConvA, "o1"));
    enqueueOrFail(entry(kConvA, "o2"));
    OutboxRepository repo(m_db);
    ASSERT_EQ(repo.takeUnsent(7, 1)->size(), 1u);
    auto rows = repo.pending();
    ASSERT_TRUE(rows.ok()) << rows.error();
    ASSERT_EQ(rows->size(), 2u);
    EXPECT_EQ((*rows)[0].sentIn, 7);
    EXPECT_EQ((*rows)[1].sentIn, 0);
}

TEST_F(OutboxRepositoryTest, TakeUnsentKeepsSendOrderAcrossLimitedCalls)
{
    for (const char *origin : {"o1", "o2", "o3", "o4", "o5"})
        enqueueOrFail(entry(kConvA, origin));
    OutboxRepository repo(m_db);
    std::vector<QByteArray> taken;
    for (int call = 0; call < 5; ++call) {
        auto rows = repo.takeUnsent(3, 2);
        ASSERT_TRUE(rows.ok()) << rows.error();
        EXPECT_LE(rows->size(), 2u);
        for (const OutboxRow &row : *rows)
            taken.push_back(row.originIdTag);
        if (call == 0) {
            ASSERT_TRUE(*repo.remove("o2")) << "acknowledged while the rest is sent";
        }
    }
    EXPECT_EQ(taken, (std::vector<QByteArray>{"o1", "o2", "o3", "o4", "o5"}));
    EXPECT_TRUE(repo.takeUnsent(3, 0)->empty());
}

TEST_F(OutboxRepositoryTest, MarkUnsentGivesAnEntryBackToTheSession)
{
    enqueueOrFail(entry(kConvA, "o1"));
    enqueueOrFail(entry(kConvA, "o2"));
    OutboxRepository repo(m_db);
    ASSERT_EQ(repo.takeUnsent(5, 10)->size(), 2u);
    // The write of o2 failed: it did not go out.
    auto back = repo.markUnsent("o2");
    ASSERT_TRUE(back.ok()) << back.error();
    EXPECT_TRUE(*back);
    auto rows = repo.takeUnsent(5, 10);
    ASSERT_TRUE(rows.ok()) << rows.error();
    ASSERT_EQ(rows->size(), 1u);
    EXPECT_EQ(rows->front().originIdTag, QByteArray("o2"));
    EXPECT_EQ(rows->front().sentIn, 0);

    auto absent = repo.markUnsent("o9");
    ASSERT_TRUE(absent.ok()) << absent.error();
    EXPECT_FALSE(*absent);
    EXPECT_EQ(repo.markUnsent(QByteArray()).error().code, "store.error");
}

TEST_F(OutboxRepositoryTest, SentStateSurvivesARestart)
{
    enqueueOrFail(entry(kConvA, "o1"));
    ASSERT_EQ(OutboxRepository(m_db).takeUnsent(42, 10)->size(), 1u);
    m_db = Database();
    auto reopened = Database::open(dbPath());
    ASSERT_TRUE(reopened.ok()) << reopened.error();
    m_db = std::move(reopened).value();
    OutboxRepository repo(m_db);
    EXPECT_TRUE(repo.takeUnsent(42, 10)->empty()) << "the table, not memory, knows it was sent";
    auto later = repo.takeUnsent(43, 10);
    ASSERT_TRUE(later.ok()) << later.error();
    ASSERT_EQ(later->size(), 1u);
    EXPECT_EQ(later->front().sentIn, 42);
}

TEST_F(OutboxRepositoryTest, NewEntriesAreNeverSentAndSessionZeroIsRefused)
{
    OutboxRow row = entry(kConvA, "o1");
    row.sentIn = 99;
    enqueueOrFail(row);
    OutboxRepository repo(m_db);
    EXPECT_EQ(repo.pending()->front().sentIn, 0) << "enqueue ignores sentIn";
    auto zero = repo.takeUnsent(0, 10);
    ASSERT_FALSE(zero.ok());
    EXPECT_EQ(zero.error().code, "store.error");
    EXPECT_FALSE(repo.takeUnsent(-1, 10).ok());
    EXPECT_EQ(repo.pending()->front().sentIn, 0) << "nothing was marked";
}

} // namespace
