#include "crypto/Vault.h"

#include "common/Log.h"
#include "crypto/Aead.h"
#include "crypto/Hkdf.h"
#include "crypto/Scrypt.h"
#include "crypto/SecureRandom.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QUuid>
#include <openssl/crypto.h>

namespace imp::crypto {
namespace {

constexpr int FormatVersion = 1;
constexpr int KeySize = 32;
constexpr int SaltSize = 16;
constexpr qint64 MaxMetadataSize = 64 * 1024; // vault.json is a few hundred bytes
const QString MetadataFile = QStringLiteral("vault.json");
const QString KeyFile = QStringLiteral("vault.key");
const QByteArray SubKeySalt = QByteArrayLiteral("imp.vault.v1");

const QFileDevice::Permissions OwnerReadWrite = QFileDevice::ReadOwner | QFileDevice::WriteOwner;

QString metadataPath(const QString &dir)
{
    return QDir(dir).filePath(MetadataFile);
}

QString keyFilePath(const QString &dir)
{
    return QDir(dir).filePath(KeyFile);
}

QString keychainEntry(const QString &id)
{
    return QStringLiteral("vault-") + id;
}

// Binds the wrapped key to its vault id, so a wrapped key moved into another vault.json fails.
QByteArray wrapAssociatedData(const QString &id)
{
    return QByteArrayLiteral("imp.vault.v1:") + id.toUtf8();
}

const char *protectionName(Vault::Protection protection)
{
    switch (protection) {
    case Vault::Protection::Keychain:
        return "keychain";
    case Vault::Protection::Passcode:
        return "passcode";
    case Vault::Protection::KeyFile:
        return "keyfile";
    }
    return "?";
}

std::optional<Vault::Protection> protectionFromName(const QString &name)
{
    for (auto protection :
         {Vault::Protection::Keychain, Vault::Protection::Passcode, Vault::Protection::KeyFile}) {
        if (name == QLatin1String(protectionName(protection)))
            return protection;
    }
    return std::nullopt;
}

// Best effort: overwrite a key we own before its memory is released.
void wipe(QByteArray &secret)
{
    if (!secret.isEmpty())
        OPENSSL_cleanse(secret.data(), static_cast<size_t>(secret.size()));
    secret.clear();
}

// Atomic (write to a temp file, fsync, rename) and owner-only from the first byte, so a crash
// never leaves a half-written vault and no other local user can ever read it.
Result<void> writePrivateFile(const QString &path, const QByteArray &contents)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return makeError("vault.io", "cannot create " + QFileInfo(path).fileName().toStdString() +
                                         ": " + file.errorString().toStdString());
    if (!file.setPermissions(OwnerReadWrite) || file.write(contents) != contents.size()) {
        file.cancelWriting();
        return makeError("vault.io", "cannot write " + QFileInfo(path).fileName().toStdString());
    }
    if (!file.commit())
        return makeError("vault.io", "cannot commit " + QFileInfo(path).fileName().toStdString() +
                                         ": " + file.errorString().toStdString());
    return {};
}

Result<void> ensurePrivateDir(const QString &dir)
{
    const QFileInfo info(dir);
    if (info.isDir())
        return {};
    const QString absolute = info.absoluteFilePath();
    const QString parent = QFileInfo(absolute).absolutePath();
    // Created 0700 in one step, so there is no moment where others could list or enter it.
    if (!QDir().mkpath(parent) ||
        !QDir().mkdir(absolute,
                      QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner))
        return makeError("vault.io", "cannot create the vault folder");
    return {};
}

struct Metadata {
    QString id;
    Vault::Protection protection = Vault::Protection::Keychain;
    QByteArray salt;
    Scrypt::Params scrypt;
    QByteArray wrappedKey;
};

QByteArray toJson(const Metadata &meta)
{
    QJsonObject root;
    root.insert(QStringLiteral("version"), FormatVersion);
    root.insert(QStringLiteral("id"), meta.id);
    root.insert(QStringLiteral("protection"), QLatin1String(protectionName(meta.protection)));
    if (meta.protection == Vault::Protection::Passcode) {
        root.insert(QStringLiteral("salt"), QString::fromLatin1(meta.salt.toBase64()));
        // Stored so the defaults can be raised later without breaking existing vaults.
        root.insert(QStringLiteral("scrypt"),
                    QJsonObject{{QStringLiteral("n"), static_cast<qint64>(meta.scrypt.n)},
                                {QStringLiteral("r"), static_cast<qint64>(meta.scrypt.r)},
                                {QStringLiteral("p"), static_cast<qint64>(meta.scrypt.p)}});
    }
    root.insert(QStringLiteral("wrappedKey"), QString::fromLatin1(meta.wrappedKey.toBase64()));
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

std::optional<QByteArray> base64Field(const QJsonObject &root, const QString &name)
{
    const QJsonValue value = root.value(name);
    if (!value.isString())
        return std::nullopt;
    auto decoded = QByteArray::fromBase64Encoding(value.toString().toLatin1(),
                                                  QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return std::nullopt;
    return *decoded;
}

// Bounds keep a tampered file from making open() allocate gigabytes or spin for minutes.
bool plausible(const Scrypt::Params &params)
{
    const bool powerOfTwo = params.n > 1 && (params.n & (params.n - 1)) == 0;
    return powerOfTwo && params.n >= (1u << 10) && params.n <= (1u << 22) && params.r >= 1 &&
           params.r <= 32 && params.p >= 1 && params.p <= 16;
}

Result<Metadata> parseMetadata(const QByteArray &json)
{
    const auto corrupt = [](const char *why) {
        return makeError("vault.corrupt", std::string("vault.json: ") + why);
    };
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        return corrupt("not a JSON object");
    const QJsonObject root = doc.object();
    if (root.value(QStringLiteral("version")).toInt(-1) != FormatVersion)
        return corrupt("unknown version");

    Metadata meta;
    meta.id = root.value(QStringLiteral("id")).toString();
    if (QUuid::fromString(meta.id).isNull())
        return corrupt("bad id");
    const auto protection = protectionFromName(root.value(QStringLiteral("protection")).toString());
    if (!protection)
        return corrupt("unknown protection");
    meta.protection = *protection;

    const auto wrapped = base64Field(root, QStringLiteral("wrappedKey"));
    if (!wrapped || wrapped->size() != KeySize + Aead::Overhead)
        return corrupt("bad wrapped key");
    meta.wrappedKey = *wrapped;

    if (meta.protection == Vault::Protection::Passcode) {
        const auto salt = base64Field(root, QStringLiteral("salt"));
        if (!salt || salt->size() < SaltSize)
            return corrupt("bad salt");
        meta.salt = *salt;
        const QJsonObject scrypt = root.value(QStringLiteral("scrypt")).toObject();
        const auto field = [&](const char *name) {
            const qint64 value = scrypt.value(QLatin1String(name)).toInteger(-1);
            return value > 0 ? static_cast<quint64>(value) : 0u;
        };
        meta.scrypt = Scrypt::Params{field("n"), field("r"), field("p")};
        if (!plausible(meta.scrypt))
            return corrupt("bad scrypt parameters");
    }
    return meta;
}

Result<Metadata> readMetadata(const QString &dir)
{
    QFile file(metadataPath(dir));
    if (!file.exists())
        return makeError("vault.missing", "no vault.json in the profile folder");
    if (!file.open(QIODevice::ReadOnly))
        return makeError("vault.io", "cannot read vault.json: " + file.errorString().toStdString());
    if (file.size() > MaxMetadataSize)
        return makeError("vault.corrupt", "vault.json is implausibly large");
    return parseMetadata(file.readAll());
}

Result<QByteArray> readKeyFile(const QString &dir)
{
    QFile file(keyFilePath(dir));
    if (!file.exists())
        return makeError("vault.corrupt", "vault.key is missing");
    if (!file.open(QIODevice::ReadOnly))
        return makeError("vault.io", "cannot read vault.key: " + file.errorString().toStdString());
    QByteArray kek = file.read(KeySize + 1);
    if (kek.size() != KeySize) {
        wipe(kek);
        return makeError("vault.corrupt", "vault.key has the wrong size");
    }
    return kek;
}

} // namespace

Vault::Vault(QByteArray dataKey, Protection protection, QString id)
    : m_dataKey(std::move(dataKey))
    , m_protection(protection)
    , m_id(std::move(id))
{}

bool Vault::exists(const QString &dir)
{
    return QFileInfo::exists(metadataPath(dir));
}

Result<Vault> Vault::create(const QString &dir, KeychainBackend &keychain,
                            const std::optional<QString> &passcode)
{
    // Never overwrite: that would orphan every value sealed under the existing data key.
    if (exists(dir))
        return makeError("vault.exists", "a vault already exists in this folder");
    if (auto made = ensurePrivateDir(dir); !made)
        return made.error();

    Metadata meta;
    meta.id = SecureRandom::uuid();
    QByteArray dataKey = SecureRandom::bytes(KeySize);
    QByteArray kek = SecureRandom::bytes(KeySize);

    if (auto stored = keychain.write(keychainEntry(meta.id), kek)) {
        meta.protection = Protection::Keychain;
    } else if (passcode) {
        IMP_LOG_WARN("vault: keychain unusable ({}), protecting the vault with the passcode",
                     stored.error().code);
        meta.protection = Protection::Passcode;
        meta.salt = SecureRandom::bytes(SaltSize);
        wipe(kek);
        auto derived = Scrypt::derive(*passcode, meta.salt, KeySize, meta.scrypt);
        if (!derived)
            return derived.error();
        kek = std::move(derived.value());
    } else {
        IMP_LOG_WARN("vault: keychain unusable ({}) and no passcode, keeping the key in a file",
                     stored.error().code);
        meta.protection = Protection::KeyFile;
        if (auto written = writePrivateFile(keyFilePath(dir), kek); !written) {
            wipe(kek);
            return written.error();
        }
    }

    auto wrapped = Aead::seal(kek, dataKey, wrapAssociatedData(meta.id));
    wipe(kek);
    if (!wrapped)
        return wrapped.error();
    meta.wrappedKey = wrapped.value();

    if (auto written = writePrivateFile(metadataPath(dir), toJson(meta)); !written) {
        // Undo the KEK so a failed create leaves nothing behind.
        if (meta.protection == Protection::Keychain)
            (void)keychain.remove(keychainEntry(meta.id));
        QFile::remove(keyFilePath(dir));
        return written.error();
    }
    // A key file left by an earlier, half-destroyed vault must not linger beside this one.
    if (meta.protection != Protection::KeyFile)
        QFile::remove(keyFilePath(dir));

    IMP_LOG_INFO("vault: created ({})", protectionName(meta.protection));
    return Vault(std::move(dataKey), meta.protection, meta.id);
}

Result<Vault> Vault::open(const QString &dir, KeychainBackend &keychain,
                          const std::optional<QString> &passcode)
{
    auto meta = readMetadata(dir);
    if (!meta)
        return meta.error();

    QByteArray kek;
    switch (meta->protection) {
    case Protection::Keychain: {
        auto stored = keychain.read(keychainEntry(meta->id));
        if (!stored)
            return stored.error();
        kek = std::move(stored.value());
        break;
    }
    case Protection::Passcode: {
        if (!passcode)
            return makeError("vault.passcode_required", "this vault is protected by a passcode");
        auto derived = Scrypt::derive(*passcode, meta->salt, KeySize, meta->scrypt);
        if (!derived)
            return derived.error();
        kek = std::move(derived.value());
        break;
    }
    case Protection::KeyFile: {
        auto stored = readKeyFile(dir);
        if (!stored)
            return stored.error();
        kek = std::move(stored.value());
        break;
    }
    }
    if (kek.size() != KeySize) {
        wipe(kek);
        return makeError("vault.corrupt", "key-encryption key has the wrong size");
    }

    auto dataKey = Aead::open(kek, meta->wrappedKey, wrapAssociatedData(meta->id));
    wipe(kek);
    if (!dataKey) {
        // With a passcode a failed unwrap almost always means a typo; the two cases cannot be
        // told apart cryptographically, and a typo is far more likely than tampering.
        if (meta->protection == Protection::Passcode &&
            dataKey.error().code == "crypto.auth_failed")
            return makeError("vault.wrong_passcode", "the passcode does not unlock this vault");
        return makeError("vault.corrupt",
                         "the wrapped data key does not open: " + dataKey.error().code);
    }
    if (dataKey->size() != KeySize)
        return makeError("vault.corrupt", "the data key has the wrong size");
    return Vault(std::move(dataKey.value()), meta->protection, meta->id);
}

Result<void> Vault::destroy(const QString &dir, KeychainBackend &keychain)
{
    auto meta = readMetadata(dir);
    // vault.json goes first: once it is gone the vault no longer exists for the app, so an
    // interrupted destroy never leaves a vault that looks present but cannot open.
    const QString metadata = metadataPath(dir);
    if (QFileInfo::exists(metadata) && !QFile::remove(metadata))
        return makeError("vault.io", "cannot remove vault.json");
    const QString keyFile = keyFilePath(dir);
    if (QFileInfo::exists(keyFile) && !QFile::remove(keyFile))
        return makeError("vault.io", "cannot remove vault.key");
    // Only keychain vaults have an entry; asking an absent keychain would just wait out its
    // timeout. The result is ignored: an orphaned entry unlocks nothing once vault.json is gone.
    if (meta && meta->protection == Protection::Keychain)
        (void)keychain.remove(keychainEntry(meta->id));
    return {};
}

QByteArray Vault::subKey(const QByteArray &purpose) const
{
    return Hkdf::deriveSha256(m_dataKey, SubKeySalt, purpose, KeySize);
}

} // namespace imp::crypto
