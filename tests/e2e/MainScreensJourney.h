#pragma once

#include "AppDriver.h"
#include "AppPlugins.h"
#include "AttachmentController.h"
#include "ChatsController.h"
#include "FriendsController.h"
#include "GroupsController.h"
#include "VoiceController.h"
#include "onboarding/SignupController.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <cstdio>
#include <deque>
#include <functional>
#include <iostream>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace imp::test {

using Page = imp::app::OnboardingController::Page;
using SignupPage = imp::app::SignupController::Page;
using imp::app::ChatsController;
using imp::app::FriendsController;
using imp::app::VoiceController;

// What the main-screens journey works with: the peers run_main_screens.py serves (`peer()`
// commands), the signed-in profile, and launching and rendering the app on it.
class MainScreensJourney : public AppDriver {
protected:
    QString server = qEnvironmentVariable("IMP_TEST_SERVER");
    QString ca = qEnvironmentVariable("IMP_TEST_CA");
    QString smsFile = qEnvironmentVariable("IMP_TEST_SMS_FILE");
    QTemporaryDir dir;
    QString myJid;
    QString myId;
    QJsonObject peers;

    // Answers from run_main_screens.py, one JSON line each, read by one thread for the whole
    // run (it blocks in getline; the process ends it).
    struct Answers {
        std::mutex mutex;
        std::deque<std::string> lines;
    };
    std::shared_ptr<Answers> answers = std::make_shared<Answers>();
    int lastSeq = 0;

    void startReadingAnswers()
    {
        std::thread([answers = answers] {
            std::string line;
            while (std::getline(std::cin, line)) {
                std::lock_guard lock(answers->mutex);
                answers->lines.push_back(line);
            }
        }).detach();
    }
    std::optional<QJsonObject> answerTo(int seq)
    {
        std::lock_guard lock(answers->mutex);
        while (!answers->lines.empty()) {
            const auto answer =
                QJsonDocument::fromJson(QByteArray::fromStdString(answers->lines.front())).object();
            answers->lines.pop_front();
            if (answer.value("seq").toInt() == seq)
                return answer;
        }
        return std::nullopt;
    }

    // One peer action, done by run_main_screens.py (see there). Each asks with a sequence
    // number; a command or answer that got lost is asked again, and the runner replays the
    // answer it gave (it never does an action twice).
    QJsonObject peer(QJsonObject command)
    {
        command.insert("seq", ++lastSeq);
        const QByteArray line = QJsonDocument(command).toJson(QJsonDocument::Compact);
        for (int attempt = 1; attempt <= 3; ++attempt) {
            std::fprintf(stdout, "@@peer %s\n", line.constData());
            std::fflush(stdout);
            std::fprintf(stderr, "journey: asked %s (attempt %d)\n", line.constData(), attempt);
            // Keep the app's event loop running meanwhile: the peer may be waiting for
            // something the app has to send.
            std::optional<QJsonObject> answer;
            (void)QTest::qWaitFor([&] { return (answer = answerTo(lastSeq)).has_value(); }, 30000);
            if (!answer)
                continue;
            if (answer->contains("error"))
                qWarning() << "peer error" << answer->value("error").toString();
            return *answer;
        }
        qWarning() << "peer never answered" << line;
        return {{"error", "no answer"}};
    }
    QString jidOf(const QString &name)
    {
        return peers.value(name).toObject().value("jid").toString();
    }
    QString idOf(const QString &name)
    {
        return peers.value(name).toObject().value("id").toString();
    }
    QJsonObject peerSend(const QString &name, const QString &text)
    {
        return peer({{"op", "send"}, {"peer", name}, {"to", myJid}, {"text", text}});
    }

    QString lastCode(const QString &phone)
    {
        for (int i = 0; i < 100; ++i) {
            QFile file(smsFile);
            if (file.open(QIODevice::ReadOnly)) {
                const auto lines =
                    QString::fromUtf8(file.readAll()).split('\n', Qt::SkipEmptyParts);
                for (auto it = lines.rbegin(); it != lines.rend(); ++it) {
                    const auto parts = it->split(' ');
                    if (parts.size() >= 3 && parts[0] == phone && parts[2] == "account")
                        return parts[1];
                }
            }
            QTest::qWait(50);
        }
        return {};
    }
    imp::app::SignupController *signup(AppShell &shell)
    {
        return imp::app::SignupController::instance(&shell.engine());
    }
    ChatsController *chats(AppShell &shell) { return ChatsController::instance(&shell.engine()); }
    FriendsController *friends(AppShell &shell)
    {
        return FriendsController::instance(&shell.engine());
    }
    void type(AppShell &shell, const QString &field, const QString &text)
    {
        auto *target = item(shell, field);
        QVERIFY2(target, qPrintable(field));
        target->setProperty("text", text);
    }

