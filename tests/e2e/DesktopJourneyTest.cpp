#include "AppDriver.h"
#include "AppPlugins.h"
#include "ChatsController.h"
#include "DesktopController.h"
#include "FriendsController.h"
#include "onboarding/SignupController.h"

#include <QDBusConnection>
#include <QDBusMessage>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QWindow>
#include <iostream>
#include <string>

using namespace imp::test;
using imp::app::ChatsController;
using imp::app::DesktopController;
using SignupPage = imp::app::SignupController::Page;

// The app as a desktop program, end to end: a slixmpp friend writes while the window is in the
// background, and the notification daemon on the session bus (fake_notifications.py, started by
// run_desktop_journey.py) records what the app sends it; a click on it (the daemon's
// ActionInvoked) opens that chat. The title carries the unread count.
class DesktopJourneyTest : public QObject, public AppDriver {
    Q_OBJECT

    QString dataDir = qEnvironmentVariable("IMP_TEST_DATA_DIR");
    QString server = qEnvironmentVariable("IMP_TEST_SERVER");
    QString ca = qEnvironmentVariable("IMP_TEST_CA");
    QString peerJid = qEnvironmentVariable("IMP_TEST_PEER");
    QString logPath = qEnvironmentVariable("IMP_TEST_NOTIFY_LOG");

