#pragma once

#include "common/Result.h"
#include "legal/ConsentRecord.h"

#include <QByteArray>
#include <optional>
#include <vector>

namespace imp::legal {

// A ledger row as persisted: opaque sealed record plus its chain link.
struct SealedConsentRow {
    qint64 seq = 0;
    QByteArray sealed;
    QByteArray chain;
};

struct LedgerKeys {
    QByteArray sealKey;  // AES-256-GCM key for records and head
    QByteArray chainKey; // HMAC key for the chain; secret, so an attacker cannot re-chain
};

// The append-only consent ledger. Each record is sealed with its sequence number as associated
// data and chained by HMAC to the one before; a sealed head stores the count and the last link,
// so an edited, reordered, deleted or truncated record is detected on load. Restoring a whole
// older copy of the folder (rollback) is not detected: that is the accepted residue.
// Storage is the caller's: this class only turns records into rows and back.
class ConsentLedger {
public:
    struct Append {
        SealedConsentRow row;
        QByteArray sealedHead;
        ConsentRecord record;
    };

    explicit ConsentLedger(LedgerKeys keys);

    // Verifies rows and head; legal.ledger_tampered names the first problem found.
    static Result<ConsentLedger> load(LedgerKeys keys, const std::vector<SealedConsentRow> &rows,
                                      const QByteArray &sealedHead);

    // Seals the next record. Persist row and head in one transaction, then call commit().
    Result<Append> prepareAppend(const ConsentRecord &record) const;
    void commit(const Append &append);

    const std::vector<ConsentRecord> &records() const { return m_records; }
    // The newest decision on a document; a later decline or withdrawal overrides an acceptance.
    std::optional<ConsentRecord> latestDecision(const QString &documentId) const;

private:
    static QByteArray recordAd(qint64 seq);
    QByteArray link(const QByteArray &previous, qint64 seq, const QByteArray &sealed) const;
    Result<QByteArray> sealHead(qint64 count, const QByteArray &lastChain) const;

    LedgerKeys m_keys;
    std::vector<ConsentRecord> m_records;
    QByteArray m_lastChain;
};

} // namespace imp::legal
