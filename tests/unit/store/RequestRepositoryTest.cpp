#include "store/RequestRepository.h"

#include "StoreTestSupport.h"

#include <gtest/gtest.h>

using imp::store::RequestRepository;
using imp::store::RequestRow;

namespace {

// chat/ owns the meaning of state; these stand in for its values.
constexpr qint64 kPending = 0;
constexpr qint64 kAccepted = 1;
constexpr qint64 kDeclined = 2;

class RequestRepositoryTest : public imp::store::test::MigratedDatabaseTest {
protected:
    static RequestRow request(char tagByte, qint64 ts, bool incoming, qint64 state)
    {
        return RequestRow{QByteArray(32, tagByte), QByteArray("\x01\x00sealed-", 9) + tagByte, ts,
                          incoming, state};
    }

    std::vector<QByteArray> listedTags()
    {
        auto rows = RequestRepository(m_db).list();
        EXPECT_TRUE(rows.ok()) << rows.error();
        std::vector<QByteArray> tags;
        if (rows.ok()) {
            for (const RequestRow &row : *rows)
                tags.push_back(row.tag);
        }
        return tags;
    }

    qint64 pendingIncoming()
    {
        auto n = RequestRepository(m_db).countIncomingWithState(kPending);
        EXPECT_TRUE(n.ok()) << n.error();
        return n.ok() ? *n : -1;
    }
};

TEST_F(RequestRepositoryTest, UpsertFindAndReplaceEveryColumn)
{
    RequestRepository repo(m_db);
    const RequestRow sent = request('a', 1700000000000, false, kPending);
    IMP_ASSERT_OK(repo.upsert(sent));
    auto found = repo.find(sent.tag);
    ASSERT_TRUE(found.ok() && found->has_value()) << (found.ok() ? "" : found.error().detail);
    EXPECT_EQ((*found)->sealed, sent.sealed);
    EXPECT_EQ((*found)->ts, 1700000000000);
    EXPECT_FALSE((*found)->incoming);
    EXPECT_EQ((*found)->state, kPending);

    RequestRow answered = request('a', 1700000000500, true, kAccepted);
    answered.sealed = "answered";
    IMP_ASSERT_OK(repo.upsert(answered));
    found = repo.find(sent.tag);
    ASSERT_TRUE(found.ok() && found->has_value());
    EXPECT_EQ((*found)->sealed, QByteArray("answered"));
    EXPECT_EQ((*found)->ts, 1700000000500);
    EXPECT_TRUE((*found)->incoming);
    EXPECT_EQ((*found)->state, kAccepted);
    EXPECT_EQ(listedTags().size(), 1u);

    auto missing = repo.find(QByteArray(32, 'z'));
    ASSERT_TRUE(missing.ok());
    EXPECT_FALSE(missing->has_value());
}

TEST_F(RequestRepositoryTest, ListIsNewestFirst)
{
    RequestRepository repo(m_db);
    IMP_ASSERT_OK(repo.upsert(request('a', 10, true, kPending)));
    IMP_ASSERT_OK(repo.upsert(request('b', 30, false, kPending)));
    IMP_ASSERT_OK(repo.upsert(request('c', 20, true, kDeclined)));
    IMP_ASSERT_OK(repo.upsert(request('d', 30, true, kPending))); // same ts as 'b': by tag
    EXPECT_EQ(listedTags(), (std::vector<QByteArray>{QByteArray(32, 'b'), QByteArray(32, 'd'),
                                                     QByteArray(32, 'c'), QByteArray(32, 'a')}));
}

TEST_F(RequestRepositoryTest, CountsOnlyIncomingRequestsInTheState)
{
    RequestRepository repo(m_db);
    EXPECT_EQ(pendingIncoming(), 0);
    IMP_ASSERT_OK(repo.upsert(request('a', 1, true, kPending)));
    IMP_ASSERT_OK(repo.upsert(request('b', 2, true, kPending)));
    IMP_ASSERT_OK(repo.upsert(request('c', 3, false, kPending))); // sent by us: no badge
    IMP_ASSERT_OK(repo.upsert(request('d', 4, true, kDeclined)));
    EXPECT_EQ(pendingIncoming(), 2);
    auto declined = repo.countIncomingWithState(kDeclined);
    ASSERT_TRUE(declined.ok());
    EXPECT_EQ(*declined, 1);

    // Accepting one lowers the badge; removing another too.
    IMP_ASSERT_OK(repo.upsert(request('a', 5, true, kAccepted)));
    EXPECT_EQ(pendingIncoming(), 1);
    IMP_ASSERT_OK(repo.remove(QByteArray(32, 'b')));
    EXPECT_EQ(pendingIncoming(), 0);
    IMP_ASSERT_OK(repo.remove(QByteArray(32, 'b'))); // already gone: not an error
    EXPECT_EQ(listedTags().size(), 3u);
}

TEST_F(RequestRepositoryTest, EmptyTagIsRefusedAndAssociatedDataNamesTheTable)
{
    RequestRepository repo(m_db);
    RequestRow row = request('a', 1, true, kPending);
    row.tag = QByteArray();
    EXPECT_FALSE(repo.upsert(row).ok());
    EXPECT_FALSE(repo.find(QByteArray("")).ok());
    EXPECT_FALSE(repo.remove(QByteArray()).ok());
    EXPECT_TRUE(listedTags().empty());
    EXPECT_EQ(RequestRepository::sealedAssociatedData(QByteArray("\x00\x10", 2)),
              QByteArray("requests/sealed/0010"));
    EXPECT_TRUE(RequestRepository::sealedAssociatedData(QByteArray()).isEmpty());
}

TEST_F(RequestRepositoryTest, DiskFullIsAnErrorAndTheDatabaseStaysUsable)
{
    RequestRepository repo(m_db);
    IMP_ASSERT_OK(repo.upsert(request('a', 1, true, kPending)));
    fillTheDisk();
    RequestRow big = request('b', 2, true, kPending);
    big.sealed = QByteArray(256 * 1024, 'x');
    auto full = repo.upsert(big);
    ASSERT_FALSE(full.ok());
    EXPECT_EQ(full.error().code, "store.disk_full") << full.error().detail;
    EXPECT_EQ(pendingIncoming(), 1);
    freeTheDisk();
    IMP_ASSERT_OK(repo.upsert(big));
    EXPECT_EQ(pendingIncoming(), 2);
}

} // namespace
