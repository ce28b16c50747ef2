#include "store/MessageRepository.h"

#include "StoreTestSupport.h"
#include "crypto/Aead.h"
#include "crypto/Hkdf.h"
#include "crypto/Hmac.h"
#include "crypto/SecureRandom.h"
#include "store/Database.h"
#include "store/Migrations.h"

#include <QFile>
#include <QTemporaryDir>
#include <algorithm>
#include <gtest/gtest.h>
#include <random>
#include <set>
#include <utility>

using imp::crypto::Aead;
using imp::crypto::Hkdf;
using imp::crypto::Hmac;
using imp::crypto::SecureRandom;
using imp::store::Database;
using imp::store::InsertOutcome;
using imp::store::MessageRepository;
using imp::store::MessageRow;
using imp::store::Migrations;

namespace {

// What chat/ will do (the store itself has no crypto): sub-keys from one data key, lookup
// tags as HMACs, the message content sealed with the repository's associated data.
struct Keys {
    QByteArray dataKey = SecureRandom::bytes(32);
    QByteArray messageKey = Hkdf::deriveSha256(dataKey, "imp.vault.v1", "imp.messages.seal.v1", 32);
    QByteArray indexKey = Hkdf::deriveSha256(dataKey, "imp.vault.v1", "imp.index.v1", 32);

    QByteArray conversationTag(const QByteArray &bareJid) const
    {
        return Hmac::sha256(indexKey, "conversation:" + bareJid);
    }
    QByteArray stanzaTag(const QByteArray &id) const
    {
        return Hmac::sha256(indexKey, "stanza-id:" + id);
    }
    QByteArray originTag(const QByteArray &id) const
    {
        return Hmac::sha256(indexKey, "origin-id:" + id);
    }
};

class MessageRepositoryTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_dir.isValid());
        auto db = Database::open(dbPath());
        ASSERT_TRUE(db.ok()) << db.error();
        m_db = std::move(db).value();
        IMP_ASSERT_OK(Migrations::migrate(m_db));
    }

    QString dbPath() const { return m_dir.filePath(QStringLiteral("messages.db")); }

    // A plain-test row: fake tags, fake sealed bytes (binary, with zero bytes).
    static MessageRow row(const QByteArray &conv, qint64 ts, const QByteArray &stanza,
                          const QByteArray &origin = {})
    {
        MessageRow r;
        r.conversationTag = conv;
        r.ts = ts;
        r.stanzaIdTag = stanza;
        r.originIdTag = origin;
        r.direction = 1;
        r.state = 0;
        r.sealed = QByteArray("\x01\x00sealed-", 9) + stanza + origin;
        return r;
    }

    std::vector<InsertOutcome> insertOrFail(const std::vector<MessageRow> &rows)
    {
        auto outcomes = MessageRepository(m_db).insertBatch(rows);
        EXPECT_TRUE(outcomes.ok()) << outcomes.error();
        return outcomes.ok() ? std::move(outcomes).value() : std::vector<InsertOutcome>{};
    }

    qint64 countOrFail(const QByteArray &conv)
    {
        auto n = MessageRepository(m_db).count(conv);
        EXPECT_TRUE(n.ok()) << n.error();
        return n.ok() ? *n : -1;
    }

    // Every row of the conversation, newest first, fetched page by page.
    std::vector<MessageRow> pageAll(const QByteArray &conv, int limit, int *pages = nullptr)
    {
        MessageRepository repo(m_db);
        std::vector<MessageRow> all;
        qint64 ts = MessageRepository::kNewest;
        qint64 id = MessageRepository::kNewest;
        int n = 0;
        for (;;) {
            auto page = repo.pageBefore(conv, ts, id, limit);
            EXPECT_TRUE(page.ok()) << page.error();
            if (!page.ok() || page->empty())
                break;
            ++n;
            EXPECT_LE(page->size(), static_cast<std::size_t>(limit));
            ts = page->back().ts;
            id = page->back().id;
            all.insert(all.end(), page->begin(), page->end());
            if (n > 100000)
                break; // never loop forever on a paging bug
        }
        if (pages)
            *pages = n;
        return all;
    }

    QTemporaryDir m_dir;
    Database m_db;
};

const QByteArray kConvA(32, 'A');
const QByteArray kConvB(32, 'B');

TEST_F(MessageRepositoryTest, EmptyConversation)
{
    MessageRepository repo(m_db);
    EXPECT_EQ(countOrFail(kConvA), 0);
    auto page = repo.pageBefore(kConvA, MessageRepository::kNewest, MessageRepository::kNewest, 50);
    ASSERT_TRUE(page.ok()) << page.error();
    EXPECT_TRUE(page->empty());
    auto none = repo.insertBatch({});
    ASSERT_TRUE(none.ok()) << none.error();
    EXPECT_TRUE(none->empty());
}

