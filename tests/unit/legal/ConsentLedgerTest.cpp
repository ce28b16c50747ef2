#include "legal/ConsentLedger.h"

#include "crypto/SecureRandom.h"

#include <gtest/gtest.h>
#include <utility>

using imp::crypto::SecureRandom;
using imp::legal::ConsentDecision;
using imp::legal::ConsentLedger;
using imp::legal::ConsentRecord;
using imp::legal::LedgerKeys;
using imp::legal::SealedConsentRow;

namespace {

constexpr const char *Agreement = "imptech-agreement";
constexpr const char *ChildrenRules = "imptech-children-privacy";

ConsentRecord record(const QString &documentId, int version, ConsentDecision decision, qint64 atMs)
{
    ConsentRecord r;
    r.documentId = documentId;
    r.version = version;
    r.sha256Hex = QByteArray(64, static_cast<char>('a' + version % 6));
    r.decidedAtMs = atMs;
    r.appVersion = "0.1.0";
    r.locale = "zh_CN";
    r.decision = decision;
    return r;
}

// What the store holds: the rows, and the sealed head after each append (heads[i] is the head
// written together with rows[i]).
struct Store {
    std::vector<SealedConsentRow> rows;
    std::vector<QByteArray> heads;
    QByteArray head() const { return heads.empty() ? QByteArray() : heads.back(); }
};

class ConsentLedgerTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_EQ(m_keys.sealKey.size(), 32);
        ASSERT_EQ(m_keys.chainKey.size(), 32);
        ASSERT_NE(m_keys.sealKey, m_keys.chainKey);
    }

    static LedgerKeys randomKeys() { return {SecureRandom::bytes(32), SecureRandom::bytes(32)}; }

    // Appends like the app does: prepare, persist row and head together, then commit.
    static void append(ConsentLedger &ledger, Store &store, const ConsentRecord &r)
    {
        auto prepared = ledger.prepareAppend(r);
        ASSERT_TRUE(prepared.ok()) << prepared.error().code;
        store.rows.push_back(prepared->row);
        store.heads.push_back(prepared->sealedHead);
        ledger.commit(prepared.value());
    }

    // Three decisions over two documents, appended to an empty ledger.
    Store threeRecords()
    {
        Store store;
        ConsentLedger ledger(m_keys);
        for (const auto &r : m_three)
            append(ledger, store, r);
        EXPECT_EQ(ledger.records(), m_three);
        return store;
    }

    void expectTampered(const std::vector<SealedConsentRow> &rows, const QByteArray &head,
                        const LedgerKeys &keys)
    {
        auto loaded = ConsentLedger::load(keys, rows, head);
        ASSERT_FALSE(loaded.ok()) << "tampering went unnoticed";
        EXPECT_EQ(loaded.error().code, "legal.ledger_tampered");
    }
    void expectTampered(const std::vector<SealedConsentRow> &rows, const QByteArray &head)
    {
        expectTampered(rows, head, m_keys);
    }

    LedgerKeys m_keys = randomKeys();
    const std::vector<ConsentRecord> m_three{
        record(Agreement, 1, ConsentDecision::Accepted, 1'795'000'000'000),
        record(ChildrenRules, 1, ConsentDecision::Accepted, 1'795'000'001'000),
        record(Agreement, 2, ConsentDecision::Declined, 1'796'000'000'000),
    };
};

} // namespace

TEST_F(ConsentLedgerTest, EmptyStoreLoadsAsEmptyLedger)
{
    auto loaded = ConsentLedger::load(m_keys, {}, {});
    ASSERT_TRUE(loaded.ok()) << loaded.error().code;
    EXPECT_TRUE(loaded->records().empty());
    EXPECT_FALSE(loaded->latestDecision(Agreement).has_value());
}

TEST_F(ConsentLedgerTest, AppendedRecordsLoadBackInOrder)
{
    const Store store = threeRecords();
    ASSERT_EQ(store.rows.size(), 3u);
    for (size_t i = 0; i < store.rows.size(); ++i) {
        EXPECT_EQ(store.rows[i].seq, static_cast<qint64>(i + 1));
        // Sealed: the stored bytes do not reveal which document was decided on.
        EXPECT_FALSE(store.rows[i].sealed.contains("imptech-"));
        EXPECT_FALSE(store.rows[i].sealed.contains(m_three[i].toJson()));
    }

    auto loaded = ConsentLedger::load(m_keys, store.rows, store.head());
    ASSERT_TRUE(loaded.ok()) << loaded.error().code << ": " << loaded.error().detail;
    EXPECT_EQ(loaded->records(), m_three);
}

