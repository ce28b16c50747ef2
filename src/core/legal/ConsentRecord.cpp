#include "ConsentRecord.h"

#include "AgreementCatalogue.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>

namespace imp::legal {
namespace {

QString decisionName(ConsentDecision decision)
{
    switch (decision) {
    case ConsentDecision::Accepted:
        return "accepted";
    case ConsentDecision::Declined:
        return "declined";
    case ConsentDecision::Withdrawn:
        return "withdrawn";
    }
    return {};
}

std::optional<ConsentDecision> decisionFromName(const QString &name)
{
    for (auto d :
         {ConsentDecision::Accepted, ConsentDecision::Declined, ConsentDecision::Withdrawn})
        if (decisionName(d) == name)
            return d;
    return std::nullopt;
}

} // namespace

ConsentRecord ConsentRecord::decide(const AgreementDocument &document, ConsentDecision decision,
                                    const QString &locale, const QString &appVersion)
{
    ConsentRecord record;
    record.documentId = document.id;
    record.version = document.version;
    record.sha256Hex = document.sha256Hex;
    record.decidedAtMs = QDateTime::currentMSecsSinceEpoch();
    record.appVersion = appVersion;
    record.locale = locale;
    record.decision = decision;
    return record;
}

QByteArray ConsentRecord::toJson() const
{
    QJsonObject o{{"doc", documentId},
                  {"ver", version},
                  {"sha256", QString::fromLatin1(sha256Hex)},
                  {"at", decidedAtMs},
                  {"app", appVersion},
                  {"locale", locale},
                  {"decision", decisionName(decision)}};
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

std::optional<ConsentRecord> ConsentRecord::fromJson(const QByteArray &json)
{
    const auto doc = QJsonDocument::fromJson(json);
    if (!doc.isObject())
        return std::nullopt;
    const auto o = doc.object();
    const auto decision = decisionFromName(o.value("decision").toString());
    if (!decision || !o.value("ver").isDouble() || !o.value("at").isDouble())
        return std::nullopt;
    ConsentRecord r;
    r.documentId = o.value("doc").toString();
    r.version = o.value("ver").toInt();
    r.sha256Hex = o.value("sha256").toString().toLatin1();
    r.decidedAtMs = o.value("at").toInteger();
    r.appVersion = o.value("app").toString();
    r.locale = o.value("locale").toString();
    r.decision = *decision;
    return r;
}

} // namespace imp::legal