TEST_F(MessageRepositoryTest, RowsComeBackByteExact)
{
    MessageRow r = row(kConvA, 1700000000123, "s1", "o1");
    r.direction = 2;
    r.state = 3;
    auto out = insertOrFail({r});
    ASSERT_EQ(out.size(), 1u);
    ASSERT_TRUE(out[0].inserted);
    auto page = MessageRepository(m_db).pageBefore(kConvA, MessageRepository::kNewest,
                                                   MessageRepository::kNewest, 10);
    ASSERT_TRUE(page.ok()) << page.error();
    ASSERT_EQ(page->size(), 1u);
    const MessageRow &got = page->front();
    EXPECT_EQ(got.id, out[0].id);
    EXPECT_EQ(got.conversationTag, r.conversationTag);
    EXPECT_EQ(got.ts, r.ts);
    EXPECT_EQ(got.stanzaIdTag, r.stanzaIdTag);
    EXPECT_EQ(got.originIdTag, r.originIdTag);
    EXPECT_EQ(got.direction, 2);
    EXPECT_EQ(got.state, 3);
    EXPECT_EQ(got.sealed, r.sealed);

    // A missing tag comes back null, not empty.
    auto only = insertOrFail({row(kConvA, 1, {}, "o2")});
    page = MessageRepository(m_db).pageBefore(kConvA, 2, 0, 10);
    ASSERT_TRUE(page.ok()) << page.error();
    ASSERT_EQ(page->size(), 1u);
    EXPECT_TRUE(page->front().stanzaIdTag.isNull());
}

TEST_F(MessageRepositoryTest, InsertsTenThousandRowsInOneBatch)
{
    std::vector<MessageRow> rows;
    rows.reserve(10000);
    for (int i = 0; i < 10000; ++i)
        rows.push_back(row(kConvA, 1000 + i, "s" + QByteArray::number(i)));
    auto out = insertOrFail(rows);
    ASSERT_EQ(out.size(), rows.size());
    std::set<qint64> ids;
    for (const InsertOutcome &o : out) {
        EXPECT_TRUE(o.inserted);
        ids.insert(o.id);
    }
    EXPECT_EQ(ids.size(), rows.size());
    EXPECT_EQ(countOrFail(kConvA), 10000);
}

TEST_F(MessageRepositoryTest, FailingRowRollsBackTheWholeBatch)
{
    std::vector<MessageRow> rows;
    for (int i = 0; i < 10000; ++i)
        rows.push_back(row(kConvA, i, "s" + QByteArray::number(i)));
    // The last row has no id tag at all: the CHECK refuses it (it could not be bound, see
    // sealedAssociatedData), and nothing of the batch may stay.
    rows.back().stanzaIdTag = QByteArray();
    auto failed = MessageRepository(m_db).insertBatch(rows);
    ASSERT_FALSE(failed.ok());
    EXPECT_EQ(failed.error().code, "store.error");
    EXPECT_EQ(countOrFail(kConvA), 0);

    // NOT NULL violations are errors too, never silently skipped like duplicates.
    MessageRow noSealed = row(kConvA, 1, "x");
    noSealed.sealed = QByteArray();
    EXPECT_FALSE(MessageRepository(m_db).insertBatch({noSealed}).ok());
    MessageRow noConversation = row(QByteArray(), 1, "y");
    EXPECT_FALSE(MessageRepository(m_db).insertBatch({noConversation}).ok());
    EXPECT_EQ(countOrFail(QByteArray()), 0);
}

TEST_F(MessageRepositoryTest, DeduplicatesByStanzaIdWithinAConversation)
{
    auto first = insertOrFail({row(kConvA, 1, "s1", "o1")});
    ASSERT_EQ(first.size(), 1u);
    ASSERT_TRUE(first[0].inserted);

    auto out = insertOrFail({
        row(kConvA, 2, "s1", "o-other"), // same stanza id, different origin id: duplicate
        row(kConvA, 3, "s2"),            // new
        row(kConvB, 4, "s1"),            // same stanza id in another conversation: fine
        row(kConvA, 5, "s2"),            // duplicate of a row earlier in this batch
    });
    ASSERT_EQ(out.size(), 4u);
    EXPECT_FALSE(out[0].inserted);
    EXPECT_EQ(out[0].id, first[0].id) << "a duplicate reports the row already stored";
    EXPECT_TRUE(out[1].inserted);
    EXPECT_TRUE(out[2].inserted);
    EXPECT_FALSE(out[3].inserted);
    EXPECT_EQ(out[3].id, out[1].id);
    EXPECT_EQ(countOrFail(kConvA), 2);
    EXPECT_EQ(countOrFail(kConvB), 1);

    // The stored duplicate kept the first version.
    auto page = MessageRepository(m_db).pageBefore(kConvA, 2, 0, 10);
    ASSERT_TRUE(page.ok()) << page.error();
    ASSERT_EQ(page->size(), 1u);
    EXPECT_EQ(page->front().originIdTag, QByteArray("o1"));
}