TEST_F(ConsentLedgerTest, LedgerLoadedFromStoreKeepsGrowing)
{
    Store store = threeRecords();
    auto loaded = ConsentLedger::load(m_keys, store.rows, store.head());
    ASSERT_TRUE(loaded.ok()) << loaded.error().code;
    // After a restart the next consent continues the same chain.
    const auto fourth = record(Agreement, 2, ConsentDecision::Accepted, 1'797'000'000'000);
    append(loaded.value(), store, fourth);
    ASSERT_EQ(store.rows.back().seq, 4);

    auto reloaded = ConsentLedger::load(m_keys, store.rows, store.head());
    ASSERT_TRUE(reloaded.ok()) << reloaded.error().code << ": " << reloaded.error().detail;
    ASSERT_EQ(reloaded->records().size(), 4u);
    EXPECT_EQ(reloaded->records().back(), fourth);
    EXPECT_EQ(reloaded->latestDecision(Agreement), fourth);
}

TEST_F(ConsentLedgerTest, UncommittedAppendLeavesLedgerUnchanged)
{
    Store store = threeRecords();
    auto ledger = ConsentLedger::load(m_keys, store.rows, store.head());
    ASSERT_TRUE(ledger.ok()) << ledger.error().code;
    // The store's transaction failed: nothing is persisted and commit() is never called.
    auto failed = ledger->prepareAppend(record(Agreement, 3, ConsentDecision::Accepted, 1));
    ASSERT_TRUE(failed.ok()) << failed.error().code;
    EXPECT_EQ(ledger->records(), m_three);

    // A retry takes the same place in the chain and the store stays loadable.
    const auto retried = record(Agreement, 3, ConsentDecision::Accepted, 2);
    append(ledger.value(), store, retried);
    EXPECT_EQ(store.rows.back().seq, failed->row.seq);
    auto reloaded = ConsentLedger::load(m_keys, store.rows, store.head());
    ASSERT_TRUE(reloaded.ok()) << reloaded.error().code;
    EXPECT_EQ(reloaded->records().back(), retried);
}

TEST_F(ConsentLedgerTest, FlippedByteInSealedRecordIsTampering)
{
    Store store = threeRecords();
    QByteArray &sealed = store.rows[1].sealed;
    sealed[sealed.size() / 2] = static_cast<char>(sealed[sealed.size() / 2] ^ 0x01);
    expectTampered(store.rows, store.head());
}

TEST_F(ConsentLedgerTest, ModifiedChainLinkIsTampering)
{
    Store store = threeRecords();
    QByteArray &chain = store.rows[1].chain;
    chain[0] = static_cast<char>(chain[0] ^ 0x80);
    expectTampered(store.rows, store.head());
}

TEST_F(ConsentLedgerTest, DeletedMiddleRowIsTampering)
{
    Store store = threeRecords();
    store.rows.erase(store.rows.begin() + 1);
    expectTampered(store.rows, store.head());
}

TEST_F(ConsentLedgerTest, DeletedMiddleRowRenumberedIsTampering)
{
    // Closing the gap in the sequence numbers does not help: the chain still breaks.
    Store store = threeRecords();
    store.rows.erase(store.rows.begin() + 1);
    store.rows[1].seq = 2;
    expectTampered(store.rows, store.head());
}

TEST_F(ConsentLedgerTest, TruncationBehindTheHeadIsTampering)
{
    // The newest decision (the decline) disappears, the head stays.
    Store store = threeRecords();
    store.rows.pop_back();
    expectTampered(store.rows, store.head());
}

TEST_F(ConsentLedgerTest, AllRowsDeletedButHeadKeptIsTampering)
{
    Store store = threeRecords();
    expectTampered({}, store.head());
}

TEST_F(ConsentLedgerTest, DeletedHeadWithRowsKeptIsTampering)
{
    Store store = threeRecords();
    expectTampered(store.rows, QByteArray());
}

TEST_F(ConsentLedgerTest, SwappedSealedValuesAreTampering)
{
    // Rows stay numbered 1, 2, 3 but the first and third records trade places.
    Store store = threeRecords();
    std::swap(store.rows[0].sealed, store.rows[2].sealed);
    expectTampered(store.rows, store.head());
}

