#include "AppDriver.h"
#include "AppPlugins.h"
#include "onboarding/SignupController.h"

#include <QTemporaryDir>

using namespace imp::test;
using Page = imp::app::OnboardingController::Page;
using SignupPage = imp::app::SignupController::Page;

// Sign-up against the real Prosody started by run_signup_journey.py (IMP_TEST_SERVER,
// IMP_TEST_CA, IMP_TEST_SMS_FILE): SMS codes are read where the server's file gateway
// "sends" them, as a person would read their phone.
class SignupJourneyTest : public QObject, public AppDriver {
    Q_OBJECT

private:
    QString server = qEnvironmentVariable("IMP_TEST_SERVER");
    QString ca = qEnvironmentVariable("IMP_TEST_CA");
    QString smsFile = qEnvironmentVariable("IMP_TEST_SMS_FILE");

    QString lastCode(const QString &phone, const QString &purpose)
    {
        for (int i = 0; i < 100; ++i) {
            QFile file(smsFile);
            if (file.open(QIODevice::ReadOnly)) {
                const auto lines =
                    QString::fromUtf8(file.readAll()).split('\n', Qt::SkipEmptyParts);
                for (auto it = lines.rbegin(); it != lines.rend(); ++it) {
                    const auto parts = it->split(' ');
                    if (parts.size() >= 3 && parts[0] == phone && parts[2] == purpose)
                        return parts[1];
                }
            }
            QTest::qWait(50);
        }
        return {};
    }

    imp::app::SignupController *signup(AppShell &shell)
    {
        const int typeId = qmlTypeId("IMpTech.Onboarding", 1, 0, "SignupController");
        return shell.engine().singletonInstance<imp::app::SignupController *>(typeId);
    }

    void type(AppShell &shell, const QString &field, const QString &text)
    {
        auto *target = item(shell, field);
        QVERIFY2(target, qPrintable(field));
        target->setProperty("text", text);
    }

    // Agreement and age, then "continue to sign up".
    void toPhonePage(AppShell &shell, int birthYear)
    {
        auto *controller = shell.onboarding();
        QTRY_COMPARE(controller->page(), Page::Agreement);
        QVERIFY(click(shell, "agreeButton"));
        QTRY_COMPARE_WITH_TIMEOUT(controller->page(), Page::Age, 10000);
        QVERIFY(setBirthDate(shell, birthYear, 1, 1));
        QVERIFY(click(shell, "confirmAgeButton"));
        if (birthYear > QDate::currentDate().year() - 18) {
            QTRY_COMPARE_WITH_TIMEOUT(controller->page(), Page::Guardian, 10000);
            QVERIFY(click(shell, "guardianStatement"));
            QVERIFY(click(shell, "guardianContinueButton"));
        }
        QTRY_COMPARE_WITH_TIMEOUT(controller->page(), Page::Ready, 10000);
        QVERIFY(click(shell, "continueSignupButton"));
        QTRY_COMPARE(signup(shell)->page(), SignupPage::Phone);
    }

private slots:
    void initTestCase()
    {
        if (server.isEmpty())
            QFAIL("run through run_signup_journey.py, which starts the server");
    }

    void adultSignsUpChangesIdOnceAndIsOnline_data()
    {
        QTest::addColumn<QString>("lang");
        QTest::addColumn<QSize>("size");
        QTest::addColumn<QString>("national");
        QTest::newRow("zh_CN-phone") << "zh_CN" << QSize(390, 844) << "13800138000";
        QTest::newRow("en-phone") << "en" << QSize(390, 844) << "13800138001";
        QTest::newRow("zh_CN-desktop") << "zh_CN" << QSize(1280, 800) << "13800138002";
        QTest::newRow("en-desktop") << "en" << QSize(1280, 800) << "13800138003";
    }