    std::unique_ptr<AppShell> open(const QString &lang, QSize size)
    {
        auto shell = launch(dir.path(), lang, size, {}, server, ca);
        if (!shell)
            return nullptr;
        auto *flow = signup(*shell);
        if (!QTest::qWaitFor([&] { return flow->page() == SignupPage::Home; }, 15000) ||
            !QTest::qWaitFor([&] { return flow->connectionState() == "online"; }, 15000) ||
            !QTest::qWaitFor([&] { return chats(*shell)->started(); }, 5000))
            return nullptr;
        return shell;
    }

    // Renders one screen in all four variants, each a fresh launch on the same profile.
    void shootAll(const QString &name, const std::function<void(AppShell &)> &navigate)
    {
        for (const QString lang : {"zh_CN", "en"}) {
            for (const QSize size : {QSize(390, 844), QSize(1280, 800)}) {
                auto shell = open(lang, size);
                QVERIFY(shell);
                navigate(*shell);
                if (QTest::currentTestFailed())
                    return;
                shot(*shell, name);
            }
        }
    }

    void openChatWith(AppShell &shell, const QString &jid)
    {
        QVERIFY(click(shell, "chatsTab"));
        auto *c = chats(shell);
        QTRY_VERIFY_WITH_TIMEOUT(c->conversations()->indexOf(jid) >= 0, 10000);
        QVERIFY(click(shell, QString("conversation_%1").arg(c->conversations()->indexOf(jid))));
        QTRY_VERIFY(itemNow(shell, "chatPage"));
        QTRY_VERIFY_WITH_TIMEOUT(c->messages()->count() > 0, 10000);
    }

    QPoint centreOf(AppShell &shell, const QString &name)
    {
        auto *target = item(shell, name);
        if (!target)
            return {};
        return target->mapToScene(QPointF(target->width() / 2, target->height() / 2)).toPoint();
    }
    // The row of the newest message matching `pick` (-1 if none is loaded).
    int rowWhere(ChatsController *c, const std::function<bool(const QVariantMap &)> &pick)
    {
        for (int row = 0; row < c->messages()->count(); ++row)
            if (pick(c->messages()->get(row)))
                return row;
        return -1;
    }

    // The photo thumbnail in the bubble of `row` is shown (its Image is Ready).
    bool thumbnailReady(AppShell &shell, int row)
    {
        auto *bubble = itemNow(shell, QString("bubble_%1").arg(row));
        auto *thumb = bubble ? findItem(bubble, "photoThumbnail") : nullptr;
        return thumb && thumb->isVisible() && thumb->property("status").toInt() == 1;
    }

    imp::app::AttachmentController *attachments(AppShell &shell)
    {
        const int typeId = qmlTypeId("IMpTech.Chats", 1, 0, "AttachmentController");
        return typeId < 0
                   ? nullptr
                   : shell.engine().singletonInstance<imp::app::AttachmentController *>(typeId);
    }

    // Steps of the journey kept in MainScreensMediaSteps.cpp (the test class's slots call them).
    void voiceNotesSteps();
    void photoSteps();
    // MainScreensGroupSteps.cpp
    void groupSteps();
    void friendsGroupSteps();
    bool tickFriends(AppShell &shell, const QStringList &names);

    // A pushed page has finished sliding in (a tap during the transition lands where its
    // buttons are not yet).
    bool settled(AppShell &shell, const QString &page)
    {
        auto *stack = itemNow(shell, "phoneStack");
        return itemNow(shell, page) && (!stack || !stack->property("busy").toBool());
    }

    imp::app::GroupsController *groups(AppShell &shell)
    {
        return imp::app::GroupsController::instance(&shell.engine());
    }

    VoiceController *voice(AppShell &shell)
    {
        const int typeId = qmlTypeId("IMpTech.Chats", 1, 0, "VoiceController");
        return typeId < 0 ? nullptr : shell.engine().singletonInstance<VoiceController *>(typeId);
    }
};

} // namespace imp::test