TEST_F(ConsentLedgerTest, SwappedRowsRenumberedAreTampering)
{
    // Whole rows (record and link) moved and renumbered into a valid-looking sequence.
    Store store = threeRecords();
    std::swap(store.rows[1], store.rows[2]);
    store.rows[1].seq = 2;
    store.rows[2].seq = 3;
    expectTampered(store.rows, store.head());
}

TEST_F(ConsentLedgerTest, RowSplicedFromAnotherLedgerUnderTheSameKeysIsTampering)
{
    // The profile's keys outlive a quarantine, so the rows of the ledger before the reset
    // (kept as evidence) are sealed and linked with the same keys as the new ledger. Each row
    // is valid on its own; only the chain shows it belongs to a different history.
    const Store current = threeRecords();
    Store previous;
    ConsentLedger old(m_keys);
    append(old, previous, record(Agreement, 1, ConsentDecision::Declined, 1'700'000'000'000));
    ASSERT_EQ(previous.rows.front().seq, 1);

    std::vector<SealedConsentRow> spliced = current.rows;
    spliced[0] = previous.rows[0];
    expectTampered(spliced, current.head());
}

TEST_F(ConsentLedgerTest, OlderHeadIsTampering)
{
    Store store = threeRecords();
    ASSERT_EQ(store.heads.size(), 3u);
    ASSERT_TRUE(ConsentLedger::load(m_keys, {store.rows[0], store.rows[1]}, store.heads[1]).ok());
    // The head written after record 2 while all three rows remain.
    expectTampered(store.rows, store.heads[1]);
}

TEST_F(ConsentLedgerTest, RowsUnderADifferentChainKeyAreTampering)
{
    const Store store = threeRecords();
    expectTampered(store.rows, store.head(), LedgerKeys{m_keys.sealKey, SecureRandom::bytes(32)});
}

TEST_F(ConsentLedgerTest, RowsUnderADifferentSealKeyAreTampering)
{
    const Store store = threeRecords();
    expectTampered(store.rows, store.head(), LedgerKeys{SecureRandom::bytes(32), m_keys.chainKey});
}

TEST_F(ConsentLedgerTest, LatestDecisionIsTheNewestForThatDocumentOnly)
{
    Store store;
    ConsentLedger ledger(m_keys);
    const auto agreementV1 = record(Agreement, 1, ConsentDecision::Accepted, 1000);
    const auto agreementV2 = record(Agreement, 2, ConsentDecision::Accepted, 2000);
    const auto childrenDeclined = record(ChildrenRules, 1, ConsentDecision::Declined, 3000);
    append(ledger, store, agreementV1);
    append(ledger, store, agreementV2);
    // A later decision on another document does not shadow the agreement.
    append(ledger, store, childrenDeclined);

    EXPECT_EQ(ledger.latestDecision(Agreement), agreementV2);
    EXPECT_EQ(ledger.latestDecision(ChildrenRules), childrenDeclined);
    EXPECT_FALSE(ledger.latestDecision("imptech-marketing").has_value());

    auto loaded = ConsentLedger::load(m_keys, store.rows, store.head());
    ASSERT_TRUE(loaded.ok()) << loaded.error().code;
    EXPECT_EQ(loaded->latestDecision(Agreement), agreementV2);
    EXPECT_EQ(loaded->latestDecision(ChildrenRules), childrenDeclined);
}

TEST_F(ConsentLedgerTest, DeclineAfterAcceptanceIsTheLatestDecision)
{
    Store store;
    ConsentLedger ledger(m_keys);
    append(ledger, store, record(Agreement, 1, ConsentDecision::Accepted, 1000));
    append(ledger, store, record(Agreement, 1, ConsentDecision::Declined, 2000));

    auto latest = ledger.latestDecision(Agreement);
    ASSERT_TRUE(latest.has_value());
    EXPECT_EQ(latest->decision, ConsentDecision::Declined);

    // Still so after a restart.
    auto loaded = ConsentLedger::load(m_keys, store.rows, store.head());
    ASSERT_TRUE(loaded.ok()) << loaded.error().code;
    auto reloadedLatest = loaded->latestDecision(Agreement);
    ASSERT_TRUE(reloadedLatest.has_value());
    EXPECT_EQ(reloadedLatest->decision, ConsentDecision::Declined);
    EXPECT_EQ(reloadedLatest->decidedAtMs, 2000);
}
