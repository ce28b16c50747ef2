#include "MainScreensJourney.h"
#include "TextFormat.h"

// Group chats in the app: a group started from the friend picker, slixmpp members who join it
// and write, their names on the bubbles and in the list, the member list; a friend's group taken
// by itself and left for good; a stranger's invitation that waits for the user.
namespace imp::test {

using imp::app::GroupPickerModel;

bool MainScreensJourney::tickFriends(AppShell &shell, const QStringList &names)
{
    auto *picker = groups(shell)->picker();
    for (const QString &name : names) {
        int row = -1;
        for (int r = 0; r < picker->rowCount(); ++r)
            if (picker->data(picker->index(r), GroupPickerModel::NameRole).toString() == name)
                row = r;
        if (row < 0 || !click(shell, QString("pick_%1").arg(row)))
            return false;
    }
    return true;
}

void MainScreensJourney::groupSteps()
{
    auto shell = open("zh_CN", {390, 844});
    QVERIFY(shell);
    auto *c = chats(*shell);
    auto *g = groups(*shell);
    QVERIFY(click(*shell, "chatsTab"));
    QVERIFY(click(*shell, "chatsPlusButton"));
    QVERIFY(click(*shell, "newGroupItem"));
    QTRY_VERIFY(settled(*shell, "groupPickerPage"));
    // Friends only (陈静 asked but was not accepted, 王芳 and alice never asked).
    QTRY_COMPARE_WITH_TIMEOUT(g->picker()->count(), 4, 10000);
    QVERIFY(!enabledNow(*shell, "groupPickerDone"));
    QVERIFY(tickFriends(*shell, {"张伟"}));
    QVERIFY2(!enabledNow(*shell, "groupPickerDone"), "a group needs two friends besides us");
    QVERIFY(tickFriends(*shell, {"Bob Smith"}));
    QTRY_VERIFY(enabledNow(*shell, "groupPickerDone"));
    type(*shell, "groupNameField", "周末爬山");
    QVERIFY(click(*shell, "groupPickerDone"));
    // Made, the members invited, and its chat open.
    QTRY_VERIFY_WITH_TIMEOUT(g->isGroup(c->currentPeer()), 20000);
    const QString room = c->currentPeer();
    QTRY_VERIFY(itemNow(*shell, "chatPage"));
    QCOMPARE(c->currentTitle(), QString("周末爬山"));

    for (const QString name : {"张伟", "Bob Smith"}) {
        const auto joined = peer({{"op", "group_join"}, {"peer", name}, {"room", room}});
        QVERIFY2(joined.value("ok").toBool(), qPrintable(name + " got no invitation"));
    }
    // The member list: us (owner) and the two invited, as the room lists them.
    g->refreshMembers();
    QTRY_COMPARE_WITH_TIMEOUT(g->members()->count(), 3, 15000);
    type(*shell, "composerInput", "大家周六早上8点见");
    QVERIFY(click(*shell, "sendButton"));
    const auto heard =
        peer({{"op", "group_heard"}, {"peer", "张伟"}, {"room", room}, {"count", 1}});
    const auto heardList = heard.value("messages").toArray();
    QVERIFY2(!heardList.isEmpty(), "张伟 never got our group message");
    QCOMPARE(heardList.last().toArray().at(1).toString(), QString("大家周六早上8点见"));
    // Sent once the room reflects it.
    QTRY_COMPARE_WITH_TIMEOUT(c->messages()->get(0).value("deliveryState").toString(),
                              QString("sent"), 15000);

    peer({{"op", "group_say"}, {"peer", "张伟"}, {"room", room}, {"text", "好的，我带地图"}});
    peer({{"op", "group_say"},
          {"peer", "Bob Smith"},
          {"room", room},
          {"text", "I'll bring water 💧"}});
    QTRY_COMPARE_WITH_TIMEOUT(c->messages()->count(), 3, 15000);
    // Each bubble names who wrote it; ours does not.
    QCOMPARE(c->messages()->get(0).value("senderName").toString(),
             imp::app::TextFormat::isolate("Bob Smith"));
    QCOMPARE(c->messages()->get(1).value("senderName").toString(),
             imp::app::TextFormat::isolate("张伟"));
    QCOMPARE(c->messages()->get(2).value("senderName").toString(), QString());
    QVERIFY(itemNow(*shell, "senderName_0"));
    // Recall is not offered in groups (not built there yet).
    QVERIFY(!c->messages()->canRecall(2));

    // "@" offers the members (not us); a tap writes the name.
    auto *input = item(*shell, "composerInput");
    QVERIFY(input);
    input->forceActiveFocus();
    input->setProperty("text", "@");
    input->setProperty("cursorPosition", 1);
    QTRY_VERIFY(itemNow(*shell, "mentionPicker") || itemNow(*shell, "mention_1"));
    QTRY_VERIFY(itemNow(*shell, "mention_1"));
    QVERIFY(!itemNow(*shell, "mention_0")); // the owner listed first is us: not offered
    QVERIFY(click(*shell, "mention_1"));
    QTRY_COMPARE(input->property("text").toString(), QString("@Bob Smith "));
    input->setProperty("text", "");

    // The group's members from the chat's … button.
    QVERIFY(click(*shell, "chatProfileButton"));
    QTRY_VERIFY(settled(*shell, "groupInfoPage"));
    QTRY_COMPARE_WITH_TIMEOUT(g->members()->count(), 3, 10000);
    QCOMPARE(g->members()
                 ->data(g->members()->index(0), imp::app::GroupMemberListModel::SelfRole)
                 .toBool(),
             true); // the owner first: we made it
    QVERIFY(itemNow(*shell, "leaveGroupButton"));
    // The owner renames it, for everyone.
    QVERIFY(click(*shell, "groupRenameRow"));
    QTRY_VERIFY(itemNow(*shell, "renameField"));
    type(*shell, "renameField", "周末爬山队");
    QVERIFY(click(*shell, "renameSaveButton"));
    QTRY_COMPARE_WITH_TIMEOUT(g->currentName(), QString("周末爬山队"), 10000);
    QTRY_COMPARE(c->currentTitle(), QString("周末爬山队"));
    shell.reset();

    // The conversation list says who wrote last.
    shell = open("en", {390, 844});
    QVERIFY(shell);
    c = chats(*shell);
    QTRY_VERIFY_WITH_TIMEOUT(c->conversations()->indexOf(room) >= 0, 10000);
    const auto preview = c->conversations()
                             ->data(c->conversations()->index(c->conversations()->indexOf(room)),
                                    imp::app::ConversationListModel::PreviewRole)
                             .toString();
    QVERIFY2(preview.contains("Bob Smith") && preview.contains("water"), qPrintable(preview));
    shell.reset();

    shootAll("m25-group-picker", [this](AppShell &s) {
        QVERIFY(click(s, "chatsTab"));
        QVERIFY(click(s, "chatsPlusButton"));
        QVERIFY(click(s, "newGroupItem"));
        QTRY_VERIFY(itemNow(s, "groupPickerPage"));
        QTRY_COMPARE_WITH_TIMEOUT(groups(s)->picker()->count(), 4, 10000);
        QVERIFY(tickFriends(s, {"张伟", "Émilie"}));
    });
    shootAll("m26-group-chat", [this, room](AppShell &s) {
        openChatWith(s, room);
        QTRY_COMPARE_WITH_TIMEOUT(chats(s)->messages()->count(), 3, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(groups(s)->members()->count(), 3, 10000);
    });
    shootAll("m27-group-info", [this, room](AppShell &s) {
        openChatWith(s, room);
        QVERIFY(click(s, "chatProfileButton"));
        QTRY_VERIFY(itemNow(s, "groupInfoPage"));
        QTRY_COMPARE_WITH_TIMEOUT(groups(s)->members()->count(), 3, 10000);
    });
}

void MainScreensJourney::friendsGroupSteps()
{
    auto shell = open("zh_CN", {390, 844});
    QVERIFY(shell);
    auto *c = chats(*shell);
    auto *g = groups(*shell);
    // A friend's group: their invitation is taken by itself.
    const QString room =
        peer({{"op", "group_create"}, {"peer", "Émilie"}, {"to", myJid}}).value("room").toString();
    QVERIFY(!room.isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(peer({{"op", "group_affiliated"},
                                   {"peer", "Émilie"},
                                   {"room", room},
                                   {"affiliation", "member"}})
                                 .value("jids")
                                 .toArray()
                                 .contains(myJid),
                             20000);
    QTest::qWait(1500); // our join and catch-up
    peer({{"op", "group_say"}, {"peer", "Émilie"}, {"room", room}, {"text", "Bienvenue !"}});
    QVERIFY(click(*shell, "chatsTab"));
    QTRY_VERIFY_WITH_TIMEOUT(c->conversations()->indexOf(room) >= 0, 20000);
    QVERIFY2(g->invitations().isEmpty(), "a friend's invitation asks nothing");
    openChatWith(*shell, room);
    QVERIFY(click(*shell, "chatProfileButton"));
    QTRY_VERIFY(settled(*shell, "groupInfoPage"));
    QTRY_VERIFY_WITH_TIMEOUT(g->members()->count() >= 2, 10000);
    // Leaving asks once more, then gives up the membership on the server.
    QVERIFY(click(*shell, "leaveGroupButton"));
    QTRY_VERIFY(itemNow(*shell, "confirmLeaveButton"));
    QVERIFY(click(*shell, "confirmLeaveButton"));
    QTRY_VERIFY_WITH_TIMEOUT(!itemNow(*shell, "groupInfoPage"), 15000);
    QVERIFY(c->currentPeer().isEmpty());
    const auto members = peer({{"op", "group_affiliated"},
                               {"peer", "Émilie"},
                               {"room", room},
                               {"affiliation", "member"}});
    QVERIFY2(!members.value("jids").toArray().contains(myJid), "still a member on the server");
    // Its old chat says we are out, and offers no message box.
    openChatWith(*shell, room);
    QTRY_VERIFY_WITH_TIMEOUT(itemNow(*shell, "groupProblemBanner"), 5000);
    QVERIFY(!itemNow(*shell, "composerInput"));
    QVERIFY2(!chats(*shell)->send("还在吗"), "nothing is queued for a group we left");

    // A stranger's invitation waits for the user.
    QTRY_VERIFY(settled(*shell, "chatPage"));
    QVERIFY(click(*shell, "backButton"));
    QTRY_VERIFY(!itemNow(*shell, "chatPage"));
    const QString strangers =
        peer({{"op", "group_create"}, {"peer", "王芳"}, {"to", myJid}}).value("room").toString();
    QTRY_COMPARE_WITH_TIMEOUT(g->invitations().size(), 1, 20000);
    QTRY_VERIFY(itemNow(*shell, "invitationBanner"));
    shot(*shell, "m28-group-invitation");
    shell->window()->resize(1280, 800);
    QTest::qWait(300);
    shot(*shell, "m28-group-invitation");
    QVERIFY(click(*shell, "declineInvitation_0"));
    QTRY_VERIFY(g->invitations().isEmpty());
    QTest::qWait(1000);
    QCOMPARE(c->conversations()->indexOf(strangers), -1); // ignored: not joined
}

} // namespace imp::test
