#pragma once

#include "common/Result.h"

#include <QByteArray>
#include <QDate>
#include <QString>
#include <vector>

namespace imp::legal {

// Who a document must be accepted by.
enum class Audience {
    Everyone,     // the agreement itself
    UnderFourteen // children's personal-information rules (DESIGN §4)
};

struct AgreementDocument {
    QString id;
    int version = 0;
    QDate effective;
    QString file;
    QByteArray sha256Hex; // from the manifest
    Audience audience = Audience::Everyone;
    QString titleZh;
    QString titleEn;
    QString changesZh; // what changed since the previous version, shown on re-consent
    QString changesEn;
    QString text;        // UTF-8 text; empty when the file is missing
    bool intact = false; // the text's SHA-256 equals the manifest's

    QString title(const QString &locale) const
    {
        return locale.startsWith("zh") ? titleZh : titleEn;
    }
    QString changes(const QString &locale) const
    {
        return locale.startsWith("zh") ? changesZh : changesEn;
    }
};

// The documents shipped with the app, each checked against the SHA-256 in its manifest.
// A document whose text does not match is kept (so the UI can say what is wrong) but is never
// offered for acceptance.
class AgreementCatalogue {
public:
    // `dir` holds manifest.json and the texts it names (":/legal" in the app).
    static Result<AgreementCatalogue> load(const QString &dir);

    const std::vector<AgreementDocument> &documents() const { return m_documents; }
    const AgreementDocument *find(const QString &id) const;
    // The document ready to be accepted, or legal.integrity / legal.unknown_document.
    Result<const AgreementDocument *> offerable(const QString &id) const;

    static constexpr const char *AgreementId = "imptech-agreement";
    static constexpr const char *ChildrenRulesId = "imptech-children-privacy";

private:
    std::vector<AgreementDocument> m_documents;
};

} // namespace imp::legal
