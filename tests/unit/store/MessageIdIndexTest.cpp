#include "store/MessageIdIndex.h"

#include "StoreTestSupport.h"
#include "crypto/SecureRandom.h"
#include "store/MessageRepository.h"

#include <gtest/gtest.h>

using imp::crypto::SecureRandom;
using imp::store::InsertOutcome;
using imp::store::MessageRepository;
using imp::store::MessageRow;
using imp::store::detail::idKey;

namespace {

const QByteArray kConvA(32, 'A');
const QByteArray kConvB(32, 'B');

// 32-byte tags (as chat/'s HMACs) whose keys collide on purpose: the key of a 32-byte tag is its
// first 8 bytes (XOR the conversation's), so tags that share those collide within a conversation.
QByteArray tag(const char *prefix8, char fill)
{
    return QByteArray(prefix8, 8) + QByteArray(24, fill);
}

class MessageIdIndexTest : public imp::store::test::MigratedDatabaseTest {
protected:
    static MessageRow row(const QByteArray &conv, qint64 ts, const QByteArray &stanza,
                          const QByteArray &origin = {})
    {
        MessageRow r;
        r.conversationTag = conv;
        r.ts = ts;
        r.stanzaIdTag = stanza;
        r.originIdTag = origin;
        r.direction = 1;
        r.sealed = QByteArray("\x01\x00sealed-", 9) + QByteArray::number(ts);
        return r;
    }

    InsertOutcome insertOne(const MessageRow &r)
    {
        auto out = MessageRepository(m_db).insertBatch({r});
        EXPECT_TRUE(out.ok()) << out.error();
        return out.ok() && out->size() == 1 ? out->front() : InsertOutcome{};
    }

    qint64 stanzaFound(const QByteArray &conv, const QByteArray &stanza)
    {
        auto found = MessageRepository(m_db).findByStanzaIdTag(conv, stanza);
        EXPECT_TRUE(found.ok()) << found.error();
        return found.ok() && found->has_value() ? (*found)->id : 0;
    }

    qint64 originFound(const QByteArray &conv, const QByteArray &origin)
    {
        auto found = MessageRepository(m_db).findByOriginIdTag(conv, origin);
        EXPECT_TRUE(found.ok()) << found.error();
        return found.ok() && found->has_value() ? (*found)->id : 0;
    }