TEST_F(MessageRepositoryTest, DeduplicatesByOriginIdWithinAConversation)
{
    auto first = insertOrFail({row(kConvA, 1, {}, "o1")});
    ASSERT_TRUE(first.at(0).inserted);
    auto out = insertOrFail({
        row(kConvA, 2, "s-from-mam", "o1"), // our message coming back with a stanza-id
        row(kConvA, 3, {}, "o2"),
        row(kConvB, 4, {}, "o1"),
        row(kConvB, 5, {}, "o1"),
    });
    ASSERT_EQ(out.size(), 4u);
    EXPECT_FALSE(out[0].inserted);
    EXPECT_EQ(out[0].id, first[0].id);
    EXPECT_TRUE(out[1].inserted);
    EXPECT_TRUE(out[2].inserted);
    EXPECT_FALSE(out[3].inserted);
    EXPECT_EQ(out[3].id, out[2].id);
    EXPECT_EQ(countOrFail(kConvA), 2);
    EXPECT_EQ(countOrFail(kConvB), 1);
}

TEST_F(MessageRepositoryTest, KeysetPagingReturnsEveryRowOnceInOrder)
{
    // 2,000 rows in A with many equal timestamps (ts = i / 7), inserted shuffled across several
    // batches, plus rows of B interleaved that must never show up in A's pages.
    std::vector<MessageRow> rows;
    for (int i = 0; i < 2000; ++i)
        rows.push_back(row(kConvA, 5000 + i / 7, "a" + QByteArray::number(i)));
    for (int i = 0; i < 300; ++i)
        rows.push_back(row(kConvB, 5000 + i, "b" + QByteArray::number(i)));
    std::mt19937 rng(42);
    std::shuffle(rows.begin(), rows.end(), rng);
    for (std::size_t at = 0; at < rows.size(); at += 500) {
        std::vector<MessageRow> batch(
            rows.begin() + static_cast<std::ptrdiff_t>(at),
            rows.begin() + static_cast<std::ptrdiff_t>(std::min(at + 500, rows.size())));
        insertOrFail(batch);
    }

    for (int limit : {1, 7, 37, 50, 2000, 5000}) {
        SCOPED_TRACE(limit);
        int pages = 0;
        auto all = pageAll(kConvA, limit, &pages);
        ASSERT_EQ(all.size(), 2000u);
        EXPECT_EQ(pages, (2000 + limit - 1) / limit);
        std::set<QByteArray> seen;
        for (std::size_t i = 0; i < all.size(); ++i) {
            EXPECT_EQ(all[i].conversationTag, kConvA);
            seen.insert(all[i].stanzaIdTag);
            if (i > 0) {
                const auto prev = std::make_pair(all[i - 1].ts, all[i - 1].id);
                const auto cur = std::make_pair(all[i].ts, all[i].id);
                EXPECT_LT(cur, prev) << "at " << i;
            }
        }
        EXPECT_EQ(seen.size(), 2000u) << "every row exactly once";
    }
    EXPECT_EQ(pageAll(kConvB, 64).size(), 300u);
}

TEST_F(MessageRepositoryTest, PagingWalksTheIndexWithoutSorting)
{
    auto plan = m_db.prepare(QStringLiteral(
        "EXPLAIN QUERY PLAN SELECT id, conversation_tag, ts, stanza_id_tag, origin_id_tag, "
        "direction, state, sealed, flags FROM messages WHERE conversation_tag = ?1 AND (ts, id) < "
        "(?2, ?3) ORDER BY ts DESC, id DESC LIMIT ?4"));
    ASSERT_TRUE(plan.ok()) << plan.error();
    QString text;
    for (;;) {
        auto r = plan->step();
        ASSERT_TRUE(r.ok()) << r.error();
        if (!*r)
            break;
        text += plan->columnText(3) + QLatin1Char('\n');
    }
    EXPECT_TRUE(text.contains(QStringLiteral("messages_page"))) << text.toStdString();
    EXPECT_FALSE(text.contains(QStringLiteral("TEMP B-TREE"))) << text.toStdString();
    EXPECT_FALSE(text.contains(QStringLiteral("SCAN"))) << text.toStdString();
}

