#include "ChatsController.h"

#include "TextFormat.h"
#include "TimeText.h"
#include "account/PhoneNumbers.h"
#include "chat/ContactService.h"
#include "chat/MessageService.h"
#include "common/Log.h"
#include "onboarding/OnboardingController.h"
#include "onboarding/SignupController.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QPointer>
#include <QRegularExpression>

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
    m_messageService = std::make_unique<chat::MessageService>(profile, account);
    m_contactService = std::make_unique<chat::ContactService>(profile, account);
    auto *messages = m_messageService.get();
    auto *contacts = m_contactService.get();

    // XEP-0352: the server may hold back presence and chat states while we are in the
    // background; a chat that is open when the window comes back is read then.
    QPointer<xmpp::XmppClient> client = &account.xmpp();
    client->setClientActive(QGuiApplication::applicationState() == Qt::ApplicationActive);
    connect(qGuiApp, &QGuiApplication::applicationStateChanged, this,
            [this, client](Qt::ApplicationState state) {
                const bool active = state == Qt::ApplicationActive;
                if (client)
                    client->setClientActive(active);
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
            [this](const chat::Message &message) {
                m_messages.change(message);
                // The row's ticks follow the newest own message's delivery state.
                auto c = m_conversations.find(message.peer);
                if (c && message.outgoing && c->lastOutgoing && message.time >= c->lastActivity &&
                    c->lastState != message.state) {
                    c->lastState = message.state;
                    if (message.recalled)
                        c->previewRecalled = true;
                    m_conversations.upsert(*c);
                }
            });
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

    connect(contacts, &chat::ContactService::contactsChanged, this,
            &ChatsController::refreshContacts);
    connect(contacts, &chat::ContactService::requestsChanged, this,
            &ChatsController::refreshRequests);
    connect(contacts, &chat::ContactService::titleChanged, this,
            [this](const QString &jid, const QString &title) {
                m_messageService->setTitle(jid, title);
                if (jid == m_current)
                    emit currentChanged();
            });

    m_contactService->start();
    m_messageService->start();
    refreshContacts();
    refreshRequests();
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

void ChatsController::refreshContacts()
{
    m_contacts.setContacts(m_contactService->contacts());
    if (m_lookupUser)
        emit lookupChanged(); // "already a friend" may have changed
    if (!m_current.isEmpty())
        emit currentChanged();
}

void ChatsController::refreshRequests()
{
    m_requests.setRequests(m_contactService->requests());
}

QString ChatsController::currentTitle() const
{
    if (m_current.isEmpty())
        return {};
    const QString title = m_conversations.titleOf(m_current);
    if (!title.isEmpty())
        return title;
    return contactInfo(m_current).value("name").toString();
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
    return ConversationListModel::badgeText(count);
}

QString ChatsController::storageMessage(const QString &code)
{
    if (code == "store.disk_full")
        return tr("This device is out of space. New messages wait on the server until you free "
                  "some space.");
    return tr("Messages could not be saved on this device. They wait on the server; nothing is "
              "lost.");
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
    m_messages.open(peer);
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
    return m_messageService->send(m_current, text);
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
    if (auto c = m_conversations.find(peer); c && c->unread > 0) {
        c->unread = 0; // at once; the service confirms with conversationChanged
        m_conversations.upsert(*c);
    }
    m_messageService->markRead(peer);
}

void ChatsController::setPinned(const QString &peer, bool pinned)
{
    if (!m_messageService)
        return;
    if (auto c = m_conversations.find(peer)) {
        c->pinned = pinned;
        m_conversations.upsert(*c);
    }
    m_messageService->setPinned(peer, pinned);
}

// ---- friends

QString ChatsController::lookupMessage(const QString &code)
{
    if (code == "directory.not_found")
        return tr("No user with this ID or number. Check it and try again.");
    if (code == "directory.rate_limited")
        return tr("Too many searches. Try again later.");
    if (code == "directory.bad_query")
        return tr("Enter an IMpTech ID or a mobile number.");
    return tr("Could not search. Check the connection and try again.");
}

void ChatsController::lookup(const QString &idOrPhone)
{
    QString query = idOrPhone.trimmed();
    m_lookupUser.reset();
    m_lookupError.clear();
    if (query.isEmpty()) {
        emit lookupChanged();
        return;
    }
    // Digits (with spaces, dashes or a +) are a phone number; anything else is an ID.
    static const QRegularExpression phoneLike(QStringLiteral(R"(^\+?[\d\s-]{5,}$)"));
    if (phoneLike.match(query).hasMatch()) {
        const auto check = account::PhoneNumbers::validateMobile(query, QStringLiteral("CN"));
        if (!check.ok) {
            m_lookupError = tr("This is not a valid mobile number.");
            emit lookupChanged();
            return;
        }
        query = check.e164;
    }
    if (!m_contactService) {
        m_lookupError = lookupMessage("xmpp.offline");
        emit lookupChanged();
        return;
    }
    m_lookupBusy = true;
    emit lookupChanged();
    m_contactService->lookup(query, guarded([this](Result<chat::DirectoryUser> user) {
                                 m_lookupBusy = false;
                                 if (user)
                                     m_lookupUser = *user;
                                 else
                                     m_lookupError =
                                         lookupMessage(QString::fromStdString(user.error().code));
                                 emit lookupChanged();
                             }));
}

void ChatsController::clearLookup()
{
    m_lookupUser.reset();
    m_lookupError.clear();
    m_lookupBusy = false;
    emit lookupChanged();
}

QVariantMap ChatsController::lookupResult() const
{
    if (!m_lookupUser)
        return {};
    QVariantMap map = contactInfo(m_lookupUser->jid);
    const QString name =
        m_lookupUser->nickname.isEmpty() ? m_lookupUser->imptechId : m_lookupUser->nickname;
    map.insert("name", name);
    map.insert("imptechId", m_lookupUser->imptechId);
    map.insert("initial", TextFormat::initial(name));
    auto *signup = SignupController::instance(engine());
    map.insert("isSelf", signup && signup->jid() == m_lookupUser->jid);
    return map;
}

QString ChatsController::defaultGreeting() const
{
    auto *signup = SignupController::instance(engine());
    const QString me = signup ? signup->nickname() : QString();
    return me.isEmpty() ? tr("Hi, let's be friends") : tr("Hi, I'm %1").arg(me);
}

void ChatsController::setRequestBusy(bool busy)
{
    if (m_requestBusy != busy) {
        m_requestBusy = busy;
        emit requestBusyChanged();
    }
}

void ChatsController::sendRequest(const QString &greeting)
{
    if (!m_contactService || !m_lookupUser || m_requestBusy)
        return;
    setRequestBusy(true);
    m_contactService->sendRequest(*m_lookupUser, greeting.trimmed(),
                                  guarded([this](Result<void> done) {
                                      setRequestBusy(false);
                                      if (!done) {
                                          emit notice(tr("Could not send the request. Try again."));
                                          return;
                                      }
                                      emit notice(tr("Request sent"));
                                      emit requestSent();
                                  }));
}

std::function<void(Result<void>)> ChatsController::reportFailure(const QString &message)
{
    return guarded([this, message](Result<void> done) {
        setRequestBusy(false);
        if (!done)
            emit notice(message);
    });
}

void ChatsController::accept(const QString &jid)
{
    if (!m_contactService)
        return;
    setRequestBusy(true);
    m_contactService->accept(jid, reportFailure(tr("Could not accept. Try again.")));
}

void ChatsController::decline(const QString &jid)
{
    if (!m_contactService)
        return;
    setRequestBusy(true);
    m_contactService->decline(jid, reportFailure(tr("Could not decline. Try again.")));
}

void ChatsController::removeFriend(const QString &jid)
{
    if (!m_contactService)
        return;
    setRequestBusy(true);
    m_contactService->removeFriend(jid, guarded([this, jid](Result<void> done) {
                                       setRequestBusy(false);
                                       if (!done)
                                           return emit notice(
                                               tr("Could not remove this friend. Try again."));
                                       emit friendRemoved(jid);
                                   }));
}

void ChatsController::block(const QString &jid)
{
    if (!m_contactService)
        return;
    setRequestBusy(true);
    m_contactService->block(jid, guarded([this](Result<void> done) {
                                setRequestBusy(false);
                                emit notice(done ? tr("Blocked. You will not get their messages.")
                                                 : tr("Could not block. Try again."));
                            }));
}

void ChatsController::unblock(const QString &jid)
{
    if (!m_contactService)
        return;
    setRequestBusy(true);
    m_contactService->unblock(jid, reportFailure(tr("Could not unblock. Try again.")));
}

void ChatsController::report(const QString &jid, int reason, const QString &text)
{
    reportWith(jid, reason, text, {});
}

void ChatsController::reportMessage(qint64 messageId, int reason, const QString &text)
{
    // The open chat's message; one that never reached the server's archive (ours, still
    // sending) is reported by its sender alone.
    const QString archiveId = m_messages.archiveIdOf(messageId);
    reportWith(m_current, reason, text,
               archiveId.isEmpty() ? QStringList() : QStringList{archiveId});
}

void ChatsController::reportWith(const QString &jid, int reason, const QString &text,
                                 const QStringList &archiveIds)
{
    if (!m_contactService || jid.isEmpty())
        return;
    setRequestBusy(true);
    const auto why = reason == static_cast<int>(ReportReason::Abuse)
                         ? chat::ContactService::ReportReason::Abuse
                         : chat::ContactService::ReportReason::Spam;
    m_contactService->report(jid, why, text.trimmed(), archiveIds,
                             guarded([this](Result<void> done) {
                                 setRequestBusy(false);
                                 emit notice(done ? tr("Reported. Thank you.")
                                                  : tr("Could not send the report. Try again."));
                             }));
}

QVariantMap ChatsController::contactInfo(const QString &jid) const
{
    QVariantMap map{{"jid", jid}, {"colorIndex", TextFormat::colorIndex(jid)}};
    std::optional<chat::Contact> contact;
    if (m_contactService)
        contact = m_contactService->contact(jid);
    QString name;
    if (contact) {
        name = contact->displayName();
        map.insert("imptechId", contact->imptechId);
        map.insert("isFriend", contact->isFriend());
        map.insert("blocked", contact->blocked);
        map.insert("pending", contact->requestPending);
        map.insert("known", true);
    } else if (const auto request = m_requests.find(jid)) {
        name = !request->nickname.isEmpty()    ? request->nickname
               : !request->imptechId.isEmpty() ? request->imptechId
                                               : jid.section('@', 0, 0);
        map.insert("imptechId", request->imptechId);
        map.insert("isFriend", false);
        map.insert("blocked", false);
        map.insert("known", true);
    } else {
        name = m_conversations.titleOf(jid);
        if (name.isEmpty())
            name = jid.section('@', 0, 0);
        map.insert("imptechId", QString());
        map.insert("isFriend", false);
        map.insert("blocked", false);
        map.insert("known", false);
    }
    map.insert("name", name);
    map.insert("initial", TextFormat::initial(name));
    return map;
}

} // namespace imp::app
