#include "CliClient.h"

#include "account/PhoneNumbers.h"
#include "account/VerificationCode.h"
#include "common/Log.h"
#include "crypto/QtKeychainBackend.h"
#include "legal/AgePolicy.h"
#include "legal/ConsentPolicy.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonObject>
#include <QTextStream>
#include <QTimeZone>
#include <QTimer>
#include <cstdio>

namespace imp::cli {
namespace {

void print(const QString &line)
{
    std::fputs(qPrintable(line + '\n'), stdout);
    std::fflush(stdout);
}

QString stateName(xmpp::XmppClient::State state)
{
    switch (state) {
    case xmpp::XmppClient::State::Online:
        return "online";
    case xmpp::XmppClient::State::Connecting:
        return "connecting";
    case xmpp::XmppClient::State::SignedOut:
        return "signed-out";
    case xmpp::XmppClient::State::Offline:
        break;
    }
    return "offline";
}

} // namespace

CliClient::CliClient(Options options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
{}

void CliClient::fail(const QString &message, int code)
{
    std::fputs(qPrintable("imptech-cli: " + message + '\n'), stderr);
    if (m_profile)
        m_profile->flush();
    emit finished(code);
}

void CliClient::done()
{
    if (m_profile)
        m_profile->flush();
    emit finished(0);
}

QString CliClient::readLine(const QString &prompt)
{
    std::fputs(qPrintable(prompt), stderr);
    std::fflush(stderr);
    QTextStream in(stdin);
    return in.readLine().trimmed();
}

void CliClient::run(const QString &command, const QStringList &args)
{
    auto catalogue = legal::AgreementCatalogue::load(":/legal");
    if (!catalogue || !catalogue->offerable(legal::AgreementCatalogue::AgreementId))
        return fail("the shipped agreement is damaged; reinstall IMpTech", 3);
    m_catalogue = std::move(catalogue).value();

    if (command == "agree")
        return agree();
    if (command == "signup") {
        if (args.isEmpty())
            return fail("usage: imptech-cli signup PHONE [--code CODE]", 2);
        return signup(args.first());
    }
    if (command == "whoami")
        return whoami();
    fail("unknown command '" + command + "' (agree, signup, whoami)", 2);
}

void CliClient::openProfile(bool create, std::function<void()> then)
{
    auto keychain = std::make_shared<crypto::QtKeychainBackend>();
    auto future = create && !chat::Profile::exists(m_options.dataDir)
                      ? chat::Profile::create(m_options.dataDir, keychain)
                      : chat::Profile::open(m_options.dataDir, keychain);
    future.then(this, [this, then = std::move(then)](Result<chat::Profile::Opening> opened) {
        if (!opened)
            return fail("cannot open the profile: " + QString::fromStdString(opened.error().code));
        m_profile = opened->profile;
        log::enableFile((m_options.dataDir + "/logs").toStdString());
        if (opened->ledgerWasTampered)
            print("warning: the consent record could not be verified; agree again");
        then();
    });
}

void CliClient::agree()
{
    const auto *doc = m_catalogue->find(legal::AgreementCatalogue::AgreementId);
    print(QString("document: %1\nversion: %2\nsha256: %3\ntext: legal/%4 (authoritative Chinese)")
              .arg(doc->id)
              .arg(doc->version)
              .arg(QString::fromLatin1(doc->sha256Hex), doc->file));
    const QDate birth = QDate::fromString(m_options.birthDate, Qt::ISODate);
    const QDate today =
        legal::AgePolicy::today(QDateTime::currentDateTimeUtc(), QTimeZone::systemTimeZone());
    auto age = legal::AgePolicy::assess(birth, today);
    if (!age)
        return fail("--birth-date YYYY-MM-DD is required and must be a real past date", 2);
    if (age->bracket != legal::AgeBracket::Adult)
        return fail("users under 18 sign up in the app, with their guardian's consent", 4);
    if (!m_options.yes) {
        const QString answer = readLine("Accept every clause of this agreement? [y/N] ");
        if (answer.compare("y", Qt::CaseInsensitive) != 0 &&
            answer.compare("yes", Qt::CaseInsensitive) != 0)
            return fail("not accepted; nothing was written", 5);
    }
    openProfile(true, [this, doc, birth, age = age.value()] {
        const auto record = legal::ConsentRecord::decide(*doc, legal::ConsentDecision::Accepted,
                                                         "zh_CN", IMP_APP_VERSION);
        m_profile->putSetting(chat::Profile::BirthDateSetting,
                              birth.toString(Qt::ISODate).toLatin1());
        m_profile->putSetting(chat::Profile::AgeBracketSetting,
                              legal::AgePolicy::bracketName(age.bracket).toLatin1());
        m_profile->recordDecision(record).then(this, [this](Result<void> recorded) {
            if (!recorded)
                return fail("could not record consent: " +
                            QString::fromStdString(recorded.error().code));
            print("accepted");
            done();
        });
    });
}

void CliClient::requireConsent(std::function<void()> then)
{
    if (!chat::Profile::exists(m_options.dataDir))
        return fail("accept the agreement first: imptech-cli agree --birth-date YYYY-MM-DD", 6);
    openProfile(false, [this, then = std::move(then)] {
        m_profile->latestDecision(legal::AgreementCatalogue::AgreementId)
            .then(this, [this, then](Result<std::optional<legal::ConsentRecord>> latest) {
                const auto need = legal::ConsentPolicy::decide(
                    *m_catalogue->find(legal::AgreementCatalogue::AgreementId),
                    latest ? latest.value() : std::nullopt);
                if (need != legal::ConsentNeed::UpToDate)
                    return fail("accept the current agreement first: imptech-cli agree", 6);
                m_profile->setting(chat::Profile::BirthDateSetting)
                    .then(this, [this, then](Result<std::optional<QByteArray>> birth) {
                        // The age recorded in the app counts here too: minors need the app's
                        // guardian step, whatever this command line says.
                        const QDate date =
                            birth && birth.value()
                                ? QDate::fromString(QString::fromLatin1(*birth.value()),
                                                    Qt::ISODate)
                                : QDate();
                        const auto age = legal::AgePolicy::assess(
                            date, legal::AgePolicy::today(QDateTime::currentDateTimeUtc(),
                                                          QTimeZone::systemTimeZone()));
                        if (!age)
                            return fail("no birth date on record: imptech-cli agree --birth-date",
                                        6);
                        if (age->bracket != legal::AgeBracket::Adult)
                            return fail("users under 18 sign up in the app, with their guardian",
                                        4);
                        m_account = std::make_unique<chat::AccountService>(
                            m_profile, chat::AccountService::Endpoint{
                                           m_options.server, m_options.caFile, IMP_APP_VERSION});
                        m_account->load([then](bool) { then(); });
                    });
            });
    });
}

void CliClient::signup(const QString &phone)
{
    const auto check = account::PhoneNumbers::validateMobile(phone, "CN");
    if (!check.ok)
        return fail("not a valid mobile number (" + check.error + ")", 2);
    requireConsent([this, e164 = check.e164] {
        m_account->requestCode(e164, "account", [this, e164](const account::SignupResult &sent) {
            if (sent.status != account::SignupResult::Status::Ok)
                return fail(QString("could not send the code: ") + account::toString(sent.status));
            QString code = m_options.code.isEmpty() ? readLine("SMS code: ") : m_options.code;
            code = account::VerificationCode::normalise(code);
            if (!account::VerificationCode::isComplete(code))
                return fail("a code has 6 digits", 2);
            QJsonObject consent{{"document", legal::AgreementCatalogue::AgreementId},
                                {"age_bracket", "adult"},
                                {"locale", "zh_CN"}};
            m_account->registerAccount(
                e164, code, std::nullopt, consent, [this](const account::SignupResult &result) {
                    if (!result.succeeded()) {
                        QString why = QString::fromLatin1(account::toString(result.status));
                        if (result.attemptsLeft >= 0)
                            why += QString(" (%1 attempts left)").arg(result.attemptsLeft);
                        return fail("sign-up failed: " + why);
                    }
                    print("jid: " + result.jid);
                    print("imptech-id: " + result.imptechId);
                    done();
                });
        });
    });
}

void CliClient::whoami()
{
    requireConsent([this] {
        const auto &account = m_account->account();
        if (!account.registered())
            return fail("not signed up yet: imptech-cli signup PHONE", 7);
        print("jid: " + account.jid);
        print("imptech-id: " + account.imptechId);
        auto report = [this] {
            print("state: " + stateName(m_account->xmpp().state()));
            const QString error = m_account->xmpp().lastError();
            if (!error.isEmpty() && m_account->xmpp().state() != xmpp::XmppClient::State::Online)
                print("reason: " + error);
            m_account->disconnectFromServer();
            done();
        };
        connect(m_account.get(), &chat::AccountService::stateChanged, this, [this, report] {
            const auto state = m_account->xmpp().state();
            if (state == xmpp::XmppClient::State::Online ||
                state == xmpp::XmppClient::State::SignedOut ||
                (state == xmpp::XmppClient::State::Offline &&
                 m_account->xmpp().lastError().startsWith("tls.")))
                report();
        });
        QTimer::singleShot(m_options.waitSeconds * 1000, this, report);
        m_account->connectToServer();
    });
}

} // namespace imp::cli
