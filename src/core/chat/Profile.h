#pragma once

#include "ProfileLock.h"
#include "common/Result.h"
#include "crypto/KeychainBackend.h"
#include "crypto/Vault.h"
#include "legal/ConsentGate.h"
#include "legal/ConsentLedger.h"

#include <QFuture>
#include <QString>
#include <memory>
#include <optional>

namespace imp::store {
class DatabaseWorker;
}

namespace imp::chat {

// The user's profile folder: the vault, the encrypted database, the consent ledger and sealed
// settings. Nothing of it exists before the user accepts the agreement: create() is the first
// write. All work runs off the calling thread (keychain on a pool thread, SQLite on the
// database's one writer thread); results come back as futures.
class Profile {
public:
    struct Opening {
        std::shared_ptr<Profile> profile;
        bool ledgerWasTampered = false; // the old ledger was set aside; ask for consent again
    };

    ~Profile();

    // Settings shared by the app and imptech-cli.
    static constexpr const char *BirthDateSetting = "birth_date";
    static constexpr const char *AgeBracketSetting = "age_bracket";
    static constexpr const char *GuardianConsentSetting = "guardian_reading"; // stored name kept

    static bool exists(const QString &dir);
    static QFuture<Result<Opening>> create(const QString &dir,
                                           std::shared_ptr<crypto::KeychainBackend> keychain);
    static QFuture<Result<Opening>> open(const QString &dir,
                                         std::shared_ptr<crypto::KeychainBackend> keychain);

    QString dir() const { return m_dir; }
    crypto::Vault::Protection protection() const { return m_vault.protection(); }

    QFuture<Result<std::optional<legal::ConsentRecord>>> latestDecision(const QString &documentId);
    QFuture<Result<void>> recordDecision(const legal::ConsentRecord &record);

    // Small sealed key/value store for profile facts (birth date, age bracket...).
    QFuture<Result<void>> putSetting(const QString &name, const QByteArray &value);
    QFuture<Result<std::optional<QByteArray>>> setting(const QString &name);

    // What legal::ConsentGate decides from, in one read.
    QFuture<Result<legal::FirstRunDecisions>> firstRunDecisions();
    // The stated birth date and its age bracket, written together.
    QFuture<Result<void>> recordBirthDate(const QDate &birth, legal::AgeBracket bracket);
    // The guardian's consent for a minor (clause 6.6), with its time.
    QFuture<Result<void>> recordGuardianConsent();

    // Finishes once every write queued before it is on disk; never blocks the caller. (Only
    // ~Profile waits: the database thread's destructor runs what is queued, then joins.)
    QFuture<void> flush();

    // For the chat services: the database thread, and keys derived from the vault for a
    // named purpose (HKDF; the same purpose always gives the same key).
    store::DatabaseWorker &worker() { return *m_worker; }
    QByteArray subKey(const QByteArray &purpose) const { return m_vault.subKey(purpose); }

private:
    Profile(QString dir, crypto::Vault vault);
    static Result<Opening> openBlocking(const QString &dir,
                                        std::shared_ptr<crypto::KeychainBackend> keychain,
                                        bool create);
    struct SealedSetting {
        QByteArray tag;
        QByteArray sealed;
    };
    QByteArray settingTag(const QString &name) const;
    Result<SealedSetting> sealSetting(const QString &name, const QByteArray &value) const;

    QString m_dir;
    crypto::Vault m_vault;
    legal::LedgerKeys m_ledgerKeys;
    QByteArray m_settingsKey;
    QByteArray m_indexKey;
    std::unique_ptr<store::DatabaseWorker> m_worker;
    std::shared_ptr<ProfileLock> m_lock; // held while this profile is open
    // Only touched from tasks on the database thread.
    std::unique_ptr<legal::ConsentLedger> m_ledger;
};

} // namespace imp::chat
