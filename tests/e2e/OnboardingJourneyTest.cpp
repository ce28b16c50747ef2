#include "AppDriver.h"
#include "AppPlugins.h"
#include "store/Database.h"

#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QQuickItem>
#include <QQuickWindow>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace imp::test;
using Page = imp::app::OnboardingController::Page;

class OnboardingJourneyTest : public QObject, public imp::test::AppDriver {
    Q_OBJECT

private:
    // A copy of the shipped texts whose manifest announces a newer agreement version.
    static void announceAgreementVersion(const QString &legalDir, int version,
                                         const QJsonObject &changes)
    {
        copyTree(IMP_SOURCE_DIR "/legal", legalDir);
        QFile manifestFile(legalDir + "/manifest.json");
        QVERIFY(manifestFile.open(QIODevice::ReadWrite));
        auto manifest = QJsonDocument::fromJson(manifestFile.readAll()).object();
        auto docs = manifest["documents"].toArray();
        auto agreement = docs[0].toObject();
        agreement["version"] = version;
        agreement["changes"] = changes;
        docs[0] = agreement;
        manifest["documents"] = docs;
        manifestFile.resize(0);
        manifestFile.write(QJsonDocument(manifest).toJson());
    }

    // Agreement accepted, adult, ends on the ready page.
    void acceptAsAdult(AppShell &shell)
    {
        auto *controller = shell.onboarding();
        QTRY_COMPARE(controller->page(), Page::Agreement);
        QVERIFY(click(shell, "agreeButton"));
        QTRY_COMPARE_WITH_TIMEOUT(controller->page(), Page::Age, 10000);
        QVERIFY(setBirthDate(shell, 1990, 6, 15));
        QVERIFY(click(shell, "confirmAgeButton"));
        QTRY_COMPARE_WITH_TIMEOUT(controller->page(), Page::Ready, 10000);
    }

private slots:
    void declineLeavesTheDataDirEmpty()
    {
        QTemporaryDir dir;
        auto shell = launch(dir.path());
        QVERIFY(shell);
        auto *controller = shell->onboarding();
        QSignalSpy quit(controller, &imp::app::OnboardingController::quitRequested);
        QTRY_COMPARE(controller->page(), Page::Agreement);

        QVERIFY(click(*shell, "disagreeButtonMissing") == false); // sanity: lookups are exact
        QVERIFY(click(*shell, "declineButton"));
        QTRY_COMPARE(controller->page(), Page::Declined);
        QCOMPARE(quit.count(), 0);
        // "Read again", then a second no: taken as the answer, no second explanation.
        QVERIFY(click(*shell, "readAgainButton"));
        QTRY_COMPARE(controller->page(), Page::Agreement);
        QVERIFY(click(*shell, "declineButton"));
        QTRY_COMPARE(quit.count(), 1);
        QCOMPARE(controller->page(), Page::Agreement);
        shell.reset();
        QVERIFY2(isEmptyDir(dir.path()), "declining must leave no trace in the profile folder");
    }

    void quitFromTheExplanationLeavesNoTrace()
    {
        QTemporaryDir dir;
        auto shell = launch(dir.path());
        QVERIFY(shell);
        QSignalSpy quit(shell->onboarding(), &imp::app::OnboardingController::quitRequested);
        QTRY_COMPARE(shell->onboarding()->page(), Page::Agreement);
        QVERIFY(click(*shell, "declineButton"));
        QVERIFY(click(*shell, "quitButton"));
        QTRY_COMPARE(quit.count(), 1);
        shell.reset();
        QVERIFY(isEmptyDir(dir.path()));
    }

    void acceptingStoresNothingInPlaintext_data()
    {
        QTest::addColumn<QString>("lang");
        QTest::newRow("zh_CN") << "zh_CN";
        QTest::newRow("en") << "en";
    }

    void acceptingStoresNothingInPlaintext()
    {
        QFETCH(QString, lang);
        QTemporaryDir dir;
        {
            auto shell = launch(dir.path(), lang);
            QVERIFY(shell);
            auto *controller = shell->onboarding();
            QTRY_COMPARE(controller->page(), Page::Agreement);
            QVERIFY(click(*shell, "agreeButton"));
            QTRY_COMPARE_WITH_TIMEOUT(controller->page(), Page::Age, 10000);
            QVERIFY(!isEmptyDir(dir.path()));
            // Under 14: guardian statement, then the children's rules.
            QVERIFY(setBirthDate(*shell, 2015, 2, 28));
            QTRY_VERIFY(enabledNow(*shell, "confirmAgeButton"));
            QVERIFY(click(*shell, "confirmAgeButton"));
            QTRY_COMPARE_WITH_TIMEOUT(controller->page(), Page::Guardian, 10000);
            QCOMPARE(controller->ageBracket(), QString("child"));
            QVERIFY(!item(*shell, "guardianContinueButton")->isEnabled()); // nothing pre-ticked
            QVERIFY(click(*shell, "guardianStatement"));
            QVERIFY(click(*shell, "guardianContinueButton"));
            QTRY_COMPARE_WITH_TIMEOUT(controller->page(), Page::ChildRules, 10000);
            shot(*shell, "6b-child-rules");
            QVERIFY(click(*shell, "acceptRulesButton"));
            QTRY_COMPARE_WITH_TIMEOUT(controller->page(), Page::Ready, 10000);
            controller->profile()->flush().waitForFinished();
        }
        const QByteArray bytes = allBytesUnder(dir.path());
        QVERIFY(bytes.size() > 0);
        const auto *doc = "imptech-agreement";
        for (const QByteArray &canary :
             {QByteArray("2015-02-28"), QByteArray("20150228"), QByteArray(doc),
              QByteArray("imptech-children-privacy"), QByteArray("zh_CN"), QByteArray("\"locale\""),
              QByteArray("c4a3199962dcf474d8691a0f008b6837ee2680368784734e1a9557b7009f728e"),
              QByteArray("child")}) {
            QVERIFY2(!bytes.contains(canary), canary.constData());
        }

        // Next start: consent and age are remembered (decrypted), so no popup.
        auto again = launch(dir.path(), lang);
        QVERIFY(again);
        QTRY_COMPARE_WITH_TIMEOUT(again->onboarding()->page(), Page::Ready, 10000);
        QCOMPARE(again->onboarding()->ageBracket(), QString("child"));
    }

