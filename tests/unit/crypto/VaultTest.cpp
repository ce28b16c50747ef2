#include "crypto/Vault.h"

#include "crypto/Aead.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <gtest/gtest.h>
#include <stdexcept>

using imp::Result;
using imp::crypto::KeychainBackend;
using imp::crypto::Vault;

namespace {

// An in-memory keychain whose availability the test controls.
class FakeKeychain final : public KeychainBackend {
public:
    enum class Mode { Working, Unavailable, Timeout };

    Mode mode = Mode::Working;
    QHash<QString, QByteArray> entries;

    Result<QByteArray> read(const QString &key) override
    {
        if (auto down = failure(); !down)
            return down.error();
        if (!entries.contains(key))
            return imp::makeError("keychain.not_found", "no such entry");
        return entries.value(key);
    }
    Result<void> write(const QString &key, const QByteArray &secret) override
    {
        if (auto down = failure(); !down)
            return down.error();
        entries.insert(key, secret);
        return {};
    }
    Result<void> remove(const QString &key) override
    {
        if (auto down = failure(); !down)
            return down.error();
        entries.remove(key);
        return {};
    }

private:
    Result<void> failure() const
    {
        switch (mode) {
        case Mode::Working:
            return {};
        case Mode::Unavailable:
            return imp::makeError("keychain.unavailable", "fake keychain is down");
        case Mode::Timeout:
            return imp::makeError("keychain.timeout", "fake keychain did not answer");
        }
        return {};
    }
};

class VaultTest : public ::testing::Test {
protected:
    QTemporaryDir root;
    FakeKeychain keychain;
    // A profile folder that does not exist yet: create() must make it.
    QString dir() const { return root.filePath(QStringLiteral("profile/default")); }
    QString file(const QString &name) const { return QDir(dir()).filePath(name); }

    Vault createOk(const std::optional<QString> &passcode = std::nullopt)
    {
        auto vault = Vault::create(dir(), keychain, passcode);
        EXPECT_TRUE(vault.ok()) << (vault.ok() ? "" : vault.error().code);
        if (!vault.ok())
            throw std::runtime_error("create failed");
        return vault.value();
    }

    QByteArray readFile(const QString &name) const
    {
        QFile f(file(name));
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }

