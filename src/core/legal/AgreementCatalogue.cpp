#include "AgreementCatalogue.h"

#include "common/Log.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace imp::legal {

Result<AgreementCatalogue> AgreementCatalogue::load(const QString &dir)
{
    QFile manifestFile(dir + "/manifest.json");
    if (!manifestFile.open(QIODevice::ReadOnly))
        return makeError("legal.manifest_missing", "cannot open the agreement manifest");
    QJsonParseError parseError{};
    const auto manifest = QJsonDocument::fromJson(manifestFile.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !manifest.isObject())
        return makeError("legal.manifest_invalid", parseError.errorString().toStdString());

    AgreementCatalogue catalogue;
    for (const auto &entry : manifest.object().value("documents").toArray()) {
        const auto object = entry.toObject();
        AgreementDocument doc;
        doc.id = object.value("id").toString();
        doc.version = object.value("version").toInt();
        doc.effective = QDate::fromString(object.value("effective").toString(), Qt::ISODate);
        doc.file = object.value("file").toString();
        doc.sha256Hex = object.value("sha256").toString().toLatin1().toLower();
        doc.audience = object.value("audience").toString() == "under14" ? Audience::UnderFourteen
                                                                        : Audience::Everyone;
        const auto title = object.value("title").toObject();
        doc.titleZh = title.value("zh_CN").toString();
        doc.titleEn = title.value("en").toString();
        const auto changes = object.value("changes").toObject();
        doc.changesZh = changes.value("zh_CN").toString();
        doc.changesEn = changes.value("en").toString();
        if (doc.id.isEmpty() || doc.version <= 0 || doc.file.isEmpty() ||
            doc.sha256Hex.size() != 64)
            return makeError("legal.manifest_invalid",
                             "a manifest entry lacks id/version/file/sha256");

        QFile textFile(dir + "/" + doc.file);
        if (textFile.open(QIODevice::ReadOnly)) {
            const QByteArray bytes = textFile.readAll();
            doc.intact = QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex() ==
                         doc.sha256Hex;
            doc.text = QString::fromUtf8(bytes);
        }
        if (!doc.intact)
            // No document id or file name: logs may later sit in the profile folder.
            IMP_LOG_ERROR("a shipped legal text (v{}) does not match its manifest hash",
                          doc.version);
        catalogue.m_documents.push_back(std::move(doc));
    }
    if (!catalogue.find(AgreementId))
        return makeError("legal.manifest_invalid", "the manifest has no agreement");
    return catalogue;
}

const AgreementDocument *AgreementCatalogue::find(const QString &id) const
{
    for (const auto &doc : m_documents) {
        if (doc.id == id)
            return &doc;
    }
    return nullptr;
}

Result<const AgreementDocument *> AgreementCatalogue::offerable(const QString &id) const
{
    const auto *doc = find(id);
    if (!doc)
        return makeError("legal.unknown_document", "no such document in the catalogue");
    if (!doc->intact)
        return makeError("legal.integrity", "document text does not match its manifest hash");
    return doc;
}

} // namespace imp::legal
