#include "legal/AgreementCatalogue.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <gtest/gtest.h>

using imp::legal::AgreementCatalogue;
using imp::legal::AgreementDocument;
using imp::legal::Audience;

namespace {

const QString ShippedDir = QStringLiteral(IMP_SOURCE_DIR "/legal");

QByteArray sha256Hex(const QByteArray &bytes)
{
    return QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex();
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        ADD_FAILURE() << "cannot read " << path.toStdString();
        return {};
    }
    return file.readAll();
}

void writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly | QIODevice::Truncate)) << path.toStdString();
    ASSERT_EQ(file.write(bytes), bytes.size());
}

// A copy of the shipped catalogue that a test may damage.
class CopiedCatalogueTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_dir.isValid());
        const QDir shipped(ShippedDir);
        const auto names = shipped.entryList(QDir::Files);
        ASSERT_TRUE(names.contains("manifest.json"));
        for (const auto &name : names)
            ASSERT_TRUE(QFile::copy(shipped.filePath(name), path(name))) << name.toStdString();
    }

    QString path(const QString &name) const { return m_dir.filePath(name); }

    QString fileOf(const char *id) const
    {
        const auto doc = QJsonDocument::fromJson(readFile(path("manifest.json")));
        for (const auto &entry : doc.object().value("documents").toArray()) {
            if (entry.toObject().value("id").toString() == QLatin1String(id))
                return entry.toObject().value("file").toString();
        }
        ADD_FAILURE() << "no manifest entry for " << id;
        return {};
    }

    QTemporaryDir m_dir;
};

// A one-document catalogue written from scratch, for checks that should not depend on the
// shipped wording.
QJsonObject entry(const QString &id, const QString &file, const QByteArray &sha256)
{
    return QJsonObject{
        {"id", id},
        {"version", 3},
        {"effective", "2027-01-15"},
        {"file", file},
        {"sha256", QString::fromLatin1(sha256)},
        {"audience", "everyone"},
        {"title", QJsonObject{{"zh_CN", "协议标题"}, {"en", "Agreement title"}}},
        {"changes", QJsonObject{{"zh_CN", "新增第九条。"}, {"en", "Adds clause 9."}}},
    };
}

void writeManifest(const QString &dir, const QJsonArray &documents)
{
    writeFile(dir + "/manifest.json",
              QJsonDocument(QJsonObject{{"documents", documents}}).toJson());
}

} // namespace

TEST(AgreementCatalogueTest, ShippedCatalogueIsIntactAndOfferable)
{
    auto catalogue = AgreementCatalogue::load(ShippedDir);
    ASSERT_TRUE(catalogue.ok()) << catalogue.error().code << ": " << catalogue.error().detail;

    for (const char *id : {AgreementCatalogue::AgreementId, AgreementCatalogue::ChildrenRulesId}) {
        SCOPED_TRACE(id);
        auto offered = catalogue->offerable(id);
        ASSERT_TRUE(offered.ok()) << offered.error().code;
        const AgreementDocument *doc = offered.value();
        ASSERT_NE(doc, nullptr);
        EXPECT_EQ(doc->id, QLatin1String(id));
        EXPECT_TRUE(doc->intact);
        EXPECT_GE(doc->version, 1);
        EXPECT_TRUE(doc->effective.isValid());
        EXPECT_FALSE(doc->titleZh.isEmpty());
        EXPECT_FALSE(doc->titleEn.isEmpty());
        // The text shown is byte for byte the text whose hash the manifest pins.
        const QByteArray bytes = readFile(ShippedDir + "/" + doc->file);
        ASSERT_FALSE(bytes.isEmpty());
        EXPECT_EQ(doc->text, QString::fromUtf8(bytes));
        EXPECT_EQ(doc->sha256Hex, sha256Hex(bytes));
    }
    EXPECT_EQ(catalogue->find(AgreementCatalogue::AgreementId)->audience, Audience::Everyone);
    EXPECT_EQ(catalogue->find(AgreementCatalogue::ChildrenRulesId)->audience,
              Audience::UnderFourteen);
}

TEST_F(CopiedCatalogueTest, OneChangedByteInTheAgreementMakesItUnofferable)
{
    const QString agreementPath = path(fileOf(AgreementCatalogue::AgreementId));
    QByteArray bytes = readFile(agreementPath);
    ASSERT_GT(bytes.size(), 100);
    bytes[bytes.size() / 2] = static_cast<char>(bytes[bytes.size() / 2] ^ 0x01);
    writeFile(agreementPath, bytes);

    auto catalogue = AgreementCatalogue::load(m_dir.path());
    ASSERT_TRUE(catalogue.ok()) << catalogue.error().code;
    const auto *doc = catalogue->find(AgreementCatalogue::AgreementId);
    ASSERT_NE(doc, nullptr);
    EXPECT_FALSE(doc->intact);
    // Kept, so the UI can say which document is damaged, but never offered for acceptance.
    EXPECT_FALSE(doc->text.isEmpty());
    auto offered = catalogue->offerable(AgreementCatalogue::AgreementId);
    ASSERT_FALSE(offered.ok());
    EXPECT_EQ(offered.error().code, "legal.integrity");

    // The untouched document is still offerable.
    EXPECT_TRUE(catalogue->offerable(AgreementCatalogue::ChildrenRulesId).ok());
}