TEST_F(MessageRepositoryTest, UpdateStateAndCount)
{
    auto out = insertOrFail({row(kConvA, 1, "s1"), row(kConvA, 2, "s2"), row(kConvB, 3, "s3")});
    ASSERT_EQ(out.size(), 3u);
    MessageRepository repo(m_db);
    auto updated = repo.updateState(out[1].id, 4);
    ASSERT_TRUE(updated.ok()) << updated.error();
    EXPECT_TRUE(*updated);
    auto missing = repo.updateState(out[2].id + 1000, 4);
    ASSERT_TRUE(missing.ok()) << missing.error();
    EXPECT_FALSE(*missing);

    auto page = repo.pageBefore(kConvA, MessageRepository::kNewest, MessageRepository::kNewest, 10);
    ASSERT_TRUE(page.ok()) << page.error();
    ASSERT_EQ(page->size(), 2u);
    EXPECT_EQ((*page)[0].state, 4);
    EXPECT_EQ((*page)[1].state, 0);
    EXPECT_EQ(countOrFail(kConvA), 2);
    EXPECT_EQ(countOrFail(kConvB), 1);
}

TEST_F(MessageRepositoryTest, AssociatedDataNamesConversationAndIdTag)
{
    const QByteArray conv("\x01\x02", 2);
    EXPECT_EQ(MessageRepository::sealedAssociatedData(conv, "S", "O"),
              QByteArray("messages/sealed/0102/o/4f"));
    EXPECT_EQ(MessageRepository::sealedAssociatedData(conv, "S", {}),
              QByteArray("messages/sealed/0102/s/53"));
    EXPECT_TRUE(MessageRepository::sealedAssociatedData(conv, {}, {}).isEmpty());
    // Same bytes as a stanza tag or as an origin tag never give the same associated data.
    EXPECT_NE(MessageRepository::sealedAssociatedData(conv, "T", {}),
              MessageRepository::sealedAssociatedData(conv, {}, "T"));
}

// chat/'s round trip, done here with crypto::Aead directly: sealed values open only in the row
// and conversation they were sealed for.
TEST_F(MessageRepositoryTest, SealedValuesOpenOnlyInTheirOwnRow)
{
    const Keys keys;
    auto sealedRow = [&keys](const QByteArray &jid, qint64 ts, const QByteArray &originId,
                             const QByteArray &body) {
        MessageRow r;
        r.conversationTag = keys.conversationTag(jid);
        r.ts = ts;
        r.originIdTag = keys.originTag(originId);
        auto sealed = Aead::seal(keys.messageKey, "from:" + jid + "\nbody:" + body,
                                 MessageRepository::sealedAssociatedData(r));
        EXPECT_TRUE(sealed.ok()) << sealed.error();
        r.sealed = sealed.ok() ? *sealed : QByteArray("x");
        return r;
    };
    auto out = insertOrFail({sealedRow("alice@example.org", 1, "m1", "hello alice"),
                             sealedRow("alice@example.org", 2, "m2", "second"),
                             sealedRow("bob@example.org", 3, "m1", "hello bob")});
    ASSERT_EQ(out.size(), 3u);

    MessageRepository repo(m_db);
    auto alice = repo.pageBefore(keys.conversationTag("alice@example.org"),
                                 MessageRepository::kNewest, MessageRepository::kNewest, 10);
    auto bob = repo.pageBefore(keys.conversationTag("bob@example.org"), MessageRepository::kNewest,
                               MessageRepository::kNewest, 10);
    ASSERT_TRUE(alice.ok() && bob.ok());
    ASSERT_EQ(alice->size(), 2u);
    ASSERT_EQ(bob->size(), 1u);

    // Round trip.
    const MessageRow &a1 = (*alice)[1];
    auto opened =
        Aead::open(keys.messageKey, a1.sealed, MessageRepository::sealedAssociatedData(a1));
    ASSERT_TRUE(opened.ok()) << opened.error();
    EXPECT_EQ(*opened, QByteArray("from:alice@example.org\nbody:hello alice"));

    // Moved to another row of the same conversation.
    const MessageRow &a2 = (*alice)[0];
    auto moved =
        Aead::open(keys.messageKey, a1.sealed, MessageRepository::sealedAssociatedData(a2));
    ASSERT_FALSE(moved.ok());
    EXPECT_EQ(moved.error().code, "crypto.auth_failed");

    // Moved to another conversation, even onto a row with the same message id.
    const MessageRow &b1 = bob->front();
    auto crossed =
        Aead::open(keys.messageKey, a1.sealed, MessageRepository::sealedAssociatedData(b1));
    ASSERT_FALSE(crossed.ok());
    EXPECT_EQ(crossed.error().code, "crypto.auth_failed");

    // Swapped in the database file itself (someone with the file, not the key): the row's own
    // columns no longer match what its sealed value was bound to.
    auto swap = m_db.prepare(QStringLiteral("UPDATE messages SET sealed = ?1 WHERE id = ?2"));
    ASSERT_TRUE(swap.ok());
    IMP_ASSERT_OK(swap->bind(1, a1.sealed));
    IMP_ASSERT_OK(swap->bind(2, b1.id));
    IMP_ASSERT_OK(swap->step());
    auto again = repo.pageBefore(b1.conversationTag, MessageRepository::kNewest,
                                 MessageRepository::kNewest, 10);
    ASSERT_TRUE(again.ok());
    ASSERT_EQ(again->size(), 1u);
    EXPECT_FALSE(Aead::open(keys.messageKey, again->front().sealed,
                            MessageRepository::sealedAssociatedData(again->front()))
                     .ok());
}