    void bumpedAgreementVersionAsksAgain()
    {
        QTemporaryDir dir;
        {
            auto shell = launch(dir.path());
            QVERIFY(shell);
            acceptAsAdult(*shell);
        }
        QTemporaryDir legal;
        announceAgreementVersion(legal.path(), 2,
                                 QJsonObject{{"zh_CN", "第7.1条：新增帐号注销说明。"},
                                             {"en", "7.1: how to close an account."}});

        auto shell = launch(dir.path(), "zh_CN", {1280, 800}, legal.path());
        QVERIFY(shell);
        auto *controller = shell->onboarding();
        QTRY_COMPARE_WITH_TIMEOUT(controller->page(), Page::Agreement, 10000);
        QVERIFY(controller->reconsent());
        QCOMPARE(controller->changeSummary(), QString("第7.1条：新增帐号注销说明。"));
        QVERIFY(item(*shell, "changeSummary"));
        shot(*shell, "reconsent");
        QVERIFY(click(*shell, "agreeButton"));
        QTRY_COMPARE_WITH_TIMEOUT(controller->page(), Page::Ready, 10000);

        // The acceptance of v2 is remembered: the next start asks nothing.
        shell = launch(dir.path(), "zh_CN", {1280, 800}, legal.path());
        QTRY_COMPARE_WITH_TIMEOUT(shell->onboarding()->page(), Page::Ready, 10000);
    }

    void decliningNewTermsStopsUse()
    {
        QTemporaryDir dir;
        {
            auto shell = launch(dir.path());
            QVERIFY(shell);
            acceptAsAdult(*shell);
        }
        QTemporaryDir legal;
        announceAgreementVersion(
            legal.path(), 3, QJsonObject{{"zh_CN", "第12条修改。"}, {"en", "Clause 12 changed."}});
        {
            auto shell = launch(dir.path(), "en", {390, 844}, legal.path());
            QTRY_COMPARE_WITH_TIMEOUT(shell->onboarding()->page(), Page::Agreement, 10000);
            QVERIFY(click(*shell, "declineButton"));
            QTRY_COMPARE_WITH_TIMEOUT(shell->onboarding()->page(), Page::Declined, 10000);
            shot(*shell, "declined-update");
        }
        // The refusal is recorded: the next start explains, it does not pop the terms up again.
        auto shell = launch(dir.path(), "en", {390, 844}, legal.path());
        QTRY_COMPARE_WITH_TIMEOUT(shell->onboarding()->page(), Page::Declined, 10000);
    }

    void tamperedLedgerIsDetectedAndConsentAskedAgain()
    {
        QTemporaryDir dir;
        {
            auto shell = launch(dir.path());
            QVERIFY(shell);
            acceptAsAdult(*shell);
        }
        {
            auto db = imp::store::Database::open(dir.path() + "/imptech.db");
            QVERIFY(db.ok());
            QVERIFY(db->exec("DELETE FROM consent_records").ok());
        }
        auto shell = launch(dir.path(), "zh_CN", {390, 844});
        QVERIFY(shell);
        QTRY_COMPARE_WITH_TIMEOUT(shell->onboarding()->page(), Page::Agreement, 10000);
        QVERIFY(shell->onboarding()->ledgerWasTampered());
        shot(*shell, "tampered");
        QVERIFY(click(*shell, "agreeButton"));
        QTRY_COMPARE_WITH_TIMEOUT(shell->onboarding()->page(), Page::Ready, 10000);
    }

