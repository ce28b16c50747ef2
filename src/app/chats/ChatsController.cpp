#include "ChatsController.h"

#include "FriendsController.h"
#include "GroupsController.h"
#include "MediaImageProvider.h"
#include "TextFormat.h"
#include "TimeText.h"
#include "chat/ChatSession.h"
#include "chat/ContactService.h"
#include "chat/MessageService.h"
#include "chat/groups/GroupService.h"
#include "common/Log.h"
#include "onboarding/OnboardingController.h"
#include "onboarding/SignupController.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QPointer>

namespace imp::app {

ChatsController::ChatsController(QObject *parent)
    : QObject(parent)
{
    // Time texts ("14:05", "昨天") move on while the app stays open.
    m_clock.setInterval(60 * 1000);
    connect(&m_clock, &QTimer::timeout, this,
            [this] { m_conversations.setNow(QDateTime::currentDateTime()); });
    m_clock.start();
}

ChatsController::~ChatsController() = default;

ChatsController *ChatsController::create(QQmlEngine *engine, QJSEngine *)
{
    auto *controller = new ChatsController;
    controller->m_engine = engine;
    QJSEngine::setObjectOwnership(controller, QJSEngine::JavaScriptOwnership);
    return controller;
}

QQmlEngine *ChatsController::engine() const
{
    // The engine that created this singleton (set by create(), else by the QML type loader).
    return m_engine ? m_engine : qmlEngine(this);
}

FriendsController *ChatsController::friends() const
{
    return FriendsController::instance(engine());
}

ChatsController *ChatsController::instance(QQmlEngine *engine)
{
    if (!engine)
        return nullptr;
    const int typeId = qmlTypeId("IMpTech.Chats", 1, 0, "ChatsController");
    return typeId < 0 ? nullptr : engine->singletonInstance<ChatsController *>(typeId);
}

void ChatsController::start()
{
    if (m_messageService)
        return;
    if (!engine()) {
        IMP_LOG_WARN("chats: no QML engine");
        return;
    }
    auto *signup = SignupController::instance(engine());
    auto *consent = OnboardingController::instance(engine());
    if (!signup || !signup->service() || !consent || !consent->profile()) {
        IMP_LOG_WARN("chats started before the account was loaded");
        return;
    }
    auto profile = consent->profile();
    auto &account = *signup->service();
    m_session = std::make_unique<chat::ChatSession>(profile, account);
    m_messageService = &m_session->messages();
    m_contactService = &m_session->contacts();
    // Photos in bubbles and the viewer come from the sealed library, decoded off the UI thread.
    engine()->addImageProvider(QLatin1String(MediaImageProvider::Name),
                               new MediaImageProvider(m_session->media()));
    auto *messages = m_messageService;
    auto *contacts = m_contactService;

    // XEP-0352: the server may hold back presence and chat states while we are in the
    // background; a chat that is open when the window comes back is read then.
    QPointer<chat::AccountService> service = &account;
    account.setClientActive(QGuiApplication::applicationState() == Qt::ApplicationActive);
    connect(qGuiApp, &QGuiApplication::applicationStateChanged, this,
            [this, service](Qt::ApplicationState state) {
                const bool active = state == Qt::ApplicationActive;
                if (service)
                    service->setClientActive(active);
                if (active && !m_current.isEmpty() && m_messageService)
                    m_messageService->markRead(m_current);
            });

    m_messages.setPager(
        [messages](const QString &peer, std::optional<chat::MessageService::Cursor> before,
                   int limit) { return messages->pageWithHistory(peer, before, limit); });

    connect(messages, &chat::MessageService::messageAdded, this,
            [this](const chat::Message &message) {
                m_messages.add(message);
                // The open chat is being read, if the window is in front.
                if (message.peer == m_current && !message.outgoing &&
                    QGuiApplication::applicationState() == Qt::ApplicationActive)
                    m_messageService->markRead(m_current);
            });
    connect(messages, &chat::MessageService::messageChanged, this,
            [this](const chat::Message &message) { m_messages.change(message); });
    connect(messages, &chat::MessageService::messageRemoved, this,
            [this](const QString &peer, qint64 id) { m_messages.remove(peer, id); });
    connect(messages, &chat::MessageService::conversationChanged, this,
            [this](const chat::Conversation &conversation) {
                m_conversations.upsert(conversation);
                if (conversation.peer == m_current)
                    emit currentChanged();
            });
    connect(messages, &chat::MessageService::typingChanged, this,
            [this](const QString &peer, bool typing) {
                if (peer == m_current && typing != m_peerTyping) {
                    m_peerTyping = typing;
                    emit typingChanged();
                }
            });
    connect(messages, &chat::MessageService::syncProgress, this, [this](int done, int total) {
        m_syncing = true;
        m_syncDone = done;
        m_syncTotal = total;
        emit syncChanged();
    });
    connect(messages, &chat::MessageService::syncFinished, this, [this] {
        m_syncing = false;
        emit syncChanged();
        // Catch-up may have brought older messages into the open chat.
        if (!m_current.isEmpty() && m_messages.count() == 0)
            m_messages.reload();
    });
    connect(messages, &chat::MessageService::storageError, this, [this](const QString &code) {
        m_storageError = storageMessage(code);
        emit storageErrorChanged();
    });
    connect(messages, &chat::MessageService::storageRecovered, this, [this] {
        m_storageError.clear();
        emit storageErrorChanged();
    });
    connect(messages, &chat::MessageService::outboxChanged, this, &ChatsController::outboxChanged);
    connect(messages, &chat::MessageService::uploadProgress, this,
            [this](const QString &peer, const QString &originId, qint64 done, qint64 total) {
                if (peer == m_current)
                    m_messages.setUploadProgress(originId, done, total);
            });
    connect(messages, &chat::MessageService::downloadProgress, this,
            [this](const QString &peer, qint64 id, qint64 done, qint64 total) {
                if (peer == m_current)
                    m_messages.setDownloadProgress(id, done, total);
            });
    connect(messages, &chat::MessageService::uploadFailed, this,
            [this](const QString &peer, const QString &, const QString &code) {
                if (peer == m_current)
                    emit notice(uploadMessage(code));
            });

    // The open chat's title may come from the contact (before the conversation has one).
    connect(contacts, &chat::ContactService::contactsChanged, this, [this] {
        if (!m_current.isEmpty())
            emit currentChanged();
    });
    connect(contacts, &chat::ContactService::titleChanged, this,
            [this](const QString &jid, const QString &) {
                if (jid == m_current)
                    emit currentChanged();
            });

    connect(&m_session->groups(), &chat::groups::GroupService::groupChanged, this,
            [this](const chat::groups::Group &group) {
                if (group.room == m_current)
                    emit currentChanged();
            });
    m_session->start();
    if (auto *groupsController = GroupsController::instance(engine()))
        groupsController->attach(&m_session->groups(), contacts, account.account().jid);
    if (auto *friendsController = friends()) {
        // Strangers are named as their conversation is.
        friendsController->attach(contacts,
                                  [self = QPointer<ChatsController>(this)](const QString &jid) {
                                      return self ? self->m_conversations.titleOf(jid) : QString();
                                  });
    }
    messages->conversations().then(this, [this](Result<QList<chat::Conversation>> list) {
        if (!list) {
            IMP_LOG_WARN("conversation list could not be read: {}", list.error().code);
            return;
        }
        m_conversations.setConversations(*list);
    });
    IMP_LOG_INFO("chats: services started");
    emit startedChanged();
}

QString ChatsController::currentTitle() const
{
    if (m_current.isEmpty())
        return {};
    if (m_session && m_session->isGroup(m_current)) {
        // A new group has its name before it has a conversation row.
        const auto group = m_session->groups().group(m_current);
        if (group && !group->name.isEmpty())
            return group->name;
    }
    const QString title = m_conversations.titleOf(m_current);
    if (!title.isEmpty())
        return title;
    auto *friendsController = friends();
    return friendsController ? friendsController->contactInfo(m_current).value("name").toString()
                             : m_current.section('@', 0, 0);
}

QString ChatsController::syncText() const
{
    if (!m_syncing)
        return {};
    const QLocale locale = TimeText::uiLocale();
    if (m_syncTotal < 0)
        return tr("Syncing… %1").arg(locale.toString(m_syncDone));
    return tr("Syncing… %1 / %2").arg(locale.toString(m_syncDone), locale.toString(m_syncTotal));
}

int ChatsController::outboxPending() const
{
    return m_messageService ? m_messageService->pendingCount() : 0;
}

QString ChatsController::badgeText(int count)
{
    return TextFormat::badgeText(count);
}

QString ChatsController::storageMessage(const QString &code)
{
    if (code == "store.disk_full")
        return tr("This device is out of space. New messages wait on the server until you free "
                  "some space.");
    return tr("Messages could not be saved on this device. They wait on the server; nothing is "
              "lost.");
}

QString ChatsController::uploadMessage(const QString &code)
{
    if (code == "upload.too_large")
        return tr("This file is too large to send (100 MB at most).");
    if (code == "upload.quota")
        return tr("You have sent too much today. Try again tomorrow.");
    if (code == "upload.unavailable")
        return tr("Files cannot be sent right now. Tap the message to try again.");
    return tr("The file could not be sent. Tap the message to try again.");
}

void ChatsController::dismissStorageError()
{
    m_storageError.clear();
    emit storageErrorChanged();
}

void ChatsController::openChat(const QString &peer)
{
    if (peer == m_current && m_messages.peer() == peer)
        return;
    if (m_messageService && !m_current.isEmpty())
        m_messageService->setComposing(m_current, false);
    m_current = peer;
    m_peerTyping = false;
    const bool group = m_session && m_session->isGroup(peer);
    m_messages.open(peer, group);
    if (auto *groupsController = GroupsController::instance(engine()))
        groupsController->setCurrent(peer);
    emit currentChanged();
    emit typingChanged();
    markRead(peer);
}

void ChatsController::closeChat()
{
    if (m_current.isEmpty())
        return;
    if (m_messageService)
        m_messageService->setComposing(m_current, false);
    m_current.clear();
    m_peerTyping = false;
    m_messages.open({});
    if (auto *groupsController = GroupsController::instance(engine()))
        groupsController->setCurrent({});
    emit currentChanged();
    emit typingChanged();
}

bool ChatsController::send(const QString &text)
{
    if (!m_messageService || m_current.isEmpty())
        return false;
    if (text.size() > chat::MessageService::MaxBodyLength) {
        emit notice(tr("This message is too long to send."));
        return false;
    }
    return m_session->send(m_current, text);
}

void ChatsController::setComposing(bool composing)
{
    if (m_messageService && !m_current.isEmpty())
        m_messageService->setComposing(m_current, composing);
}

void ChatsController::recall(qint64 messageId)
{
    if (!m_messageService || m_current.isEmpty())
        return;
    m_messageService->recall(m_current, messageId, guarded([this](Result<void> done) {
                                 if (done)
                                     return;
                                 emit notice(
                                     done.error().code == "chat.recall_too_late"
                                         ? tr("Messages can only be recalled within 2 minutes.")
                                         : tr("Could not recall the message."));
                             }));
}

bool ChatsController::activateAttachment(qint64 messageId)
{
    const auto message = m_messages.message(messageId);
    if (!m_messageService || !message || message->attachment.isNull() || message->recalled)
        return false;
    const auto transfer = message->attachment.transfer;
    if (message->outgoing && transfer == chat::Attachment::Transfer::UploadFailed) {
        m_messageService->retryUpload(message->peer, message->originId);
        return true;
    }
    if (!message->attachment.isHere() && (transfer == chat::Attachment::Transfer::Remote ||
                                          transfer == chat::Attachment::Transfer::DownloadFailed)) {
        m_messageService->download(*message);
        return true;
    }
    return false;
}

void ChatsController::deleteLocally(qint64 messageId)
{
    if (m_messageService && !m_current.isEmpty())
        m_messageService->deleteLocally(m_current, messageId);
}

void ChatsController::copyText(const QString &text)
{
    if (auto *clipboard = QGuiApplication::clipboard())
        clipboard->setText(text);
    emit notice(tr("Copied"));
}

void ChatsController::markRead(const QString &peer)
{
    if (!m_messageService || peer.isEmpty())
        return;
    m_messageService->markRead(peer);
}

void ChatsController::setPinned(const QString &peer, bool pinned)
{
    if (!m_messageService)
        return;
    m_messageService->setPinned(peer, pinned);
}

void ChatsController::reportMessage(qint64 messageId, int reason, const QString &text)
{
    // The open chat's message; one that never reached the server's archive (ours, still
    // sending) is reported by its sender alone.
    const QString archiveId = m_messages.archiveIdOf(messageId);
    if (auto *friendsController = friends())
        friendsController->reportWith(m_current, reason, text,
                                      archiveId.isEmpty() ? QStringList() : QStringList{archiveId});
}

} // namespace imp::app