    // The friend sends `text` (run_desktop_journey.py does it and answers "ok").
    void friendSends(const QString &text)
    {
        std::cout << "@@send " << text.toStdString() << std::endl;
        std::string ok;
        std::getline(std::cin, ok);
    }
    QList<QJsonObject> calls(const QString &name)
    {
        QList<QJsonObject> found;
        QFile file(logPath);
        if (!file.open(QIODevice::ReadOnly))
            return found;
        for (const QByteArray &line : file.readAll().split('\n')) {
            const auto call = QJsonDocument::fromJson(line).object();
            if (call.value("call").toString() == name)
                found.append(call);
        }
        return found;
    }
    std::unique_ptr<AppShell> open(const QString &lang)
    {
        auto shell = launch(dataDir, lang, {1280, 800}, {}, server, ca);
        if (!shell)
            return nullptr;
        auto *flow = imp::app::SignupController::instance(&shell->engine());
        if (!QTest::qWaitFor([&] { return flow->page() == SignupPage::Home; }, 15000) ||
            !QTest::qWaitFor([&] { return flow->connectionState() == "online"; }, 20000) ||
            !QTest::qWaitFor([&] { return ChatsController::instance(&shell->engine())->started(); },
                             5000))
            return nullptr;
        return shell;
    }
    // Another window takes the focus: ours is in the background.
    void sendToBackground(AppShell &shell, QWindow &other)
    {
        other.resize(200, 200);
        other.show();
        other.requestActivate();
        QTRY_VERIFY_WITH_TIMEOUT(!shell.window()->isActive(), 5000);
    }

private slots:
    void notifiesInTheBackgroundAndOpensTheChatOnClick()
    {
        auto shell = open("en");
        QVERIFY(shell);
        auto *chats = ChatsController::instance(&shell->engine());
        auto *desktop = DesktopController::instance(&shell->engine());
        QVERIFY(desktop);
        QTRY_VERIFY_WITH_TIMEOUT(desktop->notifier() != nullptr, 5000);
        QCOMPARE(desktop->windowTitle(), QString("IMpTech"));
        QCOMPARE(shell->window()->title(), QString("IMpTech"));

        // In front: the message shows in the app, and nothing is sent to the daemon.
        shell->window()->requestActivate();
        QTRY_VERIFY_WITH_TIMEOUT(shell->window()->isActive(), 5000);
        friendSends("seen in the app");
        QTRY_COMPARE_WITH_TIMEOUT(chats->conversations()->unreadTotal(), 1, 15000);
        QTest::qWait(300);
        QCOMPARE(calls("Notify").size(), 0);
        QCOMPARE(shell->window()->title(), QString("IMpTech (1)"));

        QWindow other;
        sendToBackground(*shell, other);
        friendSends("你好，桌面 second line hidden?\nline two");
        QTRY_COMPARE_WITH_TIMEOUT(calls("Notify").size(), 1, 15000);
        const auto first = calls("Notify").first();
        const QString name = imp::app::FriendsController::instance(&shell->engine())
                                 ->contactInfo(peerJid)
                                 .value("name")
                                 .toString();
        QVERIFY(!name.isEmpty());
        QCOMPARE(first.value("app").toString(), QString("IMpTech"));
        QCOMPARE(first.value("summary").toString(), name);
        QCOMPARE(first.value("body").toString(), QString("你好，桌面 second line hidden?"));
        QCOMPARE(first.value("hints").toObject().value("desktop-entry").toString(),
                 QString("com.imptech.IMpTech"));
        QVERIFY(first.value("actions").toArray().contains(QJsonValue("default")));
        QTRY_COMPARE_WITH_TIMEOUT(shell->window()->title(), QString("IMpTech (2)"), 5000);

        // A second message replaces the first, with a count.
        friendSends("and another");
        QTRY_COMPARE_WITH_TIMEOUT(calls("Notify").size(), 2, 15000);
        const auto second = calls("Notify").last();
        QCOMPARE(second.value("replaces").toInt(), first.value("id").toInt());
        QCOMPARE(second.value("body").toString(), QString("[2 messages] and another"));
        saveShot(*shell, shell->window()->grabWindow(), "d01-unread-in-background");

        // The click: the window comes to the front with that chat open, and it is read.
        QVERIFY(chats->currentPeer().isEmpty());
        auto invoke = QDBusMessage::createMethodCall("org.freedesktop.Notifications",
                                                     "/org/freedesktop/Notifications",
                                                     "org.freedesktop.Notifications", "Invoke");
        invoke << uint(second.value("id").toInt()) << QString("default");
        QVERIFY(QDBusConnection::sessionBus().call(invoke).type() != QDBusMessage::ErrorMessage);
        QTRY_COMPARE_WITH_TIMEOUT(chats->currentPeer(), peerJid, 5000);
        QTRY_VERIFY_WITH_TIMEOUT(shell->window()->isActive(), 5000);
        QTRY_COMPARE_WITH_TIMEOUT(chats->conversations()->unreadTotal(), 0, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(shell->window()->title(), QString("IMpTech"), 5000);
        // Read: the notification is withdrawn.
        QTRY_VERIFY_WITH_TIMEOUT(!calls("CloseNotification").isEmpty(), 5000);
        QCOMPARE(calls("CloseNotification").last().value("id").toInt(), first.value("id").toInt());
        chats->closeChat();

        // Privacy: hidden text says neither who nor what.
        desktop->setHideNotificationText(true);
        sendToBackground(*shell, other);
        friendSends("a secret about the surprise party");
        QTRY_COMPARE_WITH_TIMEOUT(calls("Notify").size(), 3, 15000);
        const auto hidden = calls("Notify").last();
        QCOMPARE(hidden.value("summary").toString(), QString("IMpTech"));
        QCOMPARE(hidden.value("body").toString(), QString("You have a new message"));
        QVERIFY(!QJsonDocument(hidden).toJson().contains("secret"));
        QVERIFY(!QJsonDocument(hidden).toJson().contains(name.toUtf8()));
    }

    void hiddenTextIsRememberedAndTheUnreadCountShowsInChinese()
    {
        auto shell = open("zh_CN");
        QVERIFY(shell);
        auto *desktop = DesktopController::instance(&shell->engine());
        QTRY_VERIFY_WITH_TIMEOUT(desktop->hideNotificationText(), 5000);
        auto *chats = ChatsController::instance(&shell->engine());
        QTRY_COMPARE_WITH_TIMEOUT(chats->conversations()->unreadTotal(), 1, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(shell->window()->title(), QString("IMpTech（1）"), 5000);
        saveShot(*shell, shell->window()->grabWindow(), "d01-unread-in-background");
        QVERIFY(click(*shell, "meTab"));
        QVERIFY(item(*shell, "hideNotificationTextSwitch"));
        shot(*shell, "d02-me-hide-text");
        desktop->setHideNotificationText(false);
    }
};

QTEST_MAIN(DesktopJourneyTest)
#include "DesktopJourneyTest.moc"
