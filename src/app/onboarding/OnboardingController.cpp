#include "OnboardingController.h"

#include "AppContext.h"
#include "common/Log.h"
#include "legal/ConsentGate.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimeZone>
#include <QtConcurrent/QtConcurrentRun>

namespace imp::app {
namespace {

using Page = OnboardingController::Page;

QDate localToday()
{
    return legal::AgePolicy::today(QDateTime::currentDateTimeUtc(), QTimeZone::systemTimeZone());
}

Page pageFor(legal::GateStep step)
{
    switch (step) {
    case legal::GateStep::Agreement:
        return Page::Agreement;
    case legal::GateStep::Declined:
        return Page::Declined;
    case legal::GateStep::BirthDate:
        return Page::Age;
    case legal::GateStep::Guardian:
        return Page::Guardian;
    case legal::GateStep::ChildRules:
        return Page::ChildRules;
    case legal::GateStep::Done:
        break;
    }
    return Page::Ready;
}

} // namespace

OnboardingController::OnboardingController(QObject *parent)
    : QObject(parent)
{}

// No flush here: the UI thread never waits. What is queued is still written: the last owner's
// ~Profile lets its database thread run the queue before joining it (at exit, the one wait).
OnboardingController::~OnboardingController() = default;

OnboardingController *OnboardingController::create(QQmlEngine *, QJSEngine *)
{
    auto *controller = new OnboardingController;
    QJSEngine::setObjectOwnership(controller, QJSEngine::JavaScriptOwnership);
    return controller;
}

OnboardingController *OnboardingController::instance(QQmlEngine *engine)
{
    if (!engine)
        return nullptr;
    const int typeId = qmlTypeId("IMpTech.Onboarding", 1, 0, "OnboardingController");
    return typeId < 0 ? nullptr : engine->singletonInstance<OnboardingController *>(typeId);
}

bool OnboardingController::keyFileFallback() const
{
    return m_profile && m_profile->protection() == crypto::Vault::Protection::KeyFile;
}

QString OnboardingController::changeSummary() const
{
    const auto *doc = m_catalogue ? m_catalogue->find(agreementId()) : nullptr;
    return doc ? doc->changes(language()) : QString();
}

QString OnboardingController::ageBracket() const
{
    return m_age ? legal::AgePolicy::bracketName(m_age->bracket) : QString();
}

QString OnboardingController::language() const
{
    return AppContext::current().options.language;
}

void OnboardingController::setPage(Page page)
{
    m_page = page;
    emit pageChanged();
}

void OnboardingController::setBusy(bool busy)
{
    if (m_busy != busy) {
        m_busy = busy;
        emit busyChanged();
    }
}

void OnboardingController::setError(const QString &text)
{
    if (m_errorText != text) {
        m_errorText = text;
        emit errorTextChanged();
    }
}

QString OnboardingController::messageFor(const Error &error) const
{
    const auto &code = error.code;
    if (code == "legal.integrity" || code == "legal.manifest_missing" ||
        code == "legal.manifest_invalid")
        return tr("The agreement shipped with this copy of IMpTech is damaged, so it cannot be "
                  "accepted. Please reinstall IMpTech.");
    if (code == "keychain.timeout")
        return tr("The system keychain did not answer, so your data cannot be unlocked. Unlock "
                  "your keychain and try again.");
    if (code.rfind("keychain.", 0) == 0)
        return tr("The system keychain is unavailable, so your data cannot be unlocked.");
    if (code == "vault.corrupt" || code == "vault.missing" || code == "store.corrupt")
        return tr("The data on this device is damaged and cannot be read.");
    if (code == "store.disk_full")
        return tr("The disk is full. Free some space and try again.");
    if (code == "profile.in_use")
        return tr("This profile is open in another IMpTech program (%1). Close it, then try "
                  "again.")
            .arg(QString::fromStdString(error.detail)); // the holder, named by ProfileLock
    if (code == "store.too_new")
        return tr("This data was written by a newer IMpTech. Please update the app.");
    return tr("Something went wrong while saving on this device. Please try again.");
}

void OnboardingController::fail(const Error &error, bool canReset)
{
    IMP_LOG_ERROR("onboarding failed: {} ({})", error.code, error.detail);
    setBusy(false);
    m_canReset = canReset;
    setError(messageFor(error));
    setPage(Page::Broken);
}

void OnboardingController::start()
{
    setError({});
    auto &context = AppContext::current();
    auto catalogue = legal::AgreementCatalogue::load(context.options.legalDir);
    if (!catalogue)
        return fail(catalogue.error(), false);
    m_catalogue = std::move(catalogue).value();
    auto offer = m_catalogue->offerable(agreementId());
    if (!offer)
        return fail(offer.error(), false);
    // Which text is offered, and from where (the package test checks an installed app shows
    // the shipped one).
    IMP_LOG_INFO("offering {} version {} sha256 {} from {}", (*offer)->id.toStdString(),
                 (*offer)->version, (*offer)->sha256Hex.toStdString(),
                 context.options.legalDir.toStdString());

    if (!chat::Profile::exists(context.options.dataDir)) {
        // First run: nothing is read, written or sent until the user says yes.
        m_reconsent = false;
        setPage(Page::Agreement);
        return;
    }

    setBusy(true);
    setPage(Page::Loading);
    chat::Profile::open(context.options.dataDir, context.keychain)
        .then(this, [this](Result<chat::Profile::Opening> opened) {
            // A keychain that is locked or slow may answer later: never offer to wipe for that.
            // Nor for a profile another process has open: it is not damaged.
            if (!opened) {
                const auto &code = opened.error().code;
                return fail(opened.error(),
                            code.rfind("keychain.", 0) != 0 && code.rfind("profile.", 0) != 0);
            }
            m_profile = opened->profile;
            m_ledgerWasTampered = opened->ledgerWasTampered;
            log::enableFile(QDir(m_profile->dir()).filePath("logs").toStdString());
            showNextStep();
        });
}

void OnboardingController::showNextStep()
{
    setBusy(true);
    m_profile->firstRunDecisions().then(this, [this](Result<legal::FirstRunDecisions> stored) {
        if (!stored)
            return fail(stored.error(), true);
        auto state = legal::ConsentGate::evaluate(*m_catalogue, stored.value(), localToday());
        if (!state)
            return fail(state.error(), false);
        setBusy(false);
        if (state->age) {
            m_age = state->age;
            emit ageChanged();
        }
        if (state->step == legal::GateStep::Agreement)
            m_reconsent = state->reconsent;
        if (state->step == legal::GateStep::Declined) {
            m_reconsent = true;
            m_declineExplained = true; // the explanation is the page itself: no loop
        }
        setPage(pageFor(state->step));
    });
}

void OnboardingController::record(const QString &documentId, legal::ConsentDecision decision,
                                  std::function<void()> then)
{
    const auto record =
        legal::ConsentRecord::decide(*m_catalogue->find(documentId), decision, language(),
                                     QCoreApplication::applicationVersion());
    setBusy(true);
    m_profile->recordDecision(record).then(this, [this, then = std::move(then)](Result<void> done) {
        if (!done)
            return fail(done.error(), false);
        setBusy(false);
        then();
    });
}

void OnboardingController::agree()
{
    if (m_page != Page::Agreement || m_busy)
        return;
    if (auto offer = m_catalogue->offerable(agreementId()); !offer)
        return fail(offer.error(), false);

    auto afterRecord = [this] {
        IMP_LOG_INFO("agreement accepted");
        m_ledgerWasTampered = false;
        m_reconsent = false;
        showNextStep();
    };
    if (m_profile)
        return record(agreementId(), legal::ConsentDecision::Accepted, afterRecord);

    // The first write of this install: the profile folder, its vault and database.
    auto &context = AppContext::current();
    setBusy(true);
    chat::Profile::create(context.options.dataDir, context.keychain)
        .then(this, [this, afterRecord](Result<chat::Profile::Opening> created) {
            if (!created)
                return fail(created.error(), false);
            m_profile = created->profile;
            log::enableFile(QDir(m_profile->dir()).filePath("logs").toStdString());
            record(agreementId(), legal::ConsentDecision::Accepted, afterRecord);
        });
}

void OnboardingController::decline()
{
    if (m_page != Page::Agreement || m_busy)
        return;
    // Explain once; a second "no" is taken as the answer, never asked in a loop.
    if (m_declineExplained)
        return quit();
    m_declineExplained = true;
    if (m_profile && m_reconsent) {
        // An existing user declining new terms: recorded, and use stops (clause 12.1).
        return record(agreementId(), legal::ConsentDecision::Declined,
                      [this] { setPage(Page::Declined); });
    }
    setPage(Page::Declined);
}

void OnboardingController::readAgain()
{
    // Back to the document that was declined: the agreement, or the children's rules.
    if (m_page == Page::Declined)
        setPage(m_childRulesDeclined ? Page::ChildRules : Page::Agreement);
}

void OnboardingController::quit()
{
    // The window quits the app (Main.qml) once what was written is on disk, without waiting
    // here; tests observe the signal instead.
    if (!m_profile) {
        emit quitRequested();
        return;
    }
    m_profile->flush().then(this, [this] { emit quitRequested(); });
}

QVariantMap OnboardingController::checkBirthDate(int year, int month, int day) const
{
    const QDate birth(year, month, day);
    auto age = legal::AgePolicy::assess(birth, localToday());
    if (!age) {
        const auto &code = age.error().code;
        QString message = code == "legal.birth_in_future"
                              ? tr("A birth date cannot be in the future.")
                          : code == "legal.birth_too_old"
                              ? tr("Please check the year: that is more than 120 years ago.")
                              : tr("That day does not exist. Please check the date.");
        return {{"ok", false}, {"message", message}};
    }
    const auto bracket = age->bracket;
    QString note = bracket == legal::AgeBracket::Adult ? QString()
                   : bracket == legal::AgeBracket::Minor
                       ? tr("Under 18: your guardian must agree before you can use IMpTech.")
                       : tr("Under 14: your guardian must agree, and also accept the children's "
                            "personal information rules.");
    return {{"ok", true},
            {"years", age->years},
            {"bracket", legal::AgePolicy::bracketName(bracket)},
            {"message", note}};
}

void OnboardingController::confirmBirthDate(int year, int month, int day)
{
    if (m_page != Page::Age || m_busy)
        return;
    const QDate birth(year, month, day);
    auto age = legal::AgePolicy::assess(birth, localToday());
    if (!age)
        return; // the page shows checkBirthDate()'s message and keeps the button disabled
    m_age = age.value();
    emit ageChanged();
    setBusy(true);
    m_profile->recordBirthDate(birth, m_age->bracket).then(this, [this](Result<void> stored) {
        if (!stored)
            return fail(stored.error(), false);
        IMP_LOG_INFO("age step recorded");
        setBusy(false);
        setPage(pageFor(legal::ConsentGate::afterBirthDate(m_age->bracket)));
    });
}

void OnboardingController::changeBirthDate()
{
    if (m_page == Page::Guardian || m_page == Page::Ready || m_page == Page::ChildRules)
        setPage(Page::Age);
}

void OnboardingController::confirmGuardianReading()
{
    if (m_page != Page::Guardian || m_busy)
        return;
    setBusy(true);
    m_profile->recordGuardianConsent().then(this, [this](Result<void> stored) {
        if (!stored)
            return fail(stored.error(), false);
        setBusy(false);
        setPage(m_age ? pageFor(legal::ConsentGate::afterGuardian(m_age->bracket)) : Page::Ready);
    });
}

void OnboardingController::acceptChildRules()
{
    m_childRulesDeclined = false;
    if (m_page != Page::ChildRules || m_busy)
        return;
    if (auto offer = m_catalogue->offerable(childRulesId()); !offer)
        return fail(offer.error(), false);
    record(childRulesId(), legal::ConsentDecision::Accepted, [this] { setPage(Page::Ready); });
}

void OnboardingController::declineChildRules()
{
    if (m_page != Page::ChildRules || m_busy)
        return;
    if (!m_catalogue->find(childRulesId()))
        return fail(makeError("legal.manifest_invalid", "no children's rules"), false);
    record(childRulesId(), legal::ConsentDecision::Declined, [this] {
        m_childRulesDeclined = true;
        m_declineExplained = true;
        setPage(Page::Declined);
    });
}

void OnboardingController::resetProfile()
{
    if (m_page != Page::Broken || !m_canReset || m_busy)
        return;
    auto &context = AppContext::current();
    m_profile.reset();
    m_canReset = false;
    m_declineExplained = false;
    setBusy(true);
    setPage(Page::Loading);
    // Off the UI thread: removing the keychain entry can wait on the keychain.
    QtConcurrent::run([dataDir = context.options.dataDir, keychain = context.keychain] {
        (void)crypto::Vault::destroy(dataDir, *keychain);
        // Only our own files: the folder may be one the user chose and shares with other things.
        QDir dir(dataDir);
        for (const char *name : {"imptech.db", "imptech.db-wal", "imptech.db-shm"})
            dir.remove(QString::fromLatin1(name));
        QDir(dir.filePath("logs")).removeRecursively();
    }).then(this, [this] {
        IMP_LOG_WARN("profile reset by the user after an unreadable profile");
        setBusy(false);
        start();
    });
}

QString OnboardingController::documentTitle(const QString &id) const
{
    const auto *doc = m_catalogue ? m_catalogue->find(id) : nullptr;
    return doc ? doc->title(language()) : QString();
}

QString OnboardingController::documentText(const QString &id) const
{
    if (!m_catalogue)
        return {};
    auto doc = m_catalogue->offerable(id);
    return doc ? doc.value()->text : QString();
}

QVariantList OnboardingController::thirdPartyNotices() const
{
    QFile file(AppContext::current().options.legalDir + "/third_party/manifest.json");
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).array().toVariantList();
}

QString OnboardingController::noticeText(const QString &fileName) const
{
    // Only plain names from our own manifest: never a path from elsewhere.
    if (fileName.contains('/') || fileName.contains(".."))
        return {};
    QFile file(AppContext::current().options.legalDir + "/third_party/" + fileName);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readAll());
}

} // namespace imp::app
