#pragma once

#include "account/SignupResult.h"
#include "chat/AccountService.h"

#include <QObject>
#include <QQmlEngine>
#include <QTimer>
#include <QVariantList>
#include <memory>
#include <optional>

namespace imp::app {

// Sign-up with a mobile number, the guardian's consent for minors, the profile and the IMpTech
// ID, then the signed-in session. Decides the page and the messages; QML shows them.
class SignupController : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON

    Q_PROPERTY(Page page READ page NOTIFY pageChanged)
    Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)
    Q_PROPERTY(QString region READ region WRITE setRegion NOTIFY regionChanged)
    Q_PROPERTY(int callingCode READ callingCode NOTIFY regionChanged)
    Q_PROPERTY(QString error READ error NOTIFY errorChanged)
    Q_PROPERTY(QString codeTarget READ codeTarget NOTIFY pageChanged)
    Q_PROPERTY(int resendSeconds READ resendSeconds NOTIFY resendSecondsChanged)
    Q_PROPERTY(int attemptsLeft READ attemptsLeft NOTIFY errorChanged)
    Q_PROPERTY(bool needsGuardian READ needsGuardian NOTIFY pageChanged)
    Q_PROPERTY(QString imptechId READ imptechId NOTIFY accountChanged)
    Q_PROPERTY(bool idChangeable READ idChangeable NOTIFY accountChanged)
    Q_PROPERTY(QString nickname READ nickname NOTIFY accountChanged)
    Q_PROPERTY(QString jid READ jid NOTIFY accountChanged)
    Q_PROPERTY(QString connectionState READ connectionState NOTIFY connectionChanged)
    Q_PROPERTY(QString connectionReason READ connectionReason NOTIFY connectionChanged)
    Q_PROPERTY(bool signedOutElsewhere READ signedOutElsewhere NOTIFY connectionChanged)

public:
    enum class Page { Idle, Phone, Code, GuardianPhone, GuardianCode, Profile, ImptechId, Home };
    Q_ENUM(Page)

    explicit SignupController(QObject *parent = nullptr);
    ~SignupController() override;
    static SignupController *create(QQmlEngine *, QJSEngine *);
    // The instance this engine created (or creates now); null without an engine.
    static SignupController *instance(QQmlEngine *engine);
    // The account service (null before the profile exists); the chat services run on it.
    chat::AccountService *service() const { return m_service.get(); }

    Page page() const { return m_page; }
    bool busy() const { return m_busy; }
    QString region() const { return m_region; }
    void setRegion(const QString &region);
    int callingCode() const;
    QString error() const { return m_error; }
    QString codeTarget() const;
    int resendSeconds() const { return m_resendSeconds; }
    int attemptsLeft() const { return m_attemptsLeft; }
    bool needsGuardian() const;
    QString imptechId() const { return m_service ? m_service->account().imptechId : QString(); }
    bool idChangeable() const { return m_idChangeable; }
    QString nickname() const { return m_service ? m_service->account().nickname : QString(); }
    QString jid() const { return m_service ? m_service->account().jid : QString(); }
    QString connectionState() const;
    QString connectionReason() const;
    bool signedOutElsewhere() const { return m_signedOutElsewhere; }

    // Called once consent and age are settled: a registered profile goes home, else sign-up.
    Q_INVOKABLE void resume(bool startSignup);
    Q_INVOKABLE QVariantList regions(const QString &query) const;
    Q_INVOKABLE QString formatAsYouType(const QString &digits) const;
    Q_INVOKABLE void submitPhone(const QString &number);
    Q_INVOKABLE void submitCode(const QString &code);
    Q_INVOKABLE void resendCode();
    Q_INVOKABLE void changeNumber();
    Q_INVOKABLE void submitGuardianPhone(const QString &number);
    Q_INVOKABLE void submitGuardianCode(const QString &code);
    Q_INVOKABLE void signOutHere();
    Q_INVOKABLE void saveProfile(const QString &nickname);
    Q_INVOKABLE QString checkImptechId(const QString &id) const;
    Q_INVOKABLE void changeImptechId(const QString &id);
    Q_INVOKABLE void finishId();
    Q_INVOKABLE void reconnect();
    Q_INVOKABLE static QString normaliseCode(const QString &pasted);

signals:
    void pageChanged();
    void busyChanged();
    void regionChanged();
    void errorChanged();
    void resendSecondsChanged();
    void accountChanged();
    void connectionChanged();

private:
    void setPage(Page page);
    void setBusy(bool busy);
    void setError(const QString &message);
    void startCountdown(int seconds);
    void sendCode(const QString &e164, const QString &purpose);
    void verify();
    bool ensureService();
    void afterRegistered();
    QString messageFor(const account::SignupResult &result) const;
    QString phoneMessage(const QString &code) const;
    QString idMessage(const QString &code) const;
    class OnboardingController *onboarding() const;

    Page m_page = Page::Idle;
    bool m_busy = false;
    QString m_region = "CN";
    QString m_error;
    int m_resendSeconds = 0;
    int m_attemptsLeft = -1;
    QTimer m_countdown;
    // Kept in memory only, until the server has created the account.
    QString m_phone;
    QString m_code;
    QString m_guardianPhone;
    QString m_guardianCode;
    QString m_codePurpose = "account";
    bool m_idChangeable = false;
    bool m_signedOutElsewhere = false;
    std::unique_ptr<chat::AccountService> m_service;
};

} // namespace imp::app
