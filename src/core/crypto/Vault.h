#pragma once

#include "common/Result.h"
#include "crypto/KeychainBackend.h"

#include <QByteArray>
#include <QString>
#include <optional>

namespace imp::crypto {

// The profile's data key: one random 256-bit key from which every storage sub-key is derived.
//
// On disk (`<dir>/vault.json`, 0600) the data key exists only wrapped (AES-256-GCM) under a
// key-encryption key (KEK). The KEK is kept, in order of preference:
//   Keychain  in the OS keychain, entry "vault-<id>";
//   Passcode  nowhere: derived from the user's passcode with scrypt and a stored salt;
//   KeyFile   in `<dir>/vault.key` (0600). The deliberate weak fallback when there is neither
//             a keychain nor a passcode; the UI warns the user about it.
//
// Errors: "vault.exists" (create over an existing vault), "vault.missing", "vault.corrupt",
// "vault.passcode_required", "vault.wrong_passcode", "vault.io", and keychain.* codes passed
// through from open() so the app can say e.g. "the keychain did not answer".
class Vault {
public:
    enum class Protection { Keychain, Passcode, KeyFile };

    static bool exists(const QString &dir);
    static Result<Vault> create(const QString &dir, KeychainBackend &keychain,
                                const std::optional<QString> &passcode = std::nullopt);
    static Result<Vault> open(const QString &dir, KeychainBackend &keychain,
                              const std::optional<QString> &passcode = std::nullopt);
    // Forgets the vault: keychain entry (errors ignored), vault.json and vault.key. Data sealed
    // under its keys becomes unreadable.
    static Result<void> destroy(const QString &dir, KeychainBackend &keychain);

    const QByteArray &dataKey() const { return m_dataKey; }
    Protection protection() const { return m_protection; }
    QString id() const { return m_id; }
    // HKDF-SHA256(dataKey, salt "imp.vault.v1", info = purpose, 32 bytes): one independent key
    // per purpose ("messages", "media", "index", ...), stable for the life of the vault.
    QByteArray subKey(const QByteArray &purpose) const;

private:
    Vault(QByteArray dataKey, Protection protection, QString id);

    QByteArray m_dataKey;
    Protection m_protection;
    QString m_id;
};

} // namespace imp::crypto
