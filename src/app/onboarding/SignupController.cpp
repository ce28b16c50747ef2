#include "SignupController.h"

#include "AppContext.h"
#include "OnboardingController.h"
#include "account/AsYouTypeFormatter.h"
#include "account/ImptechId.h"
#include "account/PhoneNumbers.h"
#include "account/VerificationCode.h"
#include "common/Log.h"
#include "legal/AgreementCatalogue.h"

#include <QCoreApplication>
#include <QJsonObject>

namespace imp::app {

using State = chat::AccountService::ConnectionState;

SignupController::SignupController(QObject *parent)
    : QObject(parent)
{
    m_countdown.setInterval(1000);
    connect(&m_countdown, &QTimer::timeout, this, [this] {
        if (m_resendSeconds > 0)
            --m_resendSeconds;
        if (m_resendSeconds == 0)
            m_countdown.stop();
        emit resendSecondsChanged();
    });
}

SignupController::~SignupController() = default;

SignupController *SignupController::create(QQmlEngine *, QJSEngine *)
{
    auto *controller = new SignupController;
    QJSEngine::setObjectOwnership(controller, QJSEngine::JavaScriptOwnership);
    return controller;
}

SignupController *SignupController::instance(QQmlEngine *engine)
{
    if (!engine)
        return nullptr;
    const int typeId = qmlTypeId("IMpTech.Onboarding", 1, 0, "SignupController");
    return typeId < 0 ? nullptr : engine->singletonInstance<SignupController *>(typeId);
}

OnboardingController *SignupController::onboarding() const
{
    return OnboardingController::instance(qmlEngine(this));
}

bool SignupController::ensureService()
{
    if (m_service)
        return true;
    auto *consent = onboarding();
    if (!consent || !consent->profile())
        return false;
    const auto &options = AppContext::current().options;
    m_service = std::make_unique<chat::AccountService>(
        consent->profile(), chat::AccountService::Endpoint{options.server, options.caFile,
                                                           QCoreApplication::applicationVersion()});
    connect(m_service.get(), &chat::AccountService::accountChanged, this,
            &SignupController::accountChanged);
    connect(m_service.get(), &chat::AccountService::stateChanged, this, [this] {
        if (m_service->connectionState() == State::SignedOut)
            m_signedOutElsewhere = true;
        emit connectionChanged();
    });
    return true;
}

void SignupController::setPage(Page page)
{
    m_page = page;
    emit pageChanged();
}

void SignupController::setBusy(bool busy)
{
    if (m_busy != busy) {
        m_busy = busy;
        emit busyChanged();
    }
}

void SignupController::setError(const QString &message)
{
    m_error = message;
    emit errorChanged();
}

void SignupController::setRegion(const QString &region)
{
    if (m_region != region) {
        m_region = region;
        emit regionChanged();
    }
}

int SignupController::callingCode() const
{
    for (const auto &r : account::PhoneNumbers::regions())
        if (r.code == m_region)
            return r.callingCode;
    return 0;
}

QString SignupController::codeTarget() const
{
    const QString &phone = m_codePurpose == "guardian" ? m_guardianPhone : m_phone;
    return QString::fromStdString(log::maskPhone(phone.toStdString()));
}

bool SignupController::needsGuardian() const
{
    auto *consent = onboarding();
    return consent && !consent->ageBracket().isEmpty() && consent->ageBracket() != "adult";
}

QString SignupController::connectionState() const
{
    if (!m_service)
        return "offline";
    switch (m_service->connectionState()) {
    case State::Online:
        return "online";
    case State::Connecting:
        return "connecting";
    default:
        return "offline";
    }
}

QString SignupController::connectionReason() const
{
    if (!m_service)
        return tr("Offline");
    const auto state = m_service->connectionState();
    if (state == State::Connecting)
        return tr("Connecting…");
    if (state == State::Online)
        return tr("Online");
    if (state == State::SignedOut)
        return tr("Your account was signed in on another device.");
    const QString code = m_service->lastConnectionError();
    if (code.startsWith("tls."))
        return tr("The server's certificate is not valid, so IMpTech will not connect.");
    if (code == "auth.failed")
        return tr("Sign-in failed. Sign in again with your mobile number.");
    if (code.isEmpty())
        return tr("Offline");
    return tr("Network unavailable. Retrying…");
}

QString SignupController::phoneMessage(const QString &code) const
{
    if (code == "phone.empty")
        return tr("Enter your mobile number.");
    if (code == "phone.too_short")
        return tr("That number is too short.");
    if (code == "phone.too_long")
        return tr("That number is too long.");
    if (code == "phone.invalid_country")
        return tr("Choose the country or region of this number.");
    if (code == "phone.not_a_number")
        return tr("A phone number has digits only.");
    if (code == "phone.not_mobile")
        return tr("This is not a mobile number. SMS codes need a mobile number.");
    return tr("This number is not valid for the chosen region.");
}

QString SignupController::messageFor(const account::SignupResult &result) const
{
    using S = account::SignupResult::Status;
    switch (result.status) {
    case S::InvalidPhone:
        return tr("The server did not accept this number. Check it and try again.");
    case S::RateLimited:
        return tr("Too many attempts. Try again in %1 s.").arg(result.retryAfterSeconds);
    case S::WrongCode:
        return result.attemptsLeft > 0
                   ? tr("Wrong code. %n attempt(s) left.", "", result.attemptsLeft)
                   : tr("Wrong code. Request a new one.");
    case S::CodeExpired:
        return tr("This code has expired or was used up. Request a new one.");
    case S::ClientOutdated:
        return tr("This version of IMpTech is too old. Please update it.");
    case S::GuardianRequired:
        return tr("Your guardian's consent is required.");
    case S::Timeout:
        return tr("The server is not answering. Try again.");
    case S::Offline:
        return tr("No network connection. Check it and try again.");
    case S::TlsError:
        return tr("The server's certificate is not valid, so IMpTech will not connect.");
    case S::ServerError:
    case S::BadResponse:
    case S::InvalidRequest:
        return tr("The server had a problem. Try again in a moment.");
    default:
        return {};
    }
}

void SignupController::startCountdown(int seconds)
{
    m_resendSeconds = qMax(0, seconds);
    emit resendSecondsChanged();
    if (m_resendSeconds > 0)
        m_countdown.start();
}

QVariantList SignupController::regions(const QString &query) const
{
    const bool zh = AppContext::current().options.language.startsWith("zh");
    QVariantList out;
    const auto list = query.trimmed().isEmpty() ? account::PhoneNumbers::regions()
                                                : account::PhoneNumbers::search(query);
    for (const auto &r : list)
        out.append(QVariantMap{
            {"code", r.code}, {"callingCode", r.callingCode}, {"name", zh ? r.nameZh : r.nameEn}});
    return out;
}

QString SignupController::formatAsYouType(const QString &digits) const
{
    account::AsYouTypeFormatter formatter(m_region);
    return formatter.input(digits);
}

QString SignupController::normaliseCode(const QString &pasted)
{
    return account::VerificationCode::normalise(pasted);
}

void SignupController::resume(bool startSignup)
{
    if (!ensureService())
        return;
    m_signedOutElsewhere = false;
    emit connectionChanged();
    m_service->load([this, startSignup](bool registered) {
        if (registered && !startSignup) {
            setPage(Page::Home);
            m_service->connectToServer();
            return;
        }
        if (startSignup) {
            setError({});
            setPage(Page::Phone);
        }
    });
}

void SignupController::submitPhone(const QString &number)
{
    const auto check = account::PhoneNumbers::validateMobile(number, m_region);
    if (!check.ok)
        return setError(phoneMessage(check.error));
    m_phone = check.e164;
    m_codePurpose = "account";
    sendCode(m_phone, "account");
}

void SignupController::submitGuardianPhone(const QString &number)
{
    const auto check = account::PhoneNumbers::validateMobile(number, m_region);
    if (!check.ok)
        return setError(phoneMessage(check.error));
    if (check.e164 == m_phone)
        return setError(tr("Your guardian needs their own mobile number."));
    m_guardianPhone = check.e164;
    m_codePurpose = "guardian";
    sendCode(m_guardianPhone, "guardian");
}

void SignupController::sendCode(const QString &e164, const QString &purpose)
{
    if (!ensureService())
        return;
    setBusy(true);
    setError({});
    m_service->requestCode(e164, purpose, [this, purpose](const account::SignupResult &result) {
        setBusy(false);
        if (result.status != account::SignupResult::Status::Ok) {
            if (result.retryAfterSeconds > 0)
                startCountdown(result.retryAfterSeconds);
            return setError(messageFor(result));
        }
        m_attemptsLeft = -1;
        startCountdown(result.retryAfterSeconds > 0 ? result.retryAfterSeconds : 60);
        setPage(purpose == "guardian" ? Page::GuardianCode : Page::Code);
    });
}

void SignupController::resendCode()
{
    if (m_resendSeconds > 0 || m_busy)
        return;
    sendCode(m_codePurpose == "guardian" ? m_guardianPhone : m_phone, m_codePurpose);
}

void SignupController::changeNumber()
{
    setError({});
    setPage(m_codePurpose == "guardian" ? Page::GuardianPhone : Page::Phone);
}

void SignupController::submitCode(const QString &code)
{
    if (!account::VerificationCode::isComplete(code))
        return;
    m_code = code;
    if (needsGuardian()) {
        setError({});
        return setPage(Page::GuardianPhone);
    }
    verify();
}

void SignupController::submitGuardianCode(const QString &code)
{
    if (!account::VerificationCode::isComplete(code))
        return;
    m_guardianCode = code;
    verify();
}

void SignupController::verify()
{
    auto *consent = onboarding();
    if (!consent || !ensureService())
        return;
    QJsonObject consentJson{{"document", legal::AgreementCatalogue::AgreementId},
                            {"locale", consent->language()},
                            {"age_bracket", consent->ageBracket()}};
    std::optional<account::SignupClient::Guardian> guardian;
    if (needsGuardian())
        guardian = account::SignupClient::Guardian{m_guardianPhone, m_guardianCode};
    setBusy(true);
    setError({});
    m_service->registerAccount(
        m_phone, m_code, guardian, consentJson, [this](const account::SignupResult &result) {
            setBusy(false);
            if (!result.succeeded()) {
                m_attemptsLeft = result.attemptsLeft;
                // The server says whose code failed: the user's own code may have expired while
                // waiting for the guardian's SMS. Send the person back to that code's page.
                if (result.which == "account" && m_page == Page::GuardianCode) {
                    m_code.clear();
                    m_codePurpose = "account";
                    setPage(Page::Code);
                }
                return setError(messageFor(result));
            }
            // Codes have done their job; forget them and the numbers.
            m_code.clear();
            m_guardianCode.clear();
            m_guardianPhone.clear();
            afterRegistered();
        });
}

void SignupController::afterRegistered()
{
    setPage(nickname().isEmpty() ? Page::Profile : Page::ImptechId);
}

void SignupController::saveProfile(const QString &nickname)
{
    if (nickname.trimmed().isEmpty() || !m_service)
        return;
    setBusy(true);
    setError({});
    auto save = [this, nickname] {
        m_service->setNickname(nickname.trimmed(), [this](Result<void> done) {
            if (!done) {
                setBusy(false);
                return setError(
                    tr("Could not save your profile. Check the connection and try again."));
            }
            m_service->fetchMe([this](Result<chat::AccountService::DirectoryMe> me) {
                setBusy(false);
                m_idChangeable = me && me->changeable;
                emit accountChanged();
                setPage(Page::ImptechId);
            });
        });
    };
    const auto state = m_service->connectionState();
    if (state == State::Online)
        return save();
    if (state == State::SignedOut ||
        (state == State::Offline && !m_service->lastConnectionError().isEmpty())) {
        // The session gave up (TLS, auth, sign-out): say why instead of waiting forever.
        setBusy(false);
        return setError(connectionReason());
    }
    if (state == State::Offline)
        m_service->connectToServer();
    // Freshly registered: wait for the session before talking to the directory.
    auto connection = std::make_shared<QMetaObject::Connection>();
    *connection = connect(
        m_service.get(), &chat::AccountService::stateChanged, this, [this, save, connection] {
            const auto now = m_service->connectionState();
            if (now == State::Online) {
                disconnect(*connection);
                save();
            } else if (now == State::SignedOut || !m_service->lastConnectionError().isEmpty()) {
                disconnect(*connection);
                setBusy(false);
                setError(connectionReason());
            }
        });
}

QString SignupController::idMessage(const QString &code) const
{
    if (code == "id.too_short")
        return tr("At least 6 characters.");
    if (code == "id.too_long")
        return tr("At most 20 characters.");
    if (code == "id.must_start_with_letter")
        return tr("Start with a letter.");
    if (code == "id.invalid_character")
        return tr("Use only letters, digits, _ and -.");
    return {};
}

QString SignupController::checkImptechId(const QString &id) const
{
    return idMessage(account::ImptechId::validate(id));
}

void SignupController::changeImptechId(const QString &id)
{
    if (!m_service || !checkImptechId(id).isEmpty())
        return;
    setBusy(true);
    setError({});
    m_service->setImptechId(id, [this](Result<void> done) {
        setBusy(false);
        if (!done) {
            const auto &code = done.error().code;
            return setError(code == "xmpp.iq.conflict" ? tr("This ID is taken. Try another.")
                            : code == "xmpp.iq.not-allowed"
                                ? tr("Your IMpTech ID was already changed once.")
                                : tr("Could not change the ID. Try again."));
        }
        m_idChangeable = false;
        emit accountChanged();
    });
}

void SignupController::finishId()
{
    setError({});
    setPage(Page::Home);
}

void SignupController::reconnect()
{
    if (m_service)
        m_service->connectToServer();
}

void SignupController::signOutHere()
{
    if (m_service)
        m_service->disconnectFromServer();
}

} // namespace imp::app