TEST_F(CopiedCatalogueTest, MissingTextFileIsNotIntact)
{
    ASSERT_TRUE(QFile::remove(path(fileOf(AgreementCatalogue::ChildrenRulesId))));

    auto catalogue = AgreementCatalogue::load(m_dir.path());
    ASSERT_TRUE(catalogue.ok()) << catalogue.error().code;
    const auto *doc = catalogue->find(AgreementCatalogue::ChildrenRulesId);
    ASSERT_NE(doc, nullptr);
    EXPECT_FALSE(doc->intact);
    EXPECT_TRUE(doc->text.isEmpty());
    auto offered = catalogue->offerable(AgreementCatalogue::ChildrenRulesId);
    ASSERT_FALSE(offered.ok());
    EXPECT_EQ(offered.error().code, "legal.integrity");
    EXPECT_TRUE(catalogue->offerable(AgreementCatalogue::AgreementId).ok());
}

TEST_F(CopiedCatalogueTest, MissingManifestIsReported)
{
    ASSERT_TRUE(QFile::remove(path("manifest.json")));
    auto catalogue = AgreementCatalogue::load(m_dir.path());
    ASSERT_FALSE(catalogue.ok());
    EXPECT_EQ(catalogue.error().code, "legal.manifest_missing");
}

TEST_F(CopiedCatalogueTest, GarbageManifestIsInvalid)
{
    writeFile(path("manifest.json"), QByteArrayLiteral("{\"documents\": [ {\"id\": \"imptech-"));
    auto catalogue = AgreementCatalogue::load(m_dir.path());
    ASSERT_FALSE(catalogue.ok());
    EXPECT_EQ(catalogue.error().code, "legal.manifest_invalid");
}

TEST_F(CopiedCatalogueTest, EntryWithoutSha256IsInvalid)
{
    auto manifest = QJsonDocument::fromJson(readFile(path("manifest.json"))).object();
    auto documents = manifest.value("documents").toArray();
    ASSERT_EQ(documents.size(), 2);
    // The children's rules, not the first entry: every entry must carry its hash.
    for (qsizetype i = 0; i < documents.size(); ++i) {
        auto object = documents[i].toObject();
        if (object.value("id").toString() == AgreementCatalogue::ChildrenRulesId) {
            ASSERT_TRUE(object.contains("sha256"));
            object.remove("sha256");
            documents[i] = object;
        }
    }
    manifest["documents"] = documents;
    writeFile(path("manifest.json"), QJsonDocument(manifest).toJson());

    auto catalogue = AgreementCatalogue::load(m_dir.path());
    ASSERT_FALSE(catalogue.ok());
    EXPECT_EQ(catalogue.error().code, "legal.manifest_invalid");
}

TEST_F(CopiedCatalogueTest, ManifestWithoutTheAgreementIsInvalid)
{
    auto manifest = QJsonDocument::fromJson(readFile(path("manifest.json"))).object();
    QJsonArray kept;
    for (const auto &document : manifest.value("documents").toArray()) {
        if (document.toObject().value("id").toString() != AgreementCatalogue::AgreementId)
            kept.append(document);
    }
    ASSERT_EQ(kept.size(), 1);
    manifest["documents"] = kept;
    writeFile(path("manifest.json"), QJsonDocument(manifest).toJson());

    auto catalogue = AgreementCatalogue::load(m_dir.path());
    ASSERT_FALSE(catalogue.ok());
    EXPECT_EQ(catalogue.error().code, "legal.manifest_invalid");
}

TEST(AgreementCatalogueTest, UnknownDocumentIsNotOffered)
{
    auto catalogue = AgreementCatalogue::load(ShippedDir);
    ASSERT_TRUE(catalogue.ok()) << catalogue.error().code;
    EXPECT_EQ(catalogue->find("imptech-marketing"), nullptr);
    auto offered = catalogue->offerable("imptech-marketing");
    ASSERT_FALSE(offered.ok());
    EXPECT_EQ(offered.error().code, "legal.unknown_document");
}

TEST(AgreementCatalogueTest, TitleAndChangesFollowTheLocale)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QByteArray text = QByteArrayLiteral("第一条 测试文本。\n");
    writeFile(dir.filePath("a.md"), text);
    // Upper-case hex in the manifest still matches.
    writeManifest(dir.path(), QJsonArray{entry(AgreementCatalogue::AgreementId, "a.md",
                                               sha256Hex(text).toUpper())});

    auto catalogue = AgreementCatalogue::load(dir.path());
    ASSERT_TRUE(catalogue.ok()) << catalogue.error().code;
    auto offered = catalogue->offerable(AgreementCatalogue::AgreementId);
    ASSERT_TRUE(offered.ok()) << offered.error().code;
    const AgreementDocument &doc = *offered.value();
    EXPECT_EQ(doc.version, 3);
    EXPECT_EQ(doc.effective, QDate(2027, 1, 15));
    EXPECT_EQ(doc.text, QString::fromUtf8(text));

    EXPECT_EQ(doc.title("zh_CN"), QStringLiteral("协议标题"));
    EXPECT_EQ(doc.changes("zh_CN"), QStringLiteral("新增第九条。"));
    EXPECT_EQ(doc.title("en"), QStringLiteral("Agreement title"));
    EXPECT_EQ(doc.changes("en"), QStringLiteral("Adds clause 9."));
    // Other Chinese locales read the Chinese text; every other locale reads English.
    EXPECT_EQ(doc.title("zh_TW"), QStringLiteral("协议标题"));
    EXPECT_EQ(doc.title("en_US"), QStringLiteral("Agreement title"));
    EXPECT_EQ(doc.changes("de_DE"), QStringLiteral("Adds clause 9."));
}