TEST_F(MessageRepositoryTest, FlagsAreStoredAndReturned)
{
    MessageRow recalled = row(kConvA, 1, "s1");
    recalled.flags = MessageRepository::kFlagRecalled;
    auto out = insertOrFail({recalled, row(kConvA, 2, "s2")});
    ASSERT_EQ(out.size(), 2u);
    auto page = MessageRepository(m_db).pageBefore(kConvA, MessageRepository::kNewest,
                                                   MessageRepository::kNewest, 10);
    ASSERT_TRUE(page.ok()) << page.error();
    ASSERT_EQ(page->size(), 2u);
    EXPECT_EQ((*page)[0].flags, 0);
    EXPECT_EQ((*page)[1].flags, MessageRepository::kFlagRecalled);
}

TEST_F(MessageRepositoryTest, PageAfterWalksForwardOverEveryRowOnce)
{
    std::vector<MessageRow> rows;
    for (int i = 0; i < 500; ++i)
        rows.push_back(row(kConvA, 100 + i / 5, "a" + QByteArray::number(i)));
    for (int i = 0; i < 50; ++i)
        rows.push_back(row(kConvB, 100 + i, "b" + QByteArray::number(i)));
    std::mt19937 rng(7);
    std::shuffle(rows.begin(), rows.end(), rng);
    insertOrFail(rows);

    MessageRepository repo(m_db);
    for (int limit : {1, 13, 500, 1000}) {
        SCOPED_TRACE(limit);
        std::vector<MessageRow> all;
        qint64 ts = MessageRepository::kOldest;
        qint64 id = MessageRepository::kOldest;
        for (int guard = 0; guard < 10000; ++guard) {
            auto page = repo.pageAfter(kConvA, ts, id, limit);
            ASSERT_TRUE(page.ok()) << page.error();
            if (page->empty())
                break;
            EXPECT_LE(page->size(), static_cast<std::size_t>(limit));
            ts = page->back().ts;
            id = page->back().id;
            all.insert(all.end(), page->begin(), page->end());
        }
        ASSERT_EQ(all.size(), 500u);
        std::set<QByteArray> seen;
        for (std::size_t i = 0; i < all.size(); ++i) {
            EXPECT_EQ(all[i].conversationTag, kConvA);
            seen.insert(all[i].stanzaIdTag);
            if (i > 0) {
                EXPECT_LT(std::make_pair(all[i - 1].ts, all[i - 1].id),
                          std::make_pair(all[i].ts, all[i].id))
                    << "at " << i;
            }
        }
        EXPECT_EQ(seen.size(), 500u);
        // Forward is exactly backward reversed.
        auto backward = pageAll(kConvA, 64);
        std::reverse(backward.begin(), backward.end());
        ASSERT_EQ(backward.size(), all.size());
        for (std::size_t i = 0; i < all.size(); ++i)
            EXPECT_EQ(backward[i].id, all[i].id);
    }

    // Starting after a given message (jumping to it): only what is strictly newer.
    auto first = repo.pageAfter(kConvA, MessageRepository::kOldest, MessageRepository::kOldest, 3);
    ASSERT_TRUE(first.ok() && first->size() == 3u);
    auto next = repo.pageAfter(kConvA, (*first)[1].ts, (*first)[1].id, 1);
    ASSERT_TRUE(next.ok() && next->size() == 1u);
    EXPECT_EQ(next->front().id, (*first)[2].id);
    auto none = repo.pageAfter(kConvA, 0, 0, 0);
    ASSERT_TRUE(none.ok());
    EXPECT_TRUE(none->empty());
}

TEST_F(MessageRepositoryTest, PageAfterWalksTheIndexWithoutSorting)
{
    auto plan = m_db.prepare(QStringLiteral(
        "EXPLAIN QUERY PLAN SELECT id, conversation_tag, ts, stanza_id_tag, origin_id_tag, "
        "direction, state, sealed, flags FROM messages WHERE conversation_tag = ?1 AND (ts, id) > "
        "(?2, ?3) ORDER BY ts ASC, id ASC LIMIT ?4"));
    ASSERT_TRUE(plan.ok()) << plan.error();
    QString text;
    for (;;) {
        auto r = plan->step();
        ASSERT_TRUE(r.ok()) << r.error();
        if (!*r)
            break;
        text += plan->columnText(3) + QLatin1Char('\n');
    }
    EXPECT_TRUE(text.contains(QStringLiteral("messages_page"))) << text.toStdString();
    EXPECT_FALSE(text.contains(QStringLiteral("TEMP B-TREE"))) << text.toStdString();
}

