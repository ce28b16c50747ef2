#pragma once

#include "ContactListModel.h"
#include "ConversationListModel.h"
#include "MessageListModel.h"
#include "RequestListModel.h"
#include "chat/Contact.h"

#include <QObject>
#include <QPointer>
#include <QQmlEngine>
#include <QTimer>
#include <QVariantMap>
#include <memory>

namespace imp::chat {
class ContactService;
class MessageService;
} // namespace imp::chat

namespace imp::app {

// The signed-in part of the app: owns MessageService and ContactService once the account is
// registered (start()), and gives QML the conversation, message, contact and request lists and
// the actions on them. Decides texts and states; QML only shows them.
class ChatsController : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON

    Q_PROPERTY(bool started READ started NOTIFY startedChanged)
    Q_PROPERTY(imp::app::ConversationListModel *conversations READ conversations CONSTANT)
    Q_PROPERTY(imp::app::MessageListModel *messages READ messages CONSTANT)
    Q_PROPERTY(imp::app::ContactListModel *contacts READ contacts CONSTANT)
    Q_PROPERTY(imp::app::RequestListModel *requests READ requests CONSTANT)
    Q_PROPERTY(QString currentPeer READ currentPeer NOTIFY currentChanged)
    Q_PROPERTY(QString currentTitle READ currentTitle NOTIFY currentChanged)
    Q_PROPERTY(bool peerTyping READ peerTyping NOTIFY typingChanged)
    Q_PROPERTY(QString storageError READ storageError NOTIFY storageErrorChanged)
    Q_PROPERTY(bool syncing READ syncing NOTIFY syncChanged)
    Q_PROPERTY(QString syncText READ syncText NOTIFY syncChanged)
    Q_PROPERTY(int outboxPending READ outboxPending NOTIFY outboxChanged)
    Q_PROPERTY(bool lookupBusy READ lookupBusy NOTIFY lookupChanged)
    Q_PROPERTY(QString lookupError READ lookupError NOTIFY lookupChanged)
    Q_PROPERTY(QVariantMap lookupResult READ lookupResult NOTIFY lookupChanged)
    Q_PROPERTY(bool requestBusy READ requestBusy NOTIFY requestBusyChanged)

public:
    enum class ReportReason { Spam = 0, Abuse = 1 };
    Q_ENUM(ReportReason)

    explicit ChatsController(QObject *parent = nullptr);
    ~ChatsController() override;
    static ChatsController *create(QQmlEngine *engine, QJSEngine *);
    static ChatsController *instance(QQmlEngine *engine);

    bool started() const { return m_messageService != nullptr; }
    ConversationListModel *conversations() { return &m_conversations; }
    MessageListModel *messages() { return &m_messages; }
    ContactListModel *contacts() { return &m_contacts; }
    RequestListModel *requests() { return &m_requests; }
    QString currentPeer() const { return m_current; }
    QString currentTitle() const;
    bool peerTyping() const { return m_peerTyping; }
    QString storageError() const { return m_storageError; }
    bool syncing() const { return m_syncing; }
    QString syncText() const;
    int outboxPending() const;
    bool lookupBusy() const { return m_lookupBusy; }
    QString lookupError() const { return m_lookupError; }
    QVariantMap lookupResult() const;
    bool requestBusy() const { return m_requestBusy; }

    // Creates and starts the services on the signed-in account (once; later calls do nothing).
    Q_INVOKABLE void start();
    chat::MessageService *messageService() const { return m_messageService.get(); }
    chat::ContactService *contactService() const { return m_contactService.get(); }

    // Chat
    Q_INVOKABLE void openChat(const QString &peer);
    Q_INVOKABLE void closeChat();
    Q_INVOKABLE bool send(const QString &text);
    Q_INVOKABLE void setComposing(bool composing);
    Q_INVOKABLE void recall(qint64 messageId);
    Q_INVOKABLE void deleteLocally(qint64 messageId);
    Q_INVOKABLE void copyText(const QString &text);
    Q_INVOKABLE void markRead(const QString &peer);
    Q_INVOKABLE void setPinned(const QString &peer, bool pinned);
    Q_INVOKABLE void dismissStorageError();

    // Friends
    Q_INVOKABLE void lookup(const QString &idOrPhone);
    Q_INVOKABLE void clearLookup();
    Q_INVOKABLE void sendRequest(const QString &greeting);
    Q_INVOKABLE void accept(const QString &jid);
    Q_INVOKABLE void decline(const QString &jid);
    Q_INVOKABLE void removeFriend(const QString &jid);
    Q_INVOKABLE void block(const QString &jid);
    Q_INVOKABLE void unblock(const QString &jid);
    Q_INVOKABLE void report(const QString &jid, int reason, const QString &text);
    // Reports the sender of a message in the open chat, naming that message (XEP-0377).
    Q_INVOKABLE void reportMessage(qint64 messageId, int reason, const QString &text);
    // {jid, name, imptechId, initial, colorIndex, isFriend, blocked, known}
    Q_INVOKABLE QVariantMap contactInfo(const QString &jid) const;
    Q_INVOKABLE static QString badgeText(int count);
    Q_INVOKABLE QString defaultGreeting() const;

    // Messages for the UI from error codes (public for tests).
    static QString lookupMessage(const QString &code);
    static QString storageMessage(const QString &code);

signals:
    void startedChanged();
    void currentChanged();
    void typingChanged();
    void storageErrorChanged();
    void syncChanged();
    void outboxChanged();
    void lookupChanged();
    void requestBusyChanged();
    // A short confirmation or error to show briefly ("Request sent", "Could not recall…").
    void notice(const QString &text);
    void requestSent();
    void friendRemoved(const QString &jid);

private:
    void reportWith(const QString &jid, int reason, const QString &text,
                    const QStringList &archiveIds);
    QQmlEngine *engine() const;
    // Wraps a service callback so that it does nothing once this controller is gone (at
    // shutdown the account, which holds pending callbacks, can outlive it).
    template <class F> auto guarded(F f)
    {
        return [self = QPointer<ChatsController>(this), f = std::move(f)](auto &&...args) {
            if (self)
                f(std::forward<decltype(args)>(args)...);
        };
    }
    void refreshContacts();
    void refreshRequests();
    void setRequestBusy(bool busy);
    std::function<void(Result<void>)> reportFailure(const QString &message);

    QQmlEngine *m_engine = nullptr;
    std::unique_ptr<chat::MessageService> m_messageService;
    std::unique_ptr<chat::ContactService> m_contactService;
    ConversationListModel m_conversations;
    MessageListModel m_messages;
    ContactListModel m_contacts;
    RequestListModel m_requests;
    QTimer m_clock;
    QString m_current;
    bool m_peerTyping = false;
    QString m_storageError;
    bool m_syncing = false;
    int m_syncDone = 0;
    int m_syncTotal = -1;
    bool m_lookupBusy = false;
    QString m_lookupError;
    std::optional<chat::DirectoryUser> m_lookupUser;
    bool m_requestBusy = false;
};

} // namespace imp::app