    void adultSignsUpChangesIdOnceAndIsOnline()
    {
        QFETCH(QString, lang);
        QFETCH(QSize, size);
        QFETCH(QString, national);
        const QString e164 = "+86" + national;
        const QString newId = "alice_" + national.right(4);
        QTemporaryDir dir;
        auto shell = launch(dir.path(), lang, size, {}, server, ca);
        QVERIFY(shell);
        toPhonePage(*shell, 1990);
        auto *flow = signup(*shell);

        type(*shell, "phoneField", "123");
        QVERIFY(click(*shell, "phoneNextButton"));
        QTRY_VERIFY(!flow->error().isEmpty());
        QCOMPARE(flow->page(), SignupPage::Phone);
        shot(*shell, "s1-phone-error");

        type(*shell, "phoneField", national);
        QVERIFY(click(*shell, "phoneNextButton"));
        QTRY_COMPARE_WITH_TIMEOUT(flow->page(), SignupPage::Code, 10000);
        QVERIFY(flow->resendSeconds() > 0);
        QCOMPARE(flow->codeTarget(), "+86138****" + national.right(4));
        const QString code = lastCode(e164, "account");
        QCOMPARE(code.size(), 6);

        const QString wrong = code == "000000" ? "111111" : "000000";
        type(*shell, "codeField", wrong);
        QTRY_VERIFY_WITH_TIMEOUT(!flow->error().isEmpty(), 10000);
        QCOMPARE(flow->attemptsLeft(), 4);
        shot(*shell, "s2-code-wrong");

        // A pasted SMS works as well as typing.
        type(*shell, "codeField", QString("【IMpTech】验证码 %1，5分钟内有效").arg(code));
        QTRY_COMPARE_WITH_TIMEOUT(flow->page(), SignupPage::Profile, 15000);
        QVERIFY(flow->jid().endsWith("@localhost"));
        shot(*shell, "s3-profile");

        type(*shell, "nicknameField", "Alice");
        QVERIFY(click(*shell, "saveProfileButton"));
        QTRY_COMPARE_WITH_TIMEOUT(flow->page(), SignupPage::ImptechId, 15000);
        QVERIFY(flow->imptechId().startsWith("imp_"));
        QVERIFY(flow->idChangeable());
        QCOMPARE(flow->connectionState(), QString("online"));
        shot(*shell, "s4-id");

        QVERIFY(click(*shell, "editIdButton"));
        type(*shell, "newIdField", newId);
        QVERIFY(click(*shell, "confirmIdButton"));
        QTRY_VERIFY_WITH_TIMEOUT(!flow->idChangeable(), 10000);
        QCOMPARE(flow->imptechId(), newId);
        QVERIFY(!item(*shell, "editIdButton")); // only once
        QVERIFY(click(*shell, "idDoneButton"));
        QTRY_COMPARE(flow->page(), SignupPage::Home);
        QTRY_VERIFY(itemNow(*shell, "homeShell"));
        QVERIFY(!item(*shell, "connectionBanner")); // online: no banner
        shot(*shell, "s5-home");

        // Restart: straight home, online again with the stored credentials.
        shell.reset();
        auto again = launch(dir.path(), lang, size, {}, server, ca);
        QVERIFY(again);
        QTRY_COMPARE_WITH_TIMEOUT(signup(*again)->page(), SignupPage::Home, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(signup(*again)->connectionState(), QString("online"), 15000);
        QCOMPARE(signup(*again)->imptechId(), newId);
        QVERIFY(click(*again, "meTab"));
        QTRY_VERIFY(itemNow(*again, "mePage"));
        shot(*again, "s6-me");

        // Nothing readable in the profile folder: no phone, no password, no ID, no nickname.
        again.reset();
        const QByteArray bytes = allBytesUnder(dir.path());
        for (const QByteArray &canary :
             {national.toLatin1(), newId.toLatin1(), QByteArray("Alice"), QByteArray("@localhost")})
            QVERIFY2(!bytes.contains(canary), canary.constData());
    }

    void secondDeviceSignsTheFirstOut()
    {
        QTemporaryDir first;
        QTemporaryDir second;
        auto one = launch(first.path(), "zh_CN", {390, 844}, {}, server, ca);
        QVERIFY(one);
        toPhonePage(*one, 1985);
        type(*one, "phoneField", "13900139000");
        QVERIFY(click(*one, "phoneNextButton"));
        QTRY_COMPARE_WITH_TIMEOUT(signup(*one)->page(), SignupPage::Code, 10000);
        type(*one, "codeField", lastCode("+8613900139000", "account"));
        QTRY_COMPARE_WITH_TIMEOUT(signup(*one)->page(), SignupPage::Profile, 15000);
        QTRY_COMPARE_WITH_TIMEOUT(signup(*one)->connectionState(), QString("online"), 15000);

        // The same number on another device. The server's resend rule is per number (this
        // test's server uses 1 s instead of 60 s), so wait it out as a person would.
        QTest::qWait(1500);
        auto two = launch(second.path(), "en", {390, 844}, {}, server, ca);
        QVERIFY(two);
        toPhonePage(*two, 1985);
        type(*two, "phoneField", "13900139000");
        QVERIFY(click(*two, "phoneNextButton"));
        QTRY_COMPARE_WITH_TIMEOUT(signup(*two)->page(), SignupPage::Code, 10000);
        type(*two, "codeField", lastCode("+8613900139000", "account"));
        QTRY_COMPARE_WITH_TIMEOUT(signup(*two)->page(), SignupPage::Profile, 15000);

        QTRY_VERIFY_WITH_TIMEOUT(signup(*one)->signedOutElsewhere(), 15000);
        QCOMPARE(signup(*one)->jid(), signup(*two)->jid());
    }

    void minorNeedsTheGuardiansCode()
    {
        QTemporaryDir dir;
        auto shell = launch(dir.path(), "zh_CN", {390, 844}, {}, server, ca);
        QVERIFY(shell);
        toPhonePage(*shell, QDate::currentDate().year() - 15);
        auto *flow = signup(*shell);
        type(*shell, "phoneField", "13700137000");
        QVERIFY(click(*shell, "phoneNextButton"));
        QTRY_COMPARE_WITH_TIMEOUT(flow->page(), SignupPage::Code, 10000);
        type(*shell, "codeField", lastCode("+8613700137000", "account"));
        QTRY_COMPARE_WITH_TIMEOUT(flow->page(), SignupPage::GuardianPhone, 10000);
        shot(*shell, "s7-guardian-phone");
        type(*shell, "phoneField", "13600136000");
        QVERIFY(click(*shell, "phoneNextButton"));
        QTRY_COMPARE_WITH_TIMEOUT(flow->page(), SignupPage::GuardianCode, 10000);
        QCOMPARE(flow->codeTarget(), QString("+86136****6000"));
        type(*shell, "codeField", lastCode("+8613600136000", "guardian"));
        QTRY_COMPARE_WITH_TIMEOUT(flow->page(), SignupPage::Profile, 15000);
        QVERIFY(flow->jid().endsWith("@localhost"));
    }
};

QTEST_MAIN(SignupJourneyTest)
#include "SignupJourneyTest.moc"