    void writeFile(const QString &name, const QByteArray &contents) const
    {
        QFile f(file(name));
        ASSERT_TRUE(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(contents);
    }

    // Every byte the vault folder holds, file by file.
    QList<QByteArray> allFileContents() const
    {
        QList<QByteArray> contents;
        QDirIterator it(dir(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile f(it.next());
            EXPECT_TRUE(f.open(QIODevice::ReadOnly));
            contents.append(f.readAll());
        }
        return contents;
    }

    void expectNotOnDisk(const QByteArray &secret) const
    {
        ASSERT_EQ(secret.size(), 32);
        for (const QByteArray &contents : allFileContents()) {
            EXPECT_FALSE(contents.contains(secret));
            EXPECT_FALSE(contents.contains(secret.toBase64()));
            EXPECT_FALSE(contents.contains(secret.toHex()));
            EXPECT_FALSE(contents.contains(secret.left(16)));
        }
    }

    static bool ownerOnly(const QString &path, QFile::Permissions expectedOwner)
    {
        const QFile::Permissions others = QFile::ReadGroup | QFile::WriteGroup | QFile::ExeGroup |
                                          QFile::ReadOther | QFile::WriteOther | QFile::ExeOther;
        const QFile::Permissions owner = QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner;
        const QFile::Permissions actual = QFileInfo(path).permissions();
        return (actual & others) == 0 && (actual & owner) == expectedOwner;
    }

    static constexpr QFile::Permissions rw = QFile::ReadOwner | QFile::WriteOwner;
};

} // namespace

TEST_F(VaultTest, CreateThenOpenGivesTheSameDataKey)
{
    EXPECT_FALSE(Vault::exists(dir()));
    const Vault created = createOk();
    EXPECT_TRUE(Vault::exists(dir()));
    EXPECT_EQ(created.protection(), Vault::Protection::Keychain);
    EXPECT_EQ(created.dataKey().size(), 32);
    EXPECT_FALSE(created.id().isEmpty());

    auto opened = Vault::open(dir(), keychain);
    ASSERT_TRUE(opened.ok()) << opened.error().code;
    EXPECT_EQ(opened->dataKey(), created.dataKey());
    EXPECT_EQ(opened->id(), created.id());
    EXPECT_EQ(opened->protection(), Vault::Protection::Keychain);
}

TEST_F(VaultTest, KeychainModeKeepsTheKekInTheKeychainOnly)
{
    const Vault vault = createOk();
    EXPECT_FALSE(QFileInfo::exists(file(QStringLiteral("vault.key"))));
    ASSERT_TRUE(keychain.entries.contains(QStringLiteral("vault-") + vault.id()));
    EXPECT_EQ(keychain.entries.value(QStringLiteral("vault-") + vault.id()).size(), 32);
    EXPECT_TRUE(ownerOnly(file(QStringLiteral("vault.json")), rw));
    EXPECT_TRUE(ownerOnly(dir(), rw | QFile::ExeOwner));
}

TEST_F(VaultTest, NeitherDataKeyNorKekIsWrittenToDiskInKeychainMode)
{
    const Vault vault = createOk();
    expectNotOnDisk(vault.dataKey());
    expectNotOnDisk(keychain.entries.value(QStringLiteral("vault-") + vault.id()));
    const QJsonObject json =
        QJsonDocument::fromJson(readFile(QStringLiteral("vault.json"))).object();
    EXPECT_EQ(json.value(QStringLiteral("protection")).toString(), QStringLiteral("keychain"));
    EXPECT_EQ(json.value(QStringLiteral("id")).toString(), vault.id());
}

TEST_F(VaultTest, UnavailableKeychainFallsBackToAPrivateKeyFile)
{
    keychain.mode = FakeKeychain::Mode::Unavailable;
    const Vault vault = createOk();
    EXPECT_EQ(vault.protection(), Vault::Protection::KeyFile);
    const QString keyFile = file(QStringLiteral("vault.key"));
    ASSERT_TRUE(QFileInfo::exists(keyFile));
    EXPECT_TRUE(ownerOnly(keyFile, rw));
    EXPECT_TRUE(ownerOnly(file(QStringLiteral("vault.json")), rw));
    EXPECT_TRUE(keychain.entries.isEmpty());
    // The data key itself is still never stored in the clear, only the KEK.
    expectNotOnDisk(vault.dataKey());

    auto opened = Vault::open(dir(), keychain);
    ASSERT_TRUE(opened.ok()) << opened.error().code;
    EXPECT_EQ(opened->dataKey(), vault.dataKey());
    EXPECT_EQ(opened->protection(), Vault::Protection::KeyFile);
}

TEST_F(VaultTest, KeychainTimeoutAlsoFallsBack)
{
    keychain.mode = FakeKeychain::Mode::Timeout;
    const Vault vault = createOk();
    EXPECT_EQ(vault.protection(), Vault::Protection::KeyFile);
    auto opened = Vault::open(dir(), keychain);
    ASSERT_TRUE(opened.ok());
    EXPECT_EQ(opened->dataKey(), vault.dataKey());
}

TEST_F(VaultTest, MissingKeyFileMakesTheVaultCorrupt)
{
    keychain.mode = FakeKeychain::Mode::Unavailable;
    createOk();
    ASSERT_TRUE(QFile::remove(file(QStringLiteral("vault.key"))));
    auto opened = Vault::open(dir(), keychain);
    ASSERT_FALSE(opened.ok());
    EXPECT_EQ(opened.error().code, "vault.corrupt");
}

TEST_F(VaultTest, PasscodeFallbackNeedsTheRightPasscode)
{
    keychain.mode = FakeKeychain::Mode::Unavailable;
    const Vault vault = createOk(QStringLiteral("4711-correct"));
    EXPECT_EQ(vault.protection(), Vault::Protection::Passcode);
    EXPECT_FALSE(QFileInfo::exists(file(QStringLiteral("vault.key"))));
    expectNotOnDisk(vault.dataKey());

    auto noPasscode = Vault::open(dir(), keychain);
    ASSERT_FALSE(noPasscode.ok());
    EXPECT_EQ(noPasscode.error().code, "vault.passcode_required");

    auto wrong = Vault::open(dir(), keychain, QStringLiteral("4711-wrong"));
    ASSERT_FALSE(wrong.ok());
    EXPECT_EQ(wrong.error().code, "vault.wrong_passcode");

    // A keychain that works again later does not matter: the passcode protects this vault.
    keychain.mode = FakeKeychain::Mode::Working;
    auto right = Vault::open(dir(), keychain, QStringLiteral("4711-correct"));
    ASSERT_TRUE(right.ok()) << right.error().code;
    EXPECT_EQ(right->dataKey(), vault.dataKey());
    EXPECT_EQ(right->protection(), Vault::Protection::Passcode);
}

TEST_F(VaultTest, WorkingKeychainIsPreferredOverThePasscode)
{
    const Vault vault = createOk(QStringLiteral("1234"));
    EXPECT_EQ(vault.protection(), Vault::Protection::Keychain);
    auto opened = Vault::open(dir(), keychain);
    ASSERT_TRUE(opened.ok());
    EXPECT_EQ(opened->dataKey(), vault.dataKey());
}

TEST_F(VaultTest, TamperedMetadataIsCorrupt)
{
    createOk();
    const QByteArray original = readFile(QStringLiteral("vault.json"));
    const QJsonObject json = QJsonDocument::fromJson(original).object();

    QJsonObject flipped = json;
    QByteArray wrapped =
        QByteArray::fromBase64(json.value(QStringLiteral("wrappedKey")).toString().toLatin1());
    wrapped[20] = static_cast<char>(wrapped[20] ^ 0x01);
    flipped.insert(QStringLiteral("wrappedKey"), QString::fromLatin1(wrapped.toBase64()));

    QJsonObject newVersion = json;
    newVersion.insert(QStringLiteral("version"), 99);
    QJsonObject badProtection = json;
    badProtection.insert(QStringLiteral("protection"), QStringLiteral("none"));
    QJsonObject shortKey = json;
    shortKey.insert(QStringLiteral("wrappedKey"), QStringLiteral("AAAA"));

    const QList<QByteArray> tampered = {QJsonDocument(flipped).toJson(),
                                        QJsonDocument(newVersion).toJson(),
                                        QJsonDocument(badProtection).toJson(),
                                        QJsonDocument(shortKey).toJson(),
                                        original.left(original.size() / 2),
                                        QByteArrayLiteral("not json at all"),
                                        QByteArray()};
    for (const QByteArray &contents : tampered) {
        writeFile(QStringLiteral("vault.json"), contents);
        auto opened = Vault::open(dir(), keychain);
        ASSERT_FALSE(opened.ok()) << contents.constData();
        EXPECT_EQ(opened.error().code, "vault.corrupt") << contents.constData();
    }
    writeFile(QStringLiteral("vault.json"), original);
    EXPECT_TRUE(Vault::open(dir(), keychain).ok());
}

TEST_F(VaultTest, DeletedKeychainEntryIsReported)
{
    const Vault vault = createOk();
    keychain.entries.clear();
    auto opened = Vault::open(dir(), keychain);
    ASSERT_FALSE(opened.ok());
    EXPECT_EQ(opened.error().code, "keychain.not_found");
}

TEST_F(VaultTest, KeychainErrorsOnOpenArePassedThrough)
{
    createOk();
    keychain.mode = FakeKeychain::Mode::Timeout;
    auto timedOut = Vault::open(dir(), keychain);
    ASSERT_FALSE(timedOut.ok());
    EXPECT_EQ(timedOut.error().code, "keychain.timeout");

    keychain.mode = FakeKeychain::Mode::Unavailable;
    auto unavailable = Vault::open(dir(), keychain);
    ASSERT_FALSE(unavailable.ok());
    EXPECT_EQ(unavailable.error().code, "keychain.unavailable");

    keychain.mode = FakeKeychain::Mode::Working;
    EXPECT_TRUE(Vault::open(dir(), keychain).ok());
}

TEST_F(VaultTest, WrongKekInKeychainMakesTheVaultCorrupt)
{
    const Vault vault = createOk();
    keychain.entries[QStringLiteral("vault-") + vault.id()] = QByteArray(32, 'x');
    auto opened = Vault::open(dir(), keychain);
    ASSERT_FALSE(opened.ok());
    EXPECT_EQ(opened.error().code, "vault.corrupt");
}

TEST_F(VaultTest, OpeningAMissingVaultSaysSo)
{
    auto opened = Vault::open(dir(), keychain);
    ASSERT_FALSE(opened.ok());
    EXPECT_EQ(opened.error().code, "vault.missing");
}

TEST_F(VaultTest, CreateNeverOverwritesAnExistingVault)
{
    const Vault first = createOk();
    auto second = Vault::create(dir(), keychain);
    ASSERT_FALSE(second.ok());
    EXPECT_EQ(second.error().code, "vault.exists");
    auto opened = Vault::open(dir(), keychain);
    ASSERT_TRUE(opened.ok());
    EXPECT_EQ(opened->dataKey(), first.dataKey());
}

TEST_F(VaultTest, TwoFoldersHaveIndependentKeys)
{
    const QString otherDir = root.filePath(QStringLiteral("profile/second"));
    const Vault first = createOk();
    auto second = Vault::create(otherDir, keychain);
    ASSERT_TRUE(second.ok());
    EXPECT_NE(first.dataKey(), second->dataKey());
    EXPECT_NE(first.id(), second->id());
    EXPECT_NE(first.subKey("messages"), second->subKey("messages"));
    EXPECT_EQ(keychain.entries.size(), 2);

    auto reopened = Vault::open(otherDir, keychain);
    ASSERT_TRUE(reopened.ok());
    EXPECT_EQ(reopened->dataKey(), second->dataKey());
}

TEST_F(VaultTest, SubKeysDifferPerPurposeAndSurviveReopening)
{
    const Vault vault = createOk();
    const QByteArray messages = vault.subKey("messages");
    const QByteArray media = vault.subKey("media");
    const QByteArray index = vault.subKey("index");
    EXPECT_EQ(messages.size(), imp::crypto::Aead::KeySize);
    EXPECT_NE(messages, media);
    EXPECT_NE(messages, index);
    EXPECT_NE(media, index);
    EXPECT_NE(messages, vault.dataKey());

    auto opened = Vault::open(dir(), keychain);
    ASSERT_TRUE(opened.ok());
    EXPECT_EQ(opened->subKey("messages"), messages);
    EXPECT_EQ(opened->subKey("media"), media);
}

TEST_F(VaultTest, DestroyForgetsTheVault)
{
    const Vault vault = createOk();
    ASSERT_TRUE(Vault::destroy(dir(), keychain).ok());
    EXPECT_FALSE(Vault::exists(dir()));
    EXPECT_FALSE(QFileInfo::exists(file(QStringLiteral("vault.json"))));
    EXPECT_TRUE(keychain.entries.isEmpty());
    auto opened = Vault::open(dir(), keychain);
    ASSERT_FALSE(opened.ok());
    EXPECT_EQ(opened.error().code, "vault.missing");

    // A new vault in the same folder gets a new key.
    const Vault fresh = createOk();
    EXPECT_NE(fresh.dataKey(), vault.dataKey());
}

TEST_F(VaultTest, DestroyRemovesTheKeyFileAndIsIdempotent)
{
    keychain.mode = FakeKeychain::Mode::Unavailable;
    createOk();
    ASSERT_TRUE(Vault::destroy(dir(), keychain).ok());
    EXPECT_FALSE(QFileInfo::exists(file(QStringLiteral("vault.key"))));
    EXPECT_FALSE(QFileInfo::exists(file(QStringLiteral("vault.json"))));
    EXPECT_TRUE(Vault::destroy(dir(), keychain).ok());
}
