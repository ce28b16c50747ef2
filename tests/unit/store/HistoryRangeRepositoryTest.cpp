#include "store/HistoryRangeRepository.h"

#include "StoreTestSupport.h"
#include "crypto/Aead.h"
#include "crypto/SecureRandom.h"

#include <gtest/gtest.h>

using imp::crypto::Aead;
using imp::crypto::SecureRandom;
using imp::store::HistoryRangeRepository;
using imp::store::HistoryRangeRow;

namespace {

const QByteArray kAccountArchive(32, 'M');
const QByteArray kChatArchive(32, 'W');

class HistoryRangeRepositoryTest : public imp::store::test::MigratedDatabaseTest {
protected:
    static HistoryRangeRow range(const QByteArray &scope, qint64 fromTs, qint64 toTs)
    {
        HistoryRangeRow row;
        row.scopeTag = scope;
        row.key = SecureRandom::bytes(16);
        row.fromTs = fromTs;
        row.toTs = toTs;
        row.sealed = QByteArray("\x01\x00ids-", 6) + QByteArray::number(fromTs);
        return row;
    }

    qint64 upsertOrFail(const HistoryRangeRow &row)
    {
        auto id = HistoryRangeRepository(m_db).upsert(row);
        EXPECT_TRUE(id.ok()) << id.error();
        return id.ok() ? *id : -1;
    }

    std::vector<HistoryRangeRow> rangesOrFail(const QByteArray &scope)
    {
        auto rows = HistoryRangeRepository(m_db).ranges(scope);
        EXPECT_TRUE(rows.ok()) << rows.error();
        return rows.ok() ? std::move(rows).value() : std::vector<HistoryRangeRow>{};
    }
};

TEST_F(HistoryRangeRepositoryTest, RangesOfAScopeComeNewestFirst)
{
    EXPECT_TRUE(rangesOrFail(kAccountArchive).empty());
    const HistoryRangeRow old = range(kAccountArchive, 100, 200);
    const HistoryRangeRow recent = range(kAccountArchive, 500, 900);
    const HistoryRangeRow middle = range(kAccountArchive, 300, 400);
    const qint64 oldId = upsertOrFail(old);
    const qint64 recentId = upsertOrFail(recent);
    const qint64 middleId = upsertOrFail(middle);
    upsertOrFail(range(kChatArchive, 1000, 2000)); // another scope, never mixed in
    EXPECT_GT(oldId, 0);
    EXPECT_NE(oldId, recentId);

    auto rows = rangesOrFail(kAccountArchive);
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_EQ(rows[0].id, recentId);
    EXPECT_EQ(rows[1].id, middleId);
    EXPECT_EQ(rows[2].id, oldId);
    const HistoryRangeRow &got = rows[0];
    EXPECT_EQ(got.scopeTag, kAccountArchive);
    EXPECT_EQ(got.key, recent.key);
    EXPECT_EQ(got.fromTs, 500);
    EXPECT_EQ(got.toTs, 900);
    EXPECT_FALSE(got.reachedStart);
    EXPECT_EQ(got.sealed, recent.sealed);
    EXPECT_EQ(rangesOrFail(kChatArchive).size(), 1u);
}

TEST_F(HistoryRangeRepositoryTest, UpsertWithAnIdExtendsThatRange)
{
    HistoryRangeRow row = range(kChatArchive, 500, 900);
    row.id = upsertOrFail(row);
    // Scrolling back fetched an older page, down to the archive's start.
    row.fromTs = 50;
    row.reachedStart = true;
    row.sealed = "resealed";
    EXPECT_EQ(upsertOrFail(row), row.id) << "the same range, not a new one";
    auto rows = rangesOrFail(kChatArchive);
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].id, row.id);
    EXPECT_EQ(rows[0].fromTs, 50);
    EXPECT_EQ(rows[0].toTs, 900);
    EXPECT_TRUE(rows[0].reachedStart);
    EXPECT_EQ(rows[0].sealed, QByteArray("resealed"));

    HistoryRangeRow gone = row;
    gone.id = row.id + 100;
    auto missing = HistoryRangeRepository(m_db).upsert(gone);
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().code, "store.not_found");
    EXPECT_EQ(rangesOrFail(kChatArchive).size(), 1u) << "not inserted under another id";
}

