#include "ConsentLedger.h"

#include "crypto/Aead.h"
#include "crypto/Hmac.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QtEndian>

namespace imp::legal {
namespace {

const QByteArray kGenesis(32, '\0');
const QByteArray kHeadAd = "consent_head/sealed/1";

Error tampered(const char *what)
{
    return makeError("legal.ledger_tampered", what);
}

} // namespace

ConsentLedger::ConsentLedger(LedgerKeys keys)
    : m_keys(std::move(keys))
    , m_lastChain(kGenesis)
{}

QByteArray ConsentLedger::recordAd(qint64 seq)
{
    return "consent_records/sealed/" + QByteArray::number(seq);
}

QByteArray ConsentLedger::link(const QByteArray &previous, qint64 seq,
                               const QByteArray &sealed) const
{
    QByteArray seqBytes(8, '\0');
    qToBigEndian<qint64>(seq, seqBytes.data());
    return crypto::Hmac::sha256(m_keys.chainKey, previous + seqBytes + sealed);
}

Result<QByteArray> ConsentLedger::sealHead(qint64 count, const QByteArray &lastChain) const
{
    const QJsonObject head{{"count", count}, {"last", QString::fromLatin1(lastChain.toBase64())}};
    return crypto::Aead::seal(m_keys.sealKey, QJsonDocument(head).toJson(QJsonDocument::Compact),
                              kHeadAd);
}

Result<ConsentLedger> ConsentLedger::load(LedgerKeys keys,
                                          const std::vector<SealedConsentRow> &rows,
                                          const QByteArray &sealedHead)
{
    ConsentLedger ledger(std::move(keys));
    if (rows.empty() && sealedHead.isEmpty())
        return ledger;
    if (sealedHead.isEmpty())
        return tampered("records without a head");

    qint64 expectedSeq = 1;
    for (const auto &row : rows) {
        if (row.seq != expectedSeq++)
            return tampered("a record is missing or out of order");
        const QByteArray expectedLink = ledger.link(ledger.m_lastChain, row.seq, row.sealed);
        if (!crypto::Hmac::constantTimeEquals(expectedLink, row.chain))
            return tampered("a record's chain link does not match");
        auto plain = crypto::Aead::open(ledger.m_keys.sealKey, row.sealed, recordAd(row.seq));
        if (!plain)
            return tampered("a record cannot be opened");
        auto record = ConsentRecord::fromJson(plain.value());
        if (!record)
            return tampered("a record is malformed");
        ledger.m_records.push_back(std::move(*record));
        ledger.m_lastChain = expectedLink;
    }

    auto head = crypto::Aead::open(ledger.m_keys.sealKey, sealedHead, kHeadAd);
    if (!head)
        return tampered("the head cannot be opened");
    const auto headObject = QJsonDocument::fromJson(head.value()).object();
    const auto count = headObject.value("count").toInteger(-1);
    const auto last = QByteArray::fromBase64(headObject.value("last").toString().toLatin1());
    if (count != static_cast<qint64>(rows.size()) ||
        !crypto::Hmac::constantTimeEquals(last, ledger.m_lastChain))
        return tampered("the head does not match the records (truncated?)");
    return ledger;
}

Result<ConsentLedger::Append> ConsentLedger::prepareAppend(const ConsentRecord &record) const
{
    const qint64 seq = static_cast<qint64>(m_records.size()) + 1;
    auto sealed = crypto::Aead::seal(m_keys.sealKey, record.toJson(), recordAd(seq));
    if (!sealed)
        return sealed.error();
    const QByteArray chain = link(m_lastChain, seq, sealed.value());
    auto head = sealHead(seq, chain);
    if (!head)
        return head.error();
    return Append{SealedConsentRow{seq, sealed.value(), chain}, head.value(), record};
}

void ConsentLedger::commit(const Append &append)
{
    m_records.push_back(append.record);
    m_lastChain = append.row.chain;
}

std::optional<ConsentRecord> ConsentLedger::latestDecision(const QString &documentId) const
{
    for (auto it = m_records.rbegin(); it != m_records.rend(); ++it) {
        if (it->documentId == documentId)
            return *it;
    }
    return std::nullopt;
}

} // namespace imp::legal