TEST_F(MessageRepositoryTest, NewestIsTheLatestRowOfTheConversation)
{
    MessageRepository repo(m_db);
    auto empty = repo.newest(kConvA);
    ASSERT_TRUE(empty.ok()) << empty.error();
    EXPECT_FALSE(empty->has_value());
    auto out = insertOrFail({row(kConvA, 5, "s1"), row(kConvA, 9, "s2"), row(kConvA, 9, "s3"),
                             row(kConvA, 7, "s4"), row(kConvB, 100, "s5")});
    ASSERT_EQ(out.size(), 5u);
    auto latest = repo.newest(kConvA);
    ASSERT_TRUE(latest.ok() && latest->has_value());
    EXPECT_EQ((*latest)->id, out[2].id) << "equal ts: the later id wins";
    EXPECT_EQ((*latest)->stanzaIdTag, QByteArray("s3"));
}

TEST_F(MessageRepositoryTest, FindsByStanzaIdOriginIdAndRowId)
{
    auto out = insertOrFail(
        {row(kConvA, 1, "s1", "o1"), row(kConvA, 2, {}, "o2"), row(kConvB, 3, "s1", "o1")});
    ASSERT_EQ(out.size(), 3u);
    MessageRepository repo(m_db);

    auto byStanza = repo.findByStanzaIdTag(kConvA, "s1");
    ASSERT_TRUE(byStanza.ok() && byStanza->has_value());
    EXPECT_EQ((*byStanza)->id, out[0].id);
    auto inB = repo.findByStanzaIdTag(kConvB, "s1");
    ASSERT_TRUE(inB.ok() && inB->has_value());
    EXPECT_EQ((*inB)->id, out[2].id) << "the same tag in another conversation is another row";

    auto byOrigin = repo.findByOriginIdTag(kConvA, "o2");
    ASSERT_TRUE(byOrigin.ok() && byOrigin->has_value());
    EXPECT_EQ((*byOrigin)->id, out[1].id);
    EXPECT_EQ((*byOrigin)->sealed, row(kConvA, 2, {}, "o2").sealed);
    EXPECT_TRUE((*byOrigin)->stanzaIdTag.isNull());

    auto byId = repo.findById(out[1].id);
    ASSERT_TRUE(byId.ok() && byId->has_value());
    EXPECT_EQ((*byId)->originIdTag, QByteArray("o2"));
    EXPECT_EQ((*byId)->conversationTag, kConvA);

    // Absent: no row, no error. A stanza tag is never found as an origin tag.
    for (auto missing :
         {repo.findByStanzaIdTag(kConvA, "s9"), repo.findByStanzaIdTag(kConvA, "o1"),
          repo.findByOriginIdTag(kConvA, "s1"), repo.findByOriginIdTag(kConvB, "o2"),
          repo.findByStanzaIdTag(kConvA, QByteArray()), repo.findById(out[2].id + 100)}) {
        ASSERT_TRUE(missing.ok()) << missing.error();
        EXPECT_FALSE(missing->has_value());
    }
}

TEST_F(MessageRepositoryTest, SetStanzaIdTagOnOwnMessage)
{
    // Our message, stored under its origin id; the server's stanza-id arrives later.
    auto out = insertOrFail(
        {row(kConvA, 1, {}, "o1"), row(kConvA, 2, "s-taken", "o2"), row(kConvA, 3, "s-bound")});
    ASSERT_EQ(out.size(), 3u);
    MessageRepository repo(m_db);
    auto set = repo.setStanzaIdTag(out[0].id, "s1");
    ASSERT_TRUE(set.ok()) << set.error();
    EXPECT_TRUE(*set);
    auto found = repo.findByStanzaIdTag(kConvA, "s1");
    ASSERT_TRUE(found.ok() && found->has_value());
    EXPECT_EQ((*found)->id, out[0].id);
    // The binding (associated data) is unchanged: it uses the origin id tag.
    EXPECT_EQ(MessageRepository::sealedAssociatedData(**found),
              MessageRepository::sealedAssociatedData(kConvA, {}, "o1"));

    // The same stanza-id arriving again (MAM) is now a duplicate of that row.
    auto dup = repo.insertBatch({row(kConvA, 1, "s1")});
    ASSERT_TRUE(dup.ok()) << dup.error();
    EXPECT_FALSE(dup->front().inserted);
    EXPECT_EQ(dup->front().id, out[0].id);

    // A stanza id tag another message of the conversation has: store.duplicate, nothing changed.
    auto taken = repo.setStanzaIdTag(out[0].id, "s-taken");
    ASSERT_FALSE(taken.ok());
    EXPECT_EQ(taken.error().code, "store.duplicate") << taken.error().detail;
    found = repo.findById(out[0].id);
    ASSERT_TRUE(found.ok() && found->has_value());
    EXPECT_EQ((*found)->stanzaIdTag, QByteArray("s1"));

    // Absent row.
    auto absent = repo.setStanzaIdTag(out[2].id + 100, "s9");
    ASSERT_TRUE(absent.ok()) << absent.error();
    EXPECT_FALSE(*absent);

    // A row bound by its stanza id tag keeps it (its sealed value would no longer open).
    auto bound = repo.setStanzaIdTag(out[2].id, "s-other");
    ASSERT_FALSE(bound.ok());
    EXPECT_EQ(bound.error().code, "store.error");
    auto same = repo.setStanzaIdTag(out[2].id, "s-bound");
    ASSERT_TRUE(same.ok()) << same.error();
    EXPECT_TRUE(*same);
    EXPECT_FALSE(repo.setStanzaIdTag(out[0].id, QByteArray()).ok());
}

