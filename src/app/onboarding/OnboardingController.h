#pragma once

#include "chat/Profile.h"
#include "legal/AgePolicy.h"
#include "legal/AgreementCatalogue.h"

#include <QObject>
#include <QQmlEngine>
#include <QVariantList>
#include <memory>
#include <optional>

namespace imp::app {

// Drives the first-run journey: agreement, decline explanation, age, guardian, children's rules,
// then the hand-over to sign-up. It decides the page; QML only shows it.
class OnboardingController : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON

    Q_PROPERTY(Page page READ page NOTIFY pageChanged)
    Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)
    Q_PROPERTY(bool reconsent READ reconsent NOTIFY pageChanged)
    Q_PROPERTY(bool ledgerWasTampered READ ledgerWasTampered NOTIFY pageChanged)
    Q_PROPERTY(bool keyFileFallback READ keyFileFallback NOTIFY pageChanged)
    Q_PROPERTY(QString changeSummary READ changeSummary NOTIFY pageChanged)
    Q_PROPERTY(QString errorText READ errorText NOTIFY errorTextChanged)
    Q_PROPERTY(bool canReset READ canReset NOTIFY pageChanged)
    Q_PROPERTY(int ageYears READ ageYears NOTIFY ageChanged)
    Q_PROPERTY(QString ageBracket READ ageBracket NOTIFY ageChanged)
    Q_PROPERTY(QString language READ language CONSTANT)
    Q_PROPERTY(QString agreementId READ agreementId CONSTANT)
    Q_PROPERTY(QString childRulesId READ childRulesId CONSTANT)

public:
    enum class Page { Loading, Agreement, Declined, Age, Guardian, ChildRules, Ready, Broken };
    Q_ENUM(Page)

    explicit OnboardingController(QObject *parent = nullptr);
    ~OnboardingController() override;
    static OnboardingController *create(QQmlEngine *, QJSEngine *);
    // The instance this engine created (or creates now); null without an engine.
    static OnboardingController *instance(QQmlEngine *engine);

    Page page() const { return m_page; }
    bool busy() const { return m_busy; }
    bool reconsent() const { return m_reconsent; }
    bool ledgerWasTampered() const { return m_ledgerWasTampered; }
    bool keyFileFallback() const;
    QString changeSummary() const;
    QString errorText() const { return m_errorText; }
    bool canReset() const { return m_canReset; }
    int ageYears() const { return m_age ? m_age->years : -1; }
    QString ageBracket() const;
    QString language() const;
    QString agreementId() const { return legal::AgreementCatalogue::AgreementId; }
    QString childRulesId() const { return legal::AgreementCatalogue::ChildrenRulesId; }

    // Starts the journey: decides the first page from the profile folder, if any.
    Q_INVOKABLE void start();
    Q_INVOKABLE void agree();
    Q_INVOKABLE void decline();
    Q_INVOKABLE void readAgain();
    Q_INVOKABLE void quit();

    // Checks a birth date without committing; returns {ok, years, bracket, message}.
    Q_INVOKABLE QVariantMap checkBirthDate(int year, int month, int day) const;
    Q_INVOKABLE void confirmBirthDate(int year, int month, int day);
    Q_INVOKABLE void changeBirthDate();
    Q_INVOKABLE void confirmGuardianReading();
    Q_INVOKABLE void acceptChildRules();
    Q_INVOKABLE void declineChildRules();
    Q_INVOKABLE void resetProfile();

    Q_INVOKABLE QString documentTitle(const QString &id) const;
    Q_INVOKABLE QString documentText(const QString &id) const;
    Q_INVOKABLE QVariantList thirdPartyNotices() const;
    Q_INVOKABLE QString noticeText(const QString &file) const;

    // The profile, once accepted; for the later features and for tests.
    std::shared_ptr<chat::Profile> profile() const { return m_profile; }

signals:
    void pageChanged();
    void busyChanged();
    void errorTextChanged();
    void ageChanged();
    void quitRequested();

private:
    void setPage(Page page);
    void setBusy(bool busy);
    void setError(const QString &text);
    void fail(const Error &error, bool canReset);
    // Asks the consent gate what the stored decisions still lack, and shows that page.
    void showNextStep();
    void record(const QString &documentId, legal::ConsentDecision decision,
                std::function<void()> then);
    QString messageFor(const Error &error) const;

    std::optional<legal::AgreementCatalogue> m_catalogue;
    std::shared_ptr<chat::Profile> m_profile;
    Page m_page = Page::Loading;
    bool m_busy = false;
    bool m_reconsent = false;
    bool m_ledgerWasTampered = false;
    bool m_canReset = false;
    bool m_declineExplained = false;
    bool m_childRulesDeclined = false;
    QString m_errorText;
    std::optional<legal::AgeAssessment> m_age;
};

} // namespace imp::app
