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
        "direction, state, sealed FROM messages WHERE conversation_tag = ?1 AND (ts, id) < (?2, "
        "?3) "
        "ORDER BY ts DESC, id DESC LIMIT ?4"));
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
