#include "MainScreensJourney.h"

#include <QDirIterator>
#include <csignal>
#include <sys/resource.h>

using namespace imp::test;

// The main screens with real data: the app signs up through its UI against the Prosody that
// run_main_screens.py started, real XMPP peers (slixmpp, with Chinese, Latin and Arabic
// nicknames) ask to be friends and write, and every screen is rendered at phone and desktop
// sizes in zh_CN and en into $IMP_SCREENSHOT_DIR.
class MainScreensJourneyTest : public QObject, public MainScreensJourney {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        if (server.isEmpty())
            QFAIL("run through run_main_screens.py, which starts the server and the peers");
        startReadingAnswers();
        peers = peer({{"op", "list"}});
        QVERIFY(peers.size() >= 7);
    }

    void signsUpAndShowsEmptyScreens()
    {
        auto shell = launch(dir.path(), "zh_CN", {390, 844}, {}, server, ca);
        QVERIFY(shell);
        auto *consent = shell->onboarding();
        QTRY_COMPARE(consent->page(), Page::Agreement);
        QVERIFY(click(*shell, "agreeButton"));
        QTRY_COMPARE_WITH_TIMEOUT(consent->page(), Page::Age, 10000);
        QVERIFY(setBirthDate(*shell, 1992, 6, 1));
        QVERIFY(click(*shell, "confirmAgeButton"));
        QTRY_COMPARE_WITH_TIMEOUT(consent->page(), Page::Ready, 10000);
        QVERIFY(click(*shell, "continueSignupButton"));
        auto *flow = signup(*shell);
        QTRY_COMPARE(flow->page(), SignupPage::Phone);
        type(*shell, "phoneField", "13500135000");
        QVERIFY(click(*shell, "phoneNextButton"));
        QTRY_COMPARE_WITH_TIMEOUT(flow->page(), SignupPage::Code, 10000);
        type(*shell, "codeField", lastCode("+8613500135000"));
        QTRY_COMPARE_WITH_TIMEOUT(flow->page(), SignupPage::Profile, 15000);
        type(*shell, "nicknameField", "李雷");
        QVERIFY(click(*shell, "saveProfileButton"));
        QTRY_COMPARE_WITH_TIMEOUT(flow->page(), SignupPage::ImptechId, 15000);
        QVERIFY(click(*shell, "idDoneButton"));
        QTRY_VERIFY(itemNow(*shell, "homeShell"));
        myJid = flow->jid();
        myId = flow->imptechId();
        QVERIFY(!myId.isEmpty());
        // Empty list: one sentence and one action that leads to adding a friend.
        QVERIFY(item(*shell, "chatsEmptyState"));
        QVERIFY(click(*shell, "emptyAddFriendButton"));
        QTRY_VERIFY(itemNow(*shell, "addFriendPage"));
        shell.reset();

        shootAll("m01-chats-empty", [this](AppShell &s) { QVERIFY(item(s, "chatsEmptyState")); });
        shootAll("m02-contacts-empty", [this](AppShell &s) {
            QVERIFY(click(s, "contactsTab"));
            QVERIFY(item(s, "contactsEmptyState"));
        });
        shootAll("m03-requests-empty", [this](AppShell &s) {
            QVERIFY(click(s, "contactsTab"));
            QVERIFY(click(s, "newFriendsRow"));
            QVERIFY(item(s, "requestsEmptyState"));
        });
        shootAll("m04-add-friend-not-found", [this](AppShell &s) {
            QVERIFY(click(s, "contactsTab"));
            QVERIFY(click(s, "addFriendButton"));
            type(s, "lookupField", "nobody_here_404");
            QVERIFY(click(s, "lookupButton"));
            QTRY_VERIFY_WITH_TIMEOUT(itemNow(s, "lookupError"), 10000);
            QVERIFY(!friends(s)->lookupError().isEmpty());
            QVERIFY(!item(s, "lookupResultCard"));
        });
        shootAll("m05-me", [this](AppShell &s) {
            QVERIFY(click(s, "meTab"));
            QTRY_COMPARE(textNow(s, "meImptechId").contains(myId), true);
        });
    }

    void friendsAndMessages()
    {
        auto shell = open("zh_CN", {390, 844});
        QVERIFY(shell);
        auto *c = chats(*shell);
        auto *f = friends(*shell);
        const QStringList askers{"张伟", "Bob Smith", "Émilie", "محمد", "陈静"};
        const QStringList greetings{"我是张伟，上周会上见过", "Hi, it's Bob from the meetup",
                                    "Bonjour, c'est Émilie", "مرحبا، أنا محمد", "我是陈静"};
        for (int i = 0; i < askers.size(); ++i)
            peer({{"op", "request"}, {"peer", askers[i]}, {"to", myJid}, {"text", greetings[i]}});
        QTRY_COMPARE_WITH_TIMEOUT(f->requests()->pending(), 5, 15000);
        // Each request shows who is asking: the directory answers with their IMpTech ID.
        for (const QString &name : askers) {
            QTRY_VERIFY_WITH_TIMEOUT(
                [&] {
                    for (int r = 0; r < f->requests()->rowCount(); ++r) {
                        const auto index = f->requests()->index(r);
                        if (f->requests()->data(index, imp::app::RequestListModel::JidRole) ==
                            jidOf(name))
                            return f->requests()
                                       ->data(index, imp::app::RequestListModel::ImptechIdRole)
                                       .toString() == idOf(name);
                    }
                    return false;
                }(),
                10000);
        }
        QVERIFY(click(*shell, "contactsTab"));
        QTRY_COMPARE(textNow(*shell, "requestsBadge"), QString("5"));
        QVERIFY(click(*shell, "newFriendsRow"));
        QTRY_VERIFY(itemNow(*shell, "requestsPage"));
        // Accept all but 陈静 (her request stays pending for the badge).
        for (const QString &name : askers.mid(0, 4)) {
            int row = -1;
            for (int r = 0; r < f->requests()->rowCount(); ++r)
                if (f->requests()->data(f->requests()->index(r),
                                        imp::app::RequestListModel::JidRole) == jidOf(name))
                    row = r;
            QVERIFY(row >= 0);
            QVERIFY(click(*shell, QString("accept_%1").arg(row)));
            QVERIFY(peer({{"op", "approve"}, {"peer", name}, {"to", myJid}}).value("ok").toBool());
        }
        QTRY_COMPARE_WITH_TIMEOUT(f->contacts()->total(), 4, 15000);
        QCOMPARE(f->requests()->pending(), 1);

        // We add alice by her IMpTech ID; she accepts.
        QVERIFY(click(*shell, "backButton"));
        QTRY_VERIFY(!itemNow(*shell, "requestsPage"));
        QVERIFY(click(*shell, "addFriendButton"));
        type(*shell, "lookupField", idOf("alice"));
        QVERIFY(click(*shell, "lookupButton"));
        QTRY_VERIFY_WITH_TIMEOUT(itemNow(*shell, "lookupResultCard"), 10000);
        QCOMPARE(item(*shell, "lookupName")->property("text").toString(), QString("alice"));
        QVERIFY(click(*shell, "sendRequestButton"));
        QVERIFY(peer({{"op", "accept"}, {"peer", "alice"}, {"to", myJid}}).value("ok").toBool());
        QTRY_COMPARE_WITH_TIMEOUT(f->contacts()->total(), 5, 15000);

        // 张伟 writes: a long multi-line text, a link, then one he takes back.
        peerSend("张伟",
                 "你好！周末一起去爬山吗？\n我们计划早上八点在地铁站集合，下午四点左右回来。"
                 "\n记得带午饭、水和一件外套，山上风大。");
        peerSend("张伟", "路线在这里：https://www.imptech.cn/routes/xiangshan?day=sat 你看看");
        const QString oops = peerSend("张伟", "发错了").value("id").toString();
        QTRY_VERIFY_WITH_TIMEOUT(c->conversations()->indexOf(jidOf("张伟")) >= 0, 15000);
        peer({{"op", "retract"}, {"peer", "张伟"}, {"to", myJid}, {"id", oops}});
        peerSend("محمد", "مرحبا! كيف حالك اليوم؟ أراك غدًا في المكتب.");
        peerSend("Émilie", "On se voit à 15 h ? Le café près de la gare.");
        for (int i = 1; i <= 105; ++i)
            peerSend("Bob Smith", QString("Update %1 of the build log").arg(i));

        openChatWith(*shell, jidOf("张伟"));
        QTRY_COMPARE_WITH_TIMEOUT(c->messages()->count(), 3, 15000);
        QTRY_VERIFY_WITH_TIMEOUT(itemNow(*shell, "recalledNotice"), 10000);

        // Enter sends; Shift+Enter is a new line.
        auto *input = item(*shell, "composerInput");
        QVERIFY(input);
        input->forceActiveFocus();
        input->setProperty("text", "好的");
        input->setProperty("cursorPosition", 2);
        QTest::keyClick(shell->window(), Qt::Key_Return, Qt::ShiftModifier);
        QVERIFY(
            QMetaObject::invokeMethod(input, "insert", Q_ARG(int, 3), Q_ARG(QString, "八点见")));
        QCOMPARE(input->property("text").toString(), QString("好的\n八点见"));
        QTest::keyClick(shell->window(), Qt::Key_Return);
        QTRY_COMPARE(input->property("text").toString(), QString());
        QTRY_COMPARE_WITH_TIMEOUT(
            c->messages()
                ->data(c->messages()->index(0), imp::app::MessageListModel::StateRole)
                .toString(),
            QString("delivered"), 15000);
        QVERIFY(peer({{"op", "read"}, {"peer", "张伟"}, {"to", myJid}}).value("ok").toBool());
        QTRY_COMPARE_WITH_TIMEOUT(
            c->messages()
                ->data(c->messages()->index(0), imp::app::MessageListModel::StateRole)
                .toString(),
            QString("read"), 15000);

        // Recall our own message from its menu.
        type(*shell, "composerInput", "这条我撤回");
        QVERIFY(click(*shell, "sendButton"));
        QTRY_COMPARE_WITH_TIMEOUT(
            c->messages()
                ->data(c->messages()->index(0), imp::app::MessageListModel::StateRole)
                .toString(),
            QString("delivered"), 15000);
        QVERIFY(rightClick(*shell, "bubble_0"));
        QVERIFY(click(*shell, "menuRecall"));
        QTRY_VERIFY_WITH_TIMEOUT(
            c->messages()
                ->data(c->messages()->index(0), imp::app::MessageListModel::RecalledRole)
                .toBool(),
            10000);

        // A last one while they do not confirm delivery: one tick.
        peer({{"op", "receipts"}, {"peer", "张伟"}, {"on", false}});
        type(*shell, "composerInput",
             "Sounds good. I'll bring sandwiches for everyone, and maybe a thermos of tea.");
        QVERIFY(click(*shell, "sendButton"));
        QTRY_COMPARE_WITH_TIMEOUT(
            c->messages()
                ->data(c->messages()->index(0), imp::app::MessageListModel::StateRole)
                .toString(),
            QString("sent"), 15000);

        // They answer with a voice note: it is fetched by itself, shown as voice with its
        // length and an unplayed dot, and the list row says [Voice].
        peer({{"op", "voice"}, {"peer", "张伟"}, {"to", myJid}, {"seconds", 6}});
        auto row0 = [c](int role) {
            return c->messages()->data(c->messages()->index(0), role);
        };
        QTRY_COMPARE_WITH_TIMEOUT(row0(imp::app::MessageListModel::AttachmentKindRole).toString(),
                                  QString("voice"), 15000);
        QTRY_COMPARE_WITH_TIMEOUT(row0(imp::app::MessageListModel::TransferRole).toString(),
                                  QString("ready"), 15000);
        QTRY_VERIFY_WITH_TIMEOUT(
            qAbs(row0(imp::app::MessageListModel::DurationMsRole).toInt() - 6000) < 300, 5000);
        QCOMPARE(row0(imp::app::MessageListModel::PlayedRole).toBool(), false);
        QVERIFY(item(*shell, "attachment_0"));
        QVERIFY(row0(imp::app::MessageListModel::BodyRole).toString().isEmpty());

        // They type: the title says so.
        peer({{"op", "typing"}, {"peer", "张伟"}, {"to", myJid}});
        QTRY_VERIFY_WITH_TIMEOUT(c->peerTyping(), 10000);
        shot(*shell, "m06-chat-typing");

        // The unread count shows 99+ on the row.
        QTRY_VERIFY_WITH_TIMEOUT(c->conversations()->unreadTotal() >= 105, 20000);
        c->setPinned(jidOf("Émilie"), true);
        QTest::qWait(500);
        shell.reset();
    }

    void rendersTheFullScreens()
    {
        QVERIFY2(!myJid.isEmpty(), "needs the sign-up step");
        shootAll("m07-chats", [this](AppShell &s) {
            auto *c = chats(s);
            QTRY_VERIFY_WITH_TIMEOUT(c->conversations()->count() >= 4, 10000);
            const int bob = c->conversations()->indexOf(jidOf("Bob Smith"));
            QCOMPARE(c->conversations()
                         ->data(c->conversations()->index(bob),
                                imp::app::ConversationListModel::UnreadTextRole)
                         .toString(),
                     QString("99+"));
            QCOMPARE(c->conversations()->indexOf(jidOf("Émilie")), 0); // pinned first
            QTRY_COMPARE(textNow(s, "chatsTabBadge"), QString("99+"));
        });
        shootAll("m08-chat", [this](AppShell &s) {
            openChatWith(s, jidOf("张伟"));
            QTRY_VERIFY_WITH_TIMEOUT(itemNow(s, "recalledNotice"), 10000);
        });
        shootAll("m09-chat-arabic", [this](AppShell &s) { openChatWith(s, jidOf("محمد")); });
        shootAll("m10-contacts", [this](AppShell &s) {
            QVERIFY(click(s, "contactsTab"));
            QTRY_COMPARE(friends(s)->contacts()->count(), 5);
            QTRY_COMPARE(textNow(s, "requestsBadge"), QString("1"));
            QVERIFY(item(s, "alphabetIndex"));
        });
        shootAll("m11-requests", [this](AppShell &s) {
            QVERIFY(click(s, "contactsTab"));
            QVERIFY(click(s, "newFriendsRow"));
            QTRY_VERIFY(itemNow(s, "requestList"));
        });
        shootAll("m12-profile", [this](AppShell &s) {
            openChatWith(s, jidOf("张伟"));
            QVERIFY(click(s, "chatProfileButton"));
            QTRY_VERIFY(itemNow(s, "profileCard"));
            QCOMPARE(item(s, "profileName")->property("text").toString(), QString("张伟"));
            // 张伟 asked us: the directory told us his IMpTech ID.
            QVERIFY(item(s, "profileImptechId"));
            QTRY_VERIFY(textNow(s, "profileImptechId").contains(idOf("张伟")));
        });
        shootAll("m13-add-friend-result", [this](AppShell &s) {
            QVERIFY(click(s, "contactsTab"));
            QVERIFY(click(s, "addFriendButton"));
            type(s, "lookupField", idOf("王芳"));
            QVERIFY(click(s, "lookupButton"));
            QTRY_VERIFY_WITH_TIMEOUT(itemNow(s, "lookupResultCard"), 10000);
            QCOMPARE(item(s, "lookupName")->property("text").toString(), QString("王芳"));
            QVERIFY(item(s, "sendRequestButton"));
        });
        shootAll("m14-me", [this](AppShell &s) { QVERIFY(click(s, "meTab")); });
    }

    // A full disk while receiving: the user is told, and nothing is lost. The disk is made full
    // for real, in this process: no file may grow past its size now (RLIMIT_FSIZE), so SQLite's
    // writes fail; the limit is lifted again before the screenshot is written.
    void fullDiskWarnsAndLosesNothing()
    {
        QVERIFY2(!myJid.isEmpty(), "needs the sign-up step");
        const QString alice = jidOf("alice");
        int sent = 0;
        for (const auto &[lang, size] : {std::pair{QStringLiteral("zh_CN"), QSize(390, 844)},
                                         std::pair{QStringLiteral("en"), QSize(1280, 800)}}) {
            auto shell = open(lang, size);
            QVERIFY(shell);
            auto *c = chats(*shell);
            QVERIFY(c->storageError().isEmpty());
            // Commits append to the write-ahead log: 16 KiB more and it is full.
            qint64 wal = 0;
            for (QDirIterator it(dir.path(), {"*-wal"}, QDir::Files, QDirIterator::Subdirectories);
                 it.hasNext();) {
                it.next();
                wal = std::max(wal, it.fileInfo().size());
            }
            std::signal(SIGXFSZ, SIG_IGN);
            struct rlimit room {};
            QCOMPARE(::getrlimit(RLIMIT_FSIZE, &room), 0);
            const struct rlimit full {
                static_cast<rlim_t>(wal + 16 * 1024), room.rlim_max
            };
            QCOMPARE(::setrlimit(RLIMIT_FSIZE, &full), 0);
            for (int i = 0; i < 12; ++i)
                peerSend("alice", QString("照片 %1 / photo %1").arg(++sent));
            const bool warned =
                QTest::qWaitFor([&] { return !c->storageError().isEmpty(); }, 20000);
            auto *banner = item(*shell, "homeStorageErrorBanner");
            QTest::qWait(600);
            // Grabbed while the disk is full; written once there is room.
            const QImage screen = shell->window()->grabWindow();
            const bool shown = banner && banner->isVisible();
            QCOMPARE(::setrlimit(RLIMIT_FSIZE, &room), 0);
            QVERIFY2(warned, "no warning while the disk was full");
            QVERIFY(shown);
            saveShot(*shell, screen, "m15-storage-error");
            // With room again the next attempt stores them, and the warning goes away.
            QTRY_VERIFY_WITH_TIMEOUT(c->storageError().isEmpty(), 20000);
        }
        // Room again: a new session brings every message back from the server, once.
        auto shell = open("zh_CN", {390, 844});
        QVERIFY(shell);
        auto *c = chats(*shell);
        openChatWith(*shell, alice);
        QTRY_COMPARE_WITH_TIMEOUT(c->messages()->count(), sent, 20000);
        QVERIFY(c->storageError().isEmpty());
        // In the order they were sent (the list shows the newest first).
        QStringList bodies;
        for (int row = c->messages()->count() - 1; row >= 0; --row)
            bodies << c->messages()
                          ->data(c->messages()->index(row), imp::app::MessageListModel::BodyRole)
                          .toString();
        QStringList expected;
        for (int i = 1; i <= sent; ++i)
            expected << QString("照片 %1 / photo %1").arg(i);
        QCOMPARE(bodies, expected);
    }

    // Reporting from a message's menu names that message: the server keeps its archive id.
    // Last, because a report also blocks the sender.
    void reportFromAMessage()
    {
        QVERIFY2(!myJid.isEmpty(), "needs the sign-up step");
        auto shell = open("en", {1280, 800});
        QVERIFY(shell);
        auto *f = friends(*shell);
        const QString sender = jidOf("محمد");
        openChatWith(*shell, sender);
        QVERIFY(rightClick(*shell, "bubble_0"));
        QVERIFY(click(*shell, "menuReport"));
        QTRY_VERIFY(enabledNow(*shell, "reasonAbuse") &&
                    itemNow(*shell, "reasonAbuse")->isVisible());
        QVERIFY(click(*shell, "reasonAbuse"));
        shot(*shell, "m16-report-message");
        QVERIFY(click(*shell, "reportSubmitButton"));
        QTRY_VERIFY_WITH_TIMEOUT(f->contactInfo(sender).value("blocked").toBool(), 15000);
        const auto reports = peer({{"op", "reports"}, {"to", myJid}}).value("reports").toArray();
        QCOMPARE(reports.size(), 1);
        const auto report = reports.first().toObject();
        QCOMPARE(report.value("reported").toString(), sender);
        QCOMPARE(report.value("reason").toString(), QString("abuse"));
        QCOMPARE(report.value("messages").toArray().size(), 1);
        QVERIFY(!report.value("messages").toArray().first().toString().isEmpty());
    }

    // Voice notes and photos (MainScreensMediaSteps.cpp).
    void voiceNotes() { voiceNotesSteps(); }
    void photos() { photoSteps(); }
    void groupChat() { groupSteps(); }
    void groupsOfOthers() { friendsGroupSteps(); }
};

QTEST_MAIN(MainScreensJourneyTest)
#include "MainScreensJourneyTest.moc"
