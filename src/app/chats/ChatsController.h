#pragma once

#include "ConversationListModel.h"
#include "MessageListModel.h"

#include <QObject>
#include <QPointer>
#include <QQmlEngine>
#include <QTimer>
#include <memory>

namespace imp::chat {
class ChatSession;
class ContactService;
class MessageService;
} // namespace imp::chat

namespace imp::app {

class FriendsController;

// The signed-in part of the app: owns the ChatSession (messages and contacts) once the account is
// registered (start()), hands its contacts to FriendsController, and gives QML the conversation
// and message lists and the actions on them. Decides texts and states; QML only shows them.
class ChatsController : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON

    Q_PROPERTY(bool started READ started NOTIFY startedChanged)
    Q_PROPERTY(imp::app::ConversationListModel *conversations READ conversations CONSTANT)
    Q_PROPERTY(imp::app::MessageListModel *messages READ messages CONSTANT)
    Q_PROPERTY(QString currentPeer READ currentPeer NOTIFY currentChanged)
    Q_PROPERTY(QString currentTitle READ currentTitle NOTIFY currentChanged)
    Q_PROPERTY(bool peerTyping READ peerTyping NOTIFY typingChanged)
    Q_PROPERTY(QString storageError READ storageError NOTIFY storageErrorChanged)
    Q_PROPERTY(bool syncing READ syncing NOTIFY syncChanged)
    Q_PROPERTY(QString syncText READ syncText NOTIFY syncChanged)
    Q_PROPERTY(int outboxPending READ outboxPending NOTIFY outboxChanged)

public:
    explicit ChatsController(QObject *parent = nullptr);
    ~ChatsController() override;
    static ChatsController *create(QQmlEngine *engine, QJSEngine *);
    static ChatsController *instance(QQmlEngine *engine);

    bool started() const { return m_messageService != nullptr; }
    ConversationListModel *conversations() { return &m_conversations; }
    MessageListModel *messages() { return &m_messages; }
    QString currentPeer() const { return m_current; }
    QString currentTitle() const;
    bool peerTyping() const { return m_peerTyping; }
    QString storageError() const { return m_storageError; }
    bool syncing() const { return m_syncing; }
    QString syncText() const;
    int outboxPending() const;

    // Creates and starts the services on the signed-in account (once; later calls do nothing).
    Q_INVOKABLE void start();
    chat::MessageService *messageService() const { return m_messageService; }
    chat::ChatSession *session() const { return m_session.get(); }
    chat::ContactService *contactService() const { return m_contactService; }

    // Chat
    Q_INVOKABLE void openChat(const QString &peer);
    Q_INVOKABLE void closeChat();
    Q_INVOKABLE bool send(const QString &text);
    Q_INVOKABLE void setComposing(bool composing);
    Q_INVOKABLE void recall(qint64 messageId);
    // A tap on an attachment: one whose upload failed is uploaded again, one not here is
    // fetched (a file, or a voice note or photo whose fetch failed). True if it did either.
    Q_INVOKABLE bool activateAttachment(qint64 messageId);
    Q_INVOKABLE void deleteLocally(qint64 messageId);
    Q_INVOKABLE void copyText(const QString &text);
    Q_INVOKABLE void markRead(const QString &peer);
    Q_INVOKABLE void setPinned(const QString &peer, bool pinned);
    Q_INVOKABLE void dismissStorageError();
    // Reports the sender of a message in the open chat, naming that message (XEP-0377), through
    // FriendsController (its notice tells how it went).
    Q_INVOKABLE void reportMessage(qint64 messageId, int reason, const QString &text);
    Q_INVOKABLE static QString badgeText(int count);

    // Messages for the UI from error codes (public for tests).
    static QString storageMessage(const QString &code);
    static QString uploadMessage(const QString &code);

signals:
    void startedChanged();
    void currentChanged();
    void typingChanged();
    void storageErrorChanged();
    void syncChanged();
    void outboxChanged();
    // A short confirmation or error to show briefly ("Copied", "Could not recall…").
    void notice(const QString &text);

private:
    QQmlEngine *engine() const;
    FriendsController *friends() const;
    // Wraps a service callback so that it does nothing once this controller is gone (at
    // shutdown the account, which holds pending callbacks, can outlive it).
    template <class F> auto guarded(F f)
    {
        return [self = QPointer<ChatsController>(this), f = std::move(f)](auto &&...args) {
            if (self)
                f(std::forward<decltype(args)>(args)...);
        };
    }

    QQmlEngine *m_engine = nullptr;
    std::unique_ptr<chat::ChatSession> m_session;
    chat::MessageService *m_messageService = nullptr; // of m_session
    chat::ContactService *m_contactService = nullptr; // of m_session
    ConversationListModel m_conversations;
    MessageListModel m_messages;
    QTimer m_clock;
    QString m_current;
    bool m_peerTyping = false;
    QString m_storageError;
    bool m_syncing = false;
    int m_syncDone = 0;
    int m_syncTotal = -1;
};

} // namespace imp::app