    // Whether the row holds its stanza key (false: it waits in the overflow index).
    bool holdsStanzaKey(qint64 id)
    {
        return queryInt(QStringLiteral("SELECT stanza_key IS NOT NULL FROM messages WHERE id = %1")
                            .arg(id)) == 1;
    }
};

TEST_F(MessageIdIndexTest, KeyIsTheHmacPrefixOrAHashOfOtherTags)
{
    const QByteArray zeroConv(32, '\0');
    const QByteArray hmac = QByteArray("\x01\x02\x03\x04\x05\x06\x07\x08", 8) + QByteArray(24, 'z');
    EXPECT_EQ(idKey(zeroConv, hmac), 0x0102030405060708);
    // FNV-1a-64("a"), the published test vector: the function must never change.
    EXPECT_EQ(static_cast<quint64>(idKey(zeroConv, "a")), 0xaf63dc4c8601ec8cULL);
    // The conversation is mixed in, and short tags sharing a prefix still differ.
    EXPECT_NE(idKey(kConvA, hmac), idKey(kConvB, hmac));
    EXPECT_NE(idKey(kConvA, "stanza-1"), idKey(kConvA, "stanza-10"));
    EXPECT_NE(idKey(kConvA, "s1"), idKey(kConvA, "s2"));
    EXPECT_EQ(idKey(kConvA, tag("KEYPREFX", '1')), idKey(kConvA, tag("KEYPREFX", '2')));
}

TEST_F(MessageIdIndexTest, CollidingTagsAreDifferentMessagesFoundExactly)
{
    const QByteArray t1 = tag("KEYPREFX", '1');
    const QByteArray t2 = tag("KEYPREFX", '2');
    const InsertOutcome first = insertOne(row(kConvA, 1, t1));
    const InsertOutcome second = insertOne(row(kConvA, 2, t2));
    ASSERT_TRUE(first.inserted);
    ASSERT_TRUE(second.inserted) << "a shared key is not a duplicate";
    EXPECT_NE(first.id, second.id);
    EXPECT_TRUE(holdsStanzaKey(first.id));
    EXPECT_FALSE(holdsStanzaKey(second.id));

    EXPECT_EQ(stanzaFound(kConvA, t1), first.id);
    EXPECT_EQ(stanzaFound(kConvA, t2), second.id);
    EXPECT_EQ(stanzaFound(kConvA, tag("KEYPREFX", '3')), 0);
    const InsertOutcome again1 = insertOne(row(kConvA, 3, t1));
    const InsertOutcome again2 = insertOne(row(kConvA, 4, t2));
    EXPECT_FALSE(again1.inserted);
    EXPECT_EQ(again1.id, first.id);
    EXPECT_FALSE(again2.inserted);
    EXPECT_EQ(again2.id, second.id);
    const InsertOutcome third = insertOne(row(kConvA, 5, tag("KEYPREFX", '3')));
    EXPECT_TRUE(third.inserted);
    EXPECT_EQ(stanzaFound(kConvA, tag("KEYPREFX", '3')), third.id);
    EXPECT_EQ(*MessageRepository(m_db).count(kConvA), 3);
}

TEST_F(MessageIdIndexTest, PairsCollidingAcrossConversationsStayApart)
{
    // 'A' ^ 'B' ^ 'X' == '[': (A, x) and (B, y) have one key.
    const QByteArray x = tag("XXXXXXXX", 'x');
    const QByteArray y = tag("[[[[[[[[", 'y');
    ASSERT_EQ(idKey(kConvA, x), idKey(kConvB, y));
    const InsertOutcome inA = insertOne(row(kConvA, 1, {}, x));
    const InsertOutcome inB = insertOne(row(kConvB, 1, {}, y));
    ASSERT_TRUE(inA.inserted);
    ASSERT_TRUE(inB.inserted);
    EXPECT_EQ(originFound(kConvA, x), inA.id);
    EXPECT_EQ(originFound(kConvB, y), inB.id);
    EXPECT_EQ(originFound(kConvA, y), 0);
    EXPECT_EQ(originFound(kConvB, x), 0);
    EXPECT_FALSE(insertOne(row(kConvB, 2, {}, y)).inserted);
    EXPECT_TRUE(insertOne(row(kConvB, 3, {}, x)).inserted) << "x is new in B";
}

// Without the hand-over, the second tag would be stored again once the first row is gone.
TEST_F(MessageIdIndexTest, RemovingTheKeyHolderHandsTheKeyToTheWaitingRow)
{
    const QByteArray t1 = tag("SAMEPREF", '1');
    const QByteArray t2 = tag("SAMEPREF", '2');
    const InsertOutcome first = insertOne(row(kConvA, 1, t1, "o1"));
    const InsertOutcome second = insertOne(row(kConvA, 2, t2, "o2"));
    ASSERT_FALSE(holdsStanzaKey(second.id));
    MessageRepository repo(m_db);
    ASSERT_TRUE(*repo.remove(first.id));
    EXPECT_TRUE(holdsStanzaKey(second.id));

    const InsertOutcome dup = insertOne(row(kConvA, 3, t2));
    EXPECT_FALSE(dup.inserted);
    EXPECT_EQ(dup.id, second.id);
    EXPECT_EQ(stanzaFound(kConvA, t2), second.id);
    EXPECT_EQ(stanzaFound(kConvA, t1), 0);
    const InsertOutcome back = insertOne(row(kConvA, 4, t1));
    EXPECT_TRUE(back.inserted) << "t1's message was deleted, so it is new again";
    EXPECT_FALSE(holdsStanzaKey(back.id));
    EXPECT_EQ(stanzaFound(kConvA, t1), back.id);
    EXPECT_EQ(originFound(kConvA, "o2"), second.id);
}

TEST_F(MessageIdIndexTest, OriginTagsCollideAndDeduplicateExactly)
{
    const QByteArray o1 = tag("ORIGINPX", '1');
    const QByteArray o2 = tag("ORIGINPX", '2');
    const InsertOutcome first = insertOne(row(kConvA, 1, "s1", o1));
    const InsertOutcome second = insertOne(row(kConvA, 2, {}, o2));
    ASSERT_TRUE(first.inserted);
    ASSERT_TRUE(second.inserted);
    // Our own message coming back from the archive, now with a stanza-id: a duplicate.
    const InsertOutcome reflected = insertOne(row(kConvA, 3, "s-from-mam", o2));
    EXPECT_FALSE(reflected.inserted);
    EXPECT_EQ(reflected.id, second.id);
    // Matching two different rows (stanza of one, origin of the other): the lower id.
    const InsertOutcome both = insertOne(row(kConvA, 4, "s1", o2));
    EXPECT_FALSE(both.inserted);
    EXPECT_EQ(both.id, first.id);
}

TEST_F(MessageIdIndexTest, StanzaIdTagsSetLaterKeepTheKeysRight)
{
    const QByteArray t1 = tag("LATERPFX", '1');
    const QByteArray t2 = tag("LATERPFX", '2');
    const InsertOutcome holder = insertOne(row(kConvA, 1, t1, "o1"));
    const InsertOutcome own = insertOne(row(kConvA, 2, {}, "o2"));
    MessageRepository repo(m_db);
    // The server's stanza-id for our message shares t1's key.
    auto set = repo.setStanzaIdTag(own.id, t2);
    ASSERT_TRUE(set.ok()) << set.error();
    EXPECT_TRUE(*set);
    EXPECT_FALSE(holdsStanzaKey(own.id));
    EXPECT_EQ(stanzaFound(kConvA, t2), own.id);
    EXPECT_EQ(insertOne(row(kConvA, 3, t2)).id, own.id);
    EXPECT_EQ(repo.setStanzaIdTag(own.id, t1).error().code, "store.duplicate");

    // The holder's stanza-id changes: its old key passes to the waiting row.
    ASSERT_TRUE(*repo.setStanzaIdTag(holder.id, tag("FRESHPFX", '1')));
    EXPECT_TRUE(holdsStanzaKey(own.id));
    EXPECT_EQ(stanzaFound(kConvA, t2), own.id);
    EXPECT_EQ(stanzaFound(kConvA, t1), 0);
    EXPECT_EQ(stanzaFound(kConvA, tag("FRESHPFX", '1')), holder.id);
    EXPECT_TRUE(insertOne(row(kConvA, 4, t1)).inserted);
}

// The dedupe indexes are what every insert touches at a random place: they hold 8-byte keys,
// and the overflow indexes stay empty for real (random) tags.
TEST_F(MessageIdIndexTest, DedupeIndexesHoldCompactKeysOnly)
{
    for (const char *index : {"messages_stanza_key", "messages_origin_key"}) {
        auto info = m_db.prepare(QStringLiteral("SELECT name FROM pragma_index_info('%1')")
                                     .arg(QString::fromLatin1(index)));
        ASSERT_TRUE(info.ok()) << info.error();
        QStringList columns;
        while (*info->step())
            columns << info->columnText(0);
        EXPECT_EQ(columns.size(), 1) << index;
        EXPECT_TRUE(columns.value(0).endsWith(QStringLiteral("_key"))) << index;
    }
    std::vector<MessageRow> rows;
    for (int i = 0; i < 2000; ++i)
        rows.push_back(
            row(SecureRandom::bytes(32), i, SecureRandom::bytes(32), SecureRandom::bytes(32)));
    auto out = MessageRepository(m_db).insertBatch(rows);
    ASSERT_TRUE(out.ok()) << out.error();
    EXPECT_EQ(queryInt(QStringLiteral("SELECT count(*) FROM messages WHERE stanza_key IS NULL OR "
                                      "origin_key IS NULL")),
              0);
}

} // namespace
