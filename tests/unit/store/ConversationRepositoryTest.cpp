#include "store/ConversationRepository.h"

#include "StoreTestSupport.h"
#include "crypto/Aead.h"
#include "crypto/SecureRandom.h"
#include "store/DatabaseWorker.h"

#include <gtest/gtest.h>

using imp::crypto::Aead;
using imp::crypto::SecureRandom;
using imp::store::ConversationRepository;
using imp::store::ConversationRow;
using imp::store::Database;
using imp::store::DatabaseWorker;

namespace {

class ConversationRepositoryTest : public imp::store::test::MigratedDatabaseTest {
protected:
    static ConversationRow conversation(char tagByte, qint64 lastTs, bool pinned = false,
                                        qint64 unread = 0)
    {
        ConversationRow row;
        row.tag = QByteArray(32, tagByte);
        row.sealed = QByteArray("\x01\x00sealed-", 9) + tagByte;
        row.lastTs = lastTs;
        row.unread = unread;
        row.pinned = pinned;
        return row;
    }

    std::vector<QByteArray> listedTags()
    {
        auto rows = ConversationRepository(m_db).list();
        EXPECT_TRUE(rows.ok()) << rows.error();
        std::vector<QByteArray> tags;
        if (rows.ok()) {
            for (const ConversationRow &row : *rows)
                tags.push_back(row.tag);
        }
        return tags;
    }
};

TEST_F(ConversationRepositoryTest, UpsertThenFindReturnsEveryColumnByteExact)
{
    ConversationRepository repo(m_db);
    auto missing = repo.find(QByteArray(32, 'a'));
    ASSERT_TRUE(missing.ok()) << missing.error();
    EXPECT_FALSE(missing->has_value());

    const ConversationRow row = conversation('a', 1700000000123, true, 7);
    IMP_ASSERT_OK(repo.upsert(row));
    auto found = repo.find(row.tag);
    ASSERT_TRUE(found.ok()) << found.error();
    ASSERT_TRUE(found->has_value());
    const ConversationRow &got = **found;
    EXPECT_EQ(got.tag, row.tag);
    EXPECT_EQ(got.sealed, row.sealed);
    EXPECT_EQ(got.lastTs, 1700000000123);
    EXPECT_EQ(got.unread, 7);
    EXPECT_TRUE(got.pinned);
}

TEST_F(ConversationRepositoryTest, UpsertReplacesEveryColumnOfTheSameTag)
{
    ConversationRepository repo(m_db);
    IMP_ASSERT_OK(repo.upsert(conversation('a', 10, true, 3)));
    ConversationRow changed = conversation('a', 20, false, 0);
    changed.sealed = "new sealed value";
    IMP_ASSERT_OK(repo.upsert(changed));
    auto all = repo.list();
    ASSERT_TRUE(all.ok()) << all.error();
    ASSERT_EQ(all->size(), 1u) << "an upsert of the same tag never duplicates the conversation";
    EXPECT_EQ(all->front().sealed, QByteArray("new sealed value"));
    EXPECT_EQ(all->front().lastTs, 20);
    EXPECT_EQ(all->front().unread, 0);
    EXPECT_FALSE(all->front().pinned);
}

TEST_F(ConversationRepositoryTest, ListPutsPinnedFirstThenMostRecent)
{
    ConversationRepository repo(m_db);
    IMP_ASSERT_OK(repo.upsert(conversation('a', 100)));
    IMP_ASSERT_OK(repo.upsert(conversation('b', 300)));
    IMP_ASSERT_OK(repo.upsert(conversation('c', 50, true)));
    IMP_ASSERT_OK(repo.upsert(conversation('d', 200, true)));
    IMP_ASSERT_OK(repo.upsert(conversation('f', 300))); // same last_ts as 'b': ties by tag
    IMP_ASSERT_OK(repo.upsert(conversation('e', 300)));
    const QByteArray a(32, 'a'), b(32, 'b'), c(32, 'c'), d(32, 'd'), e(32, 'e'), f(32, 'f');
    EXPECT_EQ(listedTags(), (std::vector<QByteArray>{d, c, b, e, f, a}));

    // Unpinning moves a conversation back among the others by time; pinning lifts it.
    IMP_ASSERT_OK(repo.setPinned(d, false));
    IMP_ASSERT_OK(repo.setPinned(a, true));
    EXPECT_EQ(listedTags(), (std::vector<QByteArray>{a, c, b, e, f, d}));
}

TEST_F(ConversationRepositoryTest, ListUsesTheOrderIndex)
{
    auto plan = m_db.prepare(
        QStringLiteral("EXPLAIN QUERY PLAN SELECT tag, sealed, last_ts, unread, pinned FROM "
                       "conversations ORDER BY pinned DESC, last_ts DESC, tag"));
    ASSERT_TRUE(plan.ok()) << plan.error();
    QString text;
    for (;;) {
        auto r = plan->step();
        ASSERT_TRUE(r.ok()) << r.error();
        if (!*r)
            break;
        text += plan->columnText(3) + QLatin1Char('\n');
    }
    EXPECT_TRUE(text.contains(QStringLiteral("conversations_order"))) << text.toStdString();
}

TEST_F(ConversationRepositoryTest, SetUnreadAndSetPinnedTouchOnlyTheirColumn)
{
    ConversationRepository repo(m_db);
    const ConversationRow row = conversation('a', 42, false, 0);
    IMP_ASSERT_OK(repo.upsert(row));
    IMP_ASSERT_OK(repo.upsert(conversation('b', 43, false, 0)));
    IMP_ASSERT_OK(repo.setUnread(row.tag, 12));
    IMP_ASSERT_OK(repo.setPinned(row.tag, true));
    auto found = repo.find(row.tag);
    ASSERT_TRUE(found.ok() && found->has_value());
    EXPECT_EQ((*found)->unread, 12);
    EXPECT_TRUE((*found)->pinned);
    EXPECT_EQ((*found)->lastTs, 42);
    EXPECT_EQ((*found)->sealed, row.sealed);
    auto other = repo.find(QByteArray(32, 'b'));
    ASSERT_TRUE(other.ok() && other->has_value());
    EXPECT_EQ((*other)->unread, 0) << "another conversation's badge is untouched";
    EXPECT_FALSE((*other)->pinned);

    IMP_ASSERT_OK(repo.setUnread(row.tag, 0));
    found = repo.find(row.tag);
    ASSERT_TRUE(found.ok() && found->has_value());
    EXPECT_EQ((*found)->unread, 0);

    // An unknown tag is a no-op and creates nothing.
    IMP_EXPECT_OK(repo.setUnread(QByteArray(32, 'z'), 5));
    IMP_EXPECT_OK(repo.setPinned(QByteArray(32, 'z'), true));
    EXPECT_EQ(listedTags().size(), 2u);
}

TEST_F(ConversationRepositoryTest, RemoveDeletesOnlyThatConversation)
{
    ConversationRepository repo(m_db);
    IMP_ASSERT_OK(repo.upsert(conversation('a', 1)));
    IMP_ASSERT_OK(repo.upsert(conversation('b', 2)));
    IMP_ASSERT_OK(repo.remove(QByteArray(32, 'a')));
    IMP_ASSERT_OK(repo.remove(QByteArray(32, 'a'))); // already gone: not an error
    EXPECT_EQ(listedTags(), (std::vector<QByteArray>{QByteArray(32, 'b')}));
    auto gone = repo.find(QByteArray(32, 'a'));
    ASSERT_TRUE(gone.ok());
    EXPECT_FALSE(gone->has_value());
}

TEST_F(ConversationRepositoryTest, EmptyTagsAndMissingSealedValuesAreRefused)
{
    ConversationRepository repo(m_db);
    ConversationRow noTag = conversation('a', 1);
    noTag.tag = QByteArray();
    EXPECT_EQ(repo.upsert(noTag).error().code, "store.error");
    noTag.tag = QByteArray("");
    EXPECT_FALSE(repo.upsert(noTag).ok());
    EXPECT_FALSE(repo.find(QByteArray()).ok());
    EXPECT_FALSE(repo.setPinned(QByteArray(), true).ok());
    EXPECT_FALSE(repo.setUnread(QByteArray(), 1).ok());
    EXPECT_FALSE(repo.remove(QByteArray()).ok());
    ConversationRow noSealed = conversation('a', 1);
    noSealed.sealed = QByteArray();
    EXPECT_FALSE(repo.upsert(noSealed).ok()) << "NOT NULL is enforced";
    EXPECT_TRUE(listedTags().empty());
}

TEST_F(ConversationRepositoryTest, SealedValueOpensOnlyUnderItsOwnTag)
{
    EXPECT_EQ(ConversationRepository::sealedAssociatedData(QByteArray("\x01\xff", 2)),
              QByteArray("conversations/sealed/01ff"));
    EXPECT_TRUE(ConversationRepository::sealedAssociatedData(QByteArray()).isEmpty());

    const QByteArray key = SecureRandom::bytes(32);
    ConversationRepository repo(m_db);
    ConversationRow a = conversation('a', 1);
    ConversationRow b = conversation('b', 2);
    for (ConversationRow *row : {&a, &b}) {
        auto sealed = Aead::seal(key, "peer:" + row->tag.left(1) + "@example.org",
                                 ConversationRepository::sealedAssociatedData(row->tag));
        ASSERT_TRUE(sealed.ok()) << sealed.error();
        row->sealed = *sealed;
        IMP_ASSERT_OK(repo.upsert(*row));
    }
    auto gotA = repo.find(a.tag);
    ASSERT_TRUE(gotA.ok() && gotA->has_value());
    auto opened = Aead::open(key, (*gotA)->sealed,
                             ConversationRepository::sealedAssociatedData((*gotA)->tag));
    ASSERT_TRUE(opened.ok()) << opened.error();
    EXPECT_EQ(*opened, QByteArray("peer:a@example.org"));

    // Someone with the file copies a's sealed value onto b's row: it no longer opens there.
    auto swap = m_db.prepare(QStringLiteral("UPDATE conversations SET sealed = ?1 WHERE tag = ?2"));
    ASSERT_TRUE(swap.ok());
    IMP_ASSERT_OK(swap->bind(1, a.sealed));
    IMP_ASSERT_OK(swap->bind(2, b.tag));
    IMP_ASSERT_OK(swap->step());
    auto gotB = repo.find(b.tag);
    ASSERT_TRUE(gotB.ok() && gotB->has_value());
    auto crossed = Aead::open(key, (*gotB)->sealed,
                              ConversationRepository::sealedAssociatedData((*gotB)->tag));
    ASSERT_FALSE(crossed.ok());
    EXPECT_EQ(crossed.error().code, "crypto.auth_failed");
}

TEST_F(ConversationRepositoryTest, DiskFullIsAnErrorAndTheDatabaseStaysUsable)
{
    ConversationRepository repo(m_db);
    IMP_ASSERT_OK(repo.upsert(conversation('a', 1)));
    fillTheDisk();
    ConversationRow big = conversation('b', 2);
    big.sealed = QByteArray(256 * 1024, 'x');
    auto full = repo.upsert(big);
    ASSERT_FALSE(full.ok());
    EXPECT_EQ(full.error().code, "store.disk_full") << full.error().detail;
    EXPECT_EQ(listedTags(), (std::vector<QByteArray>{QByteArray(32, 'a')}));

    freeTheDisk();
    IMP_ASSERT_OK(repo.upsert(big)); // the same repository (and its statements) still works
    EXPECT_EQ(listedTags().size(), 2u);
}

// How the app uses it: on the DatabaseWorker thread, answered with a future.
TEST_F(ConversationRepositoryTest, WorksOnTheDatabaseWorkerThread)
{
    const QString path = m_dir.filePath(QStringLiteral("worker.db"));
    DatabaseWorker worker(path);
    auto started = worker.start();
    auto stored = worker.run([](Database &db) -> imp::Result<void> {
        ConversationRepository repo(db);
        if (auto done = repo.upsert(conversation('a', 5, false, 2)); !done)
            return done;
        return repo.setPinned(QByteArray(32, 'a'), true);
    });
    auto listed = worker.run([](Database &db) { return ConversationRepository(db).list(); });
    IMP_ASSERT_OK(started.result());
    IMP_ASSERT_OK(stored.result());
    auto rows = listed.result();
    ASSERT_TRUE(rows.ok()) << rows.error();
    ASSERT_EQ(rows->size(), 1u);
    EXPECT_TRUE(rows->front().pinned);
    EXPECT_EQ(rows->front().unread, 2);
}

} // namespace
