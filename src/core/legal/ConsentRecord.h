#pragma once

#include <QByteArray>
#include <QString>
#include <optional>

namespace imp::legal {

struct AgreementDocument;

enum class ConsentDecision { Accepted, Declined, Withdrawn };

// One entry of the consent ledger: who accepted which exact text, when and how.
struct ConsentRecord {
    QString documentId;
    int version = 0;
    QByteArray sha256Hex;
    qint64 decidedAtMs = 0; // UTC milliseconds since epoch
    QString appVersion;
    QString locale;
    ConsentDecision decision = ConsentDecision::Accepted;

    // A decision on exactly this document text, now.
    static ConsentRecord decide(const AgreementDocument &document, ConsentDecision decision,
                                const QString &locale, const QString &appVersion);

    QByteArray toJson() const;
    static std::optional<ConsentRecord> fromJson(const QByteArray &json);
    bool operator==(const ConsentRecord &) const = default;
};

} // namespace imp::legal