TEST_F(MessageRepositoryTest, ReplaceSealedRecallsAMessage)
{
    const Keys keys;
    MessageRow r;
    r.conversationTag = keys.conversationTag("alice@example.org");
    r.ts = 10;
    r.originIdTag = keys.originTag("m1");
    auto sealed =
        Aead::seal(keys.messageKey, "body:secret text", MessageRepository::sealedAssociatedData(r));
    ASSERT_TRUE(sealed.ok());
    r.sealed = *sealed;
    auto out = insertOrFail({r, row(r.conversationTag, 11, "s-other")});
    ASSERT_EQ(out.size(), 2u);

    // The recall: a new sealed value under the same associated data, and the plain flag.
    auto tombstone =
        Aead::seal(keys.messageKey, "recalled", MessageRepository::sealedAssociatedData(r));
    ASSERT_TRUE(tombstone.ok());
    MessageRepository repo(m_db);
    auto replaced = repo.replaceSealed(out[0].id, *tombstone, MessageRepository::kFlagRecalled);
    ASSERT_TRUE(replaced.ok()) << replaced.error();
    EXPECT_TRUE(*replaced);

    auto found = repo.findById(out[0].id);
    ASSERT_TRUE(found.ok() && found->has_value());
    EXPECT_EQ((*found)->flags, MessageRepository::kFlagRecalled);
    EXPECT_NE((*found)->sealed, r.sealed) << "the recalled text is gone from the row";
    auto opened = Aead::open(keys.messageKey, (*found)->sealed,
                             MessageRepository::sealedAssociatedData(**found));
    ASSERT_TRUE(opened.ok()) << opened.error();
    EXPECT_EQ(*opened, QByteArray("recalled"));
    EXPECT_EQ((*found)->ts, 10) << "the message keeps its place";

    auto other = repo.findById(out[1].id);
    ASSERT_TRUE(other.ok() && other->has_value());
    EXPECT_EQ((*other)->flags, 0);

    auto absent = repo.replaceSealed(out[1].id + 100, "x", 1);
    ASSERT_TRUE(absent.ok());
    EXPECT_FALSE(*absent);
    EXPECT_FALSE(repo.replaceSealed(out[0].id, QByteArray(), 1).ok()) << "sealed is NOT NULL";
}

TEST_F(MessageRepositoryTest, RaiseStateNeverGoesBack)
{
    constexpr qint64 kSent = 1, kDelivered = 2, kRead = 3;
    auto out = insertOrFail({row(kConvA, 1, "s1")});
    ASSERT_EQ(out.size(), 1u);
    const qint64 id = out[0].id;
    MessageRepository repo(m_db);
    auto state = [&repo, id]() {
        auto found = repo.findById(id);
        return found.ok() && found->has_value() ? (*found)->state : qint64{-1};
    };
    auto raised = repo.raiseState(id, kSent);
    ASSERT_TRUE(raised.ok()) << raised.error();
    EXPECT_TRUE(*raised);
    // The read marker overtakes the delivery receipt.
    raised = repo.raiseState(id, kRead);
    ASSERT_TRUE(raised.ok());
    EXPECT_TRUE(*raised);
    EXPECT_EQ(state(), kRead);
    raised = repo.raiseState(id, kDelivered);
    ASSERT_TRUE(raised.ok());
    EXPECT_FALSE(*raised) << "a late delivery receipt must not un-read the message";
    EXPECT_EQ(state(), kRead);
    raised = repo.raiseState(id, kRead);
    ASSERT_TRUE(raised.ok());
    EXPECT_FALSE(*raised);
    raised = repo.raiseState(id + 100, kRead);
    ASSERT_TRUE(raised.ok());
    EXPECT_FALSE(*raised);
}