    void corruptProfileIsAClearErrorWithAWayOut()
    {
        QTemporaryDir dir;
        {
            auto shell = launch(dir.path());
            QVERIFY(shell);
            acceptAsAdult(*shell);
            // No keychain in this test environment: the fallback is used and shown.
            QVERIFY(shell->onboarding()->keyFileFallback());
        }
        QFile vault(dir.path() + "/vault.json");
        QVERIFY(vault.open(QIODevice::WriteOnly | QIODevice::Truncate));
        vault.write("{ not json");
        vault.close();

        auto shell = launch(dir.path(), "en", {390, 844});
        QVERIFY(shell);
        auto *controller = shell->onboarding();
        QTRY_COMPARE_WITH_TIMEOUT(controller->page(), Page::Broken, 10000);
        QVERIFY(controller->canReset());
        QVERIFY(!controller->errorText().isEmpty());
        shot(*shell, "corrupt-profile");
        controller->resetProfile();
        QTRY_COMPARE_WITH_TIMEOUT(controller->page(), Page::Agreement, 10000);
        QVERIFY(!QFile::exists(dir.path() + "/vault.json"));
        QVERIFY(!QFile::exists(dir.path() + "/imptech.db"));
    }

    void damagedAgreementIsNeverOffered()
    {
        QTemporaryDir dir;
        QTemporaryDir legal;
        copyTree(IMP_SOURCE_DIR "/legal", legal.path());
        QFile text(legal.path() + "/imptech-agreement.zh_CN.md");
        QVERIFY(text.open(QIODevice::Append));
        text.write(" ");
        text.close();
        auto shell = launch(dir.path(), "zh_CN", {390, 844}, legal.path());
        QVERIFY(shell);
        QTRY_COMPARE(shell->onboarding()->page(), Page::Broken);
        QVERIFY(!item(*shell, "agreeButton"));
        shot(*shell, "broken");
        shell.reset();
        QVERIFY(isEmptyDir(dir.path()));
    }

    void everyScreenAtBothSizes_data()
    {
        QTest::addColumn<QString>("lang");
        QTest::addColumn<QSize>("size");
        for (const QString lang : {"zh_CN", "en"}) {
            QTest::newRow(qPrintable(lang + "-phone")) << lang << QSize(390, 844);
            QTest::newRow(qPrintable(lang + "-desktop")) << lang << QSize(1280, 800);
        }
    }

    // The whole first run as a 15-year-old, with the viewer and the notices on the way.
    void everyScreenAtBothSizes()
    {
        QFETCH(QString, lang);
        QFETCH(QSize, size);
        QTemporaryDir dir;
        auto shell = launch(dir.path(), lang, size);
        QVERIFY(shell);
        auto *controller = shell->onboarding();
        QTRY_COMPARE(controller->page(), Page::Agreement);
        shot(*shell, "1-agreement");

        QVERIFY(click(*shell, "noticesButton"));
        QVERIFY(item(*shell, "noticesPage"));
        shot(*shell, "1b-notices");
        QTest::keyClick(shell->window(), Qt::Key_Escape);
        QTRY_VERIFY(!itemNow(*shell, "noticesPage"));

        QVERIFY(click(*shell, "readAgreementButton"));
        QVERIFY(item(*shell, "documentViewer"));
        auto *search = item(*shell, "searchField");
        QVERIFY(search);
        search->setProperty("text", "未成年人");
        QTRY_VERIFY(itemNow(*shell, "matchCount"));
        const QString count = item(*shell, "matchCount")->property("text").toString();
        QVERIFY2(count.startsWith("1 / "), qPrintable(count));
        shot(*shell, "2-viewer-find");
        QTest::keyClick(shell->window(), Qt::Key_Escape);
        QTRY_VERIFY(!itemNow(*shell, "documentViewer"));

        QVERIFY(click(*shell, "declineButton"));
        QTRY_COMPARE(controller->page(), Page::Declined);
        shot(*shell, "3-declined");
        QVERIFY(click(*shell, "readAgainButton"));
        QTRY_COMPARE(controller->page(), Page::Agreement);
        QVERIFY(click(*shell, "agreeButton"));
        QTRY_COMPARE_WITH_TIMEOUT(controller->page(), Page::Age, 10000);

        const int year = QDate::currentDate().year();
        QVERIFY(setBirthDate(*shell, year, 12, 31));
        if (QDate::currentDate() < QDate(year, 12, 31)) {
            QTRY_VERIFY(!enabledNow(*shell, "confirmAgeButton"));
            shot(*shell, "4-age-future");
        }
        QVERIFY(setBirthDate(*shell, year - 15, 1, 1));
        QTRY_VERIFY(enabledNow(*shell, "confirmAgeButton"));
        shot(*shell, "5-age");
        QVERIFY(click(*shell, "confirmAgeButton"));
        QTRY_COMPARE_WITH_TIMEOUT(controller->page(), Page::Guardian, 10000);
        QCOMPARE(controller->ageYears(), 15);
        shot(*shell, "6-guardian");
        QVERIFY(click(*shell, "guardianStatement"));
        QVERIFY(click(*shell, "guardianContinueButton"));
        QTRY_COMPARE_WITH_TIMEOUT(controller->page(), Page::Ready, 10000);
        shot(*shell, "7-ready");
        QVERIFY(click(*shell, "continueSignupButton"));
        QTRY_VERIFY(itemNow(*shell, "phonePage"));
        shot(*shell, "8-phone");
    }
};

QTEST_MAIN(OnboardingJourneyTest)
#include "OnboardingJourneyTest.moc"
