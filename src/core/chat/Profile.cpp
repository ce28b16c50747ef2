#include "Profile.h"

#include "common/Log.h"
#include "crypto/Aead.h"
#include "crypto/Hmac.h"
#include "store/ConsentRepository.h"
#include "store/DatabaseWorker.h"
#include "store/SettingsRepository.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QtConcurrent/QtConcurrentRun>

namespace imp::chat {
namespace {

constexpr const char *DatabaseFile = "imptech.db";

Result<std::optional<QByteArray>> openSetting(store::Database &db, const QByteArray &key,
                                              const QByteArray &tag)
{
    auto sealed = store::SettingsRepository(db).get(tag);
    if (!sealed)
        return sealed.error();
    if (!sealed.value())
        return std::optional<QByteArray>{};
    auto plain = crypto::Aead::open(key, *sealed.value(), "settings/sealed/" + tag.toHex());
    if (!plain)
        return plain.error();
    return std::optional<QByteArray>{plain.value()};
}

std::vector<legal::SealedConsentRow> toLedgerRows(const std::vector<store::ConsentRow> &rows)
{
    std::vector<legal::SealedConsentRow> out;
    out.reserve(rows.size());
    for (const auto &row : rows)
        out.push_back({row.seq, row.sealed, row.chain});
    return out;
}

} // namespace

Profile::Profile(QString dir, crypto::Vault vault)
    : m_dir(std::move(dir))
    , m_vault(std::move(vault))
{
    // Sub-keys by purpose, so a leak of one use's key does not expose another's data.
    m_ledgerKeys.sealKey = m_vault.subKey("imp.ledger.seal.v1");
    m_ledgerKeys.chainKey = m_vault.subKey("imp.ledger.chain.v1");
    m_settingsKey = m_vault.subKey("imp.settings.seal.v1");
    m_indexKey = m_vault.subKey("imp.index.v1");
}

Profile::~Profile()
{
    // Finish queued tasks (they use the ledger) before the members they touch are destroyed,
    // and never let the database thread be the one that destroys the profile.
    m_worker.reset();
    m_lock.reset(); // last: the folder is free once everything is written
}

bool Profile::exists(const QString &dir)
{
    return crypto::Vault::exists(dir);
}

QFuture<Result<Profile::Opening>> Profile::create(const QString &dir,
                                                  std::shared_ptr<crypto::KeychainBackend> keychain)
{
    return QtConcurrent::run([dir, keychain] { return openBlocking(dir, keychain, true); });
}

QFuture<Result<Profile::Opening>> Profile::open(const QString &dir,
                                                std::shared_ptr<crypto::KeychainBackend> keychain)
{
    return QtConcurrent::run([dir, keychain] { return openBlocking(dir, keychain, false); });
}

Result<Profile::Opening> Profile::openBlocking(const QString &dir,
                                               std::shared_ptr<crypto::KeychainBackend> keychain,
                                               bool create)
{
    // Opening: lock before the keychain is asked. Creating: the folder exists only once the
    // vault has made it (nothing is written before consent).
    Result<std::shared_ptr<ProfileLock>> lock = std::shared_ptr<ProfileLock>();
    if (!create && !(lock = ProfileLock::acquire(dir)))
        return lock.error();
    auto vault =
        create ? crypto::Vault::create(dir, *keychain) : crypto::Vault::open(dir, *keychain);
    if (!vault)
        return vault.error();
    if (create && !(lock = ProfileLock::acquire(dir)))
        return lock.error();

    std::shared_ptr<Profile> profile(new Profile(dir, std::move(vault).value()));
    profile->m_lock = std::move(lock).value();
    profile->m_worker = std::make_unique<store::DatabaseWorker>(QDir(dir).filePath(DatabaseFile));
    if (auto started = profile->m_worker->start().result(); !started)
        return started.error();

    const auto keys = profile->m_ledgerKeys;
    auto loaded =
        profile->m_worker
            ->run([keys](store::Database &db) -> Result<std::pair<legal::ConsentLedger, bool>> {
                store::ConsentRepository repo(db);
                auto rows = repo.all();
                if (!rows)
                    return rows.error();
                auto head = repo.head();
                if (!head)
                    return head.error();
                auto ledger =
                    legal::ConsentLedger::load(keys, toLedgerRows(rows.value()), head.value());
                if (ledger)
                    return std::pair{std::move(ledger).value(), false};
                // Keep the evidence, start a fresh chain, and make the user consent again.
                IMP_LOG_WARN("consent ledger failed verification ({}); set aside",
                             ledger.error().detail);
                if (auto moved = repo.quarantineAll(QDateTime::currentMSecsSinceEpoch()); !moved)
                    return moved.error();
                return std::pair{legal::ConsentLedger(keys), true};
            })
            .result();
    if (!loaded)
        return loaded.error();
    profile->m_ledger = std::make_unique<legal::ConsentLedger>(std::move(loaded.value().first));
    return Opening{profile, loaded.value().second};
}

QFuture<Result<std::optional<legal::ConsentRecord>>>
Profile::latestDecision(const QString &documentId)
{
    // `this` is safe: ~Profile drains the worker before any member goes.
    return m_worker->run(
        [this, documentId](store::Database &) -> Result<std::optional<legal::ConsentRecord>> {
            return m_ledger->latestDecision(documentId);
        });
}

QFuture<Result<void>> Profile::recordDecision(const legal::ConsentRecord &record)
{
    return m_worker->run([this, record](store::Database &db) -> Result<void> {
        auto append = m_ledger->prepareAppend(record);
        if (!append)
            return append.error();
        store::ConsentRepository repo(db);
        auto written = db.transaction([&](store::Database &) -> Result<void> {
            if (auto r = repo.append({append->row.seq, append->row.sealed, append->row.chain}); !r)
                return r;
            return repo.setHead(append->sealedHead);
        });
        if (!written)
            return written;
        m_ledger->commit(append.value());
        return {};
    });
}

QByteArray Profile::settingTag(const QString &name) const
{
    return crypto::Hmac::sha256(m_indexKey, "settings:" + name.toUtf8());
}

Result<Profile::SealedSetting> Profile::sealSetting(const QString &name,
                                                    const QByteArray &value) const
{
    const QByteArray tag = settingTag(name);
    auto sealed = crypto::Aead::seal(m_settingsKey, value, "settings/sealed/" + tag.toHex());
    if (!sealed)
        return sealed.error();
    return SealedSetting{tag, sealed.value()};
}

QFuture<Result<void>> Profile::putSetting(const QString &name, const QByteArray &value)
{
    auto sealed = sealSetting(name, value);
    if (!sealed)
        return QtFuture::makeReadyFuture<Result<void>>(sealed.error());
    return m_worker->run([setting = sealed.value()](store::Database &db) -> Result<void> {
        return store::SettingsRepository(db).put(setting.tag, setting.sealed);
    });
}

QFuture<Result<std::optional<QByteArray>>> Profile::setting(const QString &name)
{
    return m_worker->run([tag = settingTag(name), key = m_settingsKey](store::Database &db) {
        return openSetting(db, key, tag);
    });
}

QFuture<Result<legal::FirstRunDecisions>> Profile::firstRunDecisions()
{
    const QByteArray birthTag = settingTag(BirthDateSetting);
    const QByteArray guardianTag = settingTag(GuardianConsentSetting);
    return m_worker->run([this, key = m_settingsKey, birthTag,
                          guardianTag](store::Database &db) -> Result<legal::FirstRunDecisions> {
        legal::FirstRunDecisions decisions;
        decisions.agreement = m_ledger->latestDecision(legal::AgreementCatalogue::AgreementId);
        decisions.childRules = m_ledger->latestDecision(legal::AgreementCatalogue::ChildrenRulesId);
        auto birth = openSetting(db, key, birthTag);
        if (!birth)
            return birth.error();
        if (birth.value())
            decisions.birthDate =
                QDate::fromString(QString::fromLatin1(*birth.value()), Qt::ISODate);
        auto guardian = openSetting(db, key, guardianTag);
        if (!guardian)
            return guardian.error();
        decisions.guardianConsented = guardian.value().has_value();
        return decisions;
    });
}

QFuture<Result<void>> Profile::recordBirthDate(const QDate &birth, legal::AgeBracket bracket)
{
    auto date = sealSetting(BirthDateSetting, birth.toString(Qt::ISODate).toLatin1());
    auto band = sealSetting(AgeBracketSetting, legal::AgePolicy::bracketName(bracket).toLatin1());
    if (!date || !band)
        return QtFuture::makeReadyFuture<Result<void>>(!date ? date.error() : band.error());
    return m_worker->run([date = date.value(), band = band.value()](store::Database &db) {
        // Both or neither: a date whose bracket is missing or stale would mislead the app.
        return db.transaction([&](store::Database &) -> Result<void> {
            store::SettingsRepository repo(db);
            if (auto stored = repo.put(date.tag, date.sealed); !stored)
                return stored;
            return repo.put(band.tag, band.sealed);
        });
    });
}

QFuture<Result<void>> Profile::recordGuardianConsent()
{
    return putSetting(GuardianConsentSetting,
                      QByteArray::number(QDateTime::currentSecsSinceEpoch()));
}

QFuture<void> Profile::flush()
{
    // The worker runs tasks in order: this empty one finishes after every write before it.
    return m_worker->run([](store::Database &) -> Result<void> { return {}; })
        .then([](Result<void>) {});
}

} // namespace imp::chat