TEST_F(MessageRepositoryTest, DiskFullRollsTheBatchBackAndTheStoreStaysUsable)
{
    insertOrFail({row(kConvA, 1, "s1")});
    const qint64 pages = [this] {
        auto stmt = m_db.prepare(QStringLiteral("PRAGMA page_count"));
        return stmt.ok() && stmt->step().ok() ? stmt->columnInt64(0) : qint64{-1};
    }();
    ASSERT_GT(pages, 0);
    IMP_ASSERT_OK(m_db.exec(QStringLiteral("PRAGMA max_page_count = %1").arg(pages)));
    std::vector<MessageRow> rows;
    for (int i = 0; i < 50; ++i) {
        MessageRow r = row(kConvA, 10 + i, "big" + QByteArray::number(i));
        r.sealed = QByteArray(16 * 1024, 'x');
        rows.push_back(r);
    }
    MessageRepository repo(m_db);
    auto full = repo.insertBatch(rows);
    ASSERT_FALSE(full.ok());
    EXPECT_EQ(full.error().code, "store.disk_full") << full.error().detail;
    EXPECT_EQ(countOrFail(kConvA), 1) << "nothing of the failed batch stays";

    IMP_ASSERT_OK(m_db.exec(QStringLiteral("PRAGMA max_page_count = 1073741823")));
    auto stored = repo.insertBatch(rows);
    ASSERT_TRUE(stored.ok()) << stored.error();
    EXPECT_EQ(countOrFail(kConvA), 51);
    auto updated = repo.raiseState(stored->front().id, 2);
    ASSERT_TRUE(updated.ok());
    EXPECT_TRUE(*updated);
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

// The canary: after sealed messages are written, neither the database file nor its WAL holds
// the message text, the peer's JID or the message ids in the clear.
TEST_F(MessageRepositoryTest, DatabaseFilesHoldNoPlaintextBodyOrPeerJid)
{
    const Keys keys;
    const QByteArray jid = "canary.peer.7f3a@example.org";
    const QByteArray body = "CANARY body text 91c2e4 - the quick brown fox";
    const QByteArray originId = "canary-origin-5b8d";
    const QByteArray stanzaId = "canary-stanza-0e61";
    std::vector<MessageRow> rows;
    for (int i = 0; i < 200; ++i) {
        MessageRow r;
        r.conversationTag = keys.conversationTag(jid);
        r.ts = 1700000000000 + i;
        r.stanzaIdTag = keys.stanzaTag(stanzaId + QByteArray::number(i));
        r.originIdTag = keys.originTag(originId + QByteArray::number(i));
        auto sealed =
            Aead::seal(keys.messageKey, "from:" + jid + "\nbody:" + body + QByteArray::number(i),
                       MessageRepository::sealedAssociatedData(r));
        ASSERT_TRUE(sealed.ok()) << sealed.error();
        r.sealed = *sealed;
        rows.push_back(r);
    }
    auto out = insertOrFail(rows);
    ASSERT_EQ(out.size(), rows.size());

    const QByteArray wal = readFile(dbPath() + QStringLiteral("-wal"));
    ASSERT_FALSE(wal.isEmpty()) << "the committed batch is in the WAL";
    const QByteArray tag = keys.conversationTag(jid);
    ASSERT_TRUE(wal.contains(tag)) << "the check reads the bytes SQLite really wrote";

    const QList<QByteArray> canaries{
        jid,
        "canary.peer.7f3a",
        body.left(24),
        originId,
        stanzaId,
        QString::fromUtf8(jid).toUtf8().toBase64(),
        QByteArray(reinterpret_cast<const char *>(QString::fromUtf8(jid).utf16()), jid.size() * 2)};
    auto expectClean = [&canaries](const QByteArray &bytes, const char *what) {
        for (const QByteArray &canary : canaries)
            EXPECT_FALSE(bytes.contains(canary)) << what << " contains " << canary.toStdString();
    };
    expectClean(wal, "WAL");
    expectClean(readFile(dbPath()), "database");

    // After a checkpoint the rows live in the main file; still nothing readable.
    IMP_ASSERT_OK(m_db.checkpoint());
    const QByteArray main = readFile(dbPath());
    ASSERT_TRUE(main.contains(tag));
    expectClean(main, "checkpointed database");
    expectClean(readFile(dbPath() + QStringLiteral("-wal")), "WAL after checkpoint");
}

} // namespace

TEST_F(MessageRepositoryTest, RemoveDeletesOneMessageOnly)
{
    insertOrFail({row(kConvA, 1, "s1"), row(kConvA, 2, "s2")});
    MessageRepository repo(m_db);
    auto page = repo.pageBefore(kConvA, MessageRepository::kNewest, MessageRepository::kNewest, 10);
    ASSERT_TRUE(page.ok());
    ASSERT_EQ(page->size(), 2u);
    auto removed = repo.remove(page->front().id);
    ASSERT_TRUE(removed.ok());
    EXPECT_TRUE(*removed);
    EXPECT_EQ(countOrFail(kConvA), 1);
    removed = repo.remove(page->front().id);
    ASSERT_TRUE(removed.ok());
    EXPECT_FALSE(*removed) << "already gone";
}