TEST_F(HistoryRangeRepositoryTest, KeysAreUniqueAndRequired)
{
    HistoryRangeRow first = range(kAccountArchive, 1, 2);
    first.id = upsertOrFail(first);
    HistoryRangeRow second = range(kAccountArchive, 3, 4);
    second.key = first.key;
    HistoryRangeRepository repo(m_db);
    auto duplicate = repo.upsert(second);
    ASSERT_FALSE(duplicate.ok());
    EXPECT_EQ(duplicate.error().code, "store.duplicate");

    // Taking another row's key on update is refused too, and changes nothing.
    second.key = SecureRandom::bytes(16);
    second.id = upsertOrFail(second);
    HistoryRangeRow stolen = second;
    stolen.key = first.key;
    auto refused = repo.upsert(stolen);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, "store.duplicate");
    auto rows = rangesOrFail(kAccountArchive);
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0].key, second.key);

    HistoryRangeRow noKey = range(kAccountArchive, 5, 6);
    noKey.key = QByteArray();
    EXPECT_EQ(repo.upsert(noKey).error().code, "store.error");
    HistoryRangeRow noScope = range(QByteArray(""), 5, 6);
    EXPECT_EQ(repo.upsert(noScope).error().code, "store.error");
    HistoryRangeRow noSealed = range(kAccountArchive, 5, 6);
    noSealed.sealed = QByteArray();
    EXPECT_EQ(repo.upsert(noSealed).error().code, "store.error");
    EXPECT_EQ(repo.ranges(QByteArray()).error().code, "store.error");
    EXPECT_EQ(rangesOrFail(kAccountArchive).size(), 2u);
}

TEST_F(HistoryRangeRepositoryTest, RemoveDeletesOneRange)
{
    const qint64 a = upsertOrFail(range(kAccountArchive, 1, 2));
    const qint64 b = upsertOrFail(range(kAccountArchive, 3, 4));
    HistoryRangeRepository repo(m_db);
    auto removed = repo.remove(a);
    ASSERT_TRUE(removed.ok()) << removed.error();
    EXPECT_TRUE(*removed);
    auto again = repo.remove(a);
    ASSERT_TRUE(again.ok());
    EXPECT_FALSE(*again);
    auto rows = rangesOrFail(kAccountArchive);
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].id, b);
}

// chat/ seals the range's archive ids under the row's random key: moved to another row, the
// value does not open.
TEST_F(HistoryRangeRepositoryTest, SealedIdsOpenOnlyInTheirOwnRow)
{
    EXPECT_EQ(HistoryRangeRepository::sealedAssociatedData(QByteArray("\x0a\x0b", 2)),
              QByteArray("history_ranges/sealed/0a0b"));
    EXPECT_TRUE(HistoryRangeRepository::sealedAssociatedData(QByteArray()).isEmpty());
    const QByteArray key = SecureRandom::bytes(32);
    HistoryRangeRow a = range(kChatArchive, 1, 2);
    HistoryRangeRow b = range(kChatArchive, 3, 4);
    for (HistoryRangeRow *row : {&a, &b}) {
        auto sealed = Aead::seal(key, "from:A1 to:A2",
                                 HistoryRangeRepository::sealedAssociatedData(row->key));
        ASSERT_TRUE(sealed.ok());
        row->sealed = *sealed;
        upsertOrFail(*row);
    }
    auto rows = rangesOrFail(kChatArchive);
    ASSERT_EQ(rows.size(), 2u);
    auto opened =
        Aead::open(key, rows[0].sealed, HistoryRangeRepository::sealedAssociatedData(rows[0].key));
    ASSERT_TRUE(opened.ok()) << opened.error();
    EXPECT_EQ(*opened, QByteArray("from:A1 to:A2"));
    EXPECT_FALSE(
        Aead::open(key, rows[0].sealed, HistoryRangeRepository::sealedAssociatedData(rows[1].key))
            .ok());
}

} // namespace
