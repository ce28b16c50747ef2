#pragma once

#include "ContactListModel.h"
#include "RequestListModel.h"
#include "chat/Contact.h"
#include "common/Result.h"

#include <QObject>
#include <QPointer>
#include <QQmlEngine>
#include <QVariantMap>
#include <functional>
#include <optional>

namespace imp::chat {
class ContactService;
} // namespace imp::chat

namespace imp::app {

// Friends for QML: the A-Z list and the requests, looking a person up, asking, accepting and
// declining, removing, blocking and reporting. Works on the ContactService of ChatsController's
// session, which ChatsController hands over once it has started (attach()); until then the lists
// are empty and the actions do nothing. Decides texts and states; QML only shows them.
class FriendsController : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON

    Q_PROPERTY(imp::app::ContactListModel *contacts READ contacts CONSTANT)
    Q_PROPERTY(imp::app::RequestListModel *requests READ requests CONSTANT)
    Q_PROPERTY(bool lookupBusy READ lookupBusy NOTIFY lookupChanged)
    Q_PROPERTY(QString lookupError READ lookupError NOTIFY lookupChanged)
    Q_PROPERTY(QVariantMap lookupResult READ lookupResult NOTIFY lookupChanged)
    Q_PROPERTY(bool requestBusy READ requestBusy NOTIFY requestBusyChanged)

public:
    enum class ReportReason { Spam = 0, Abuse = 1 };
    Q_ENUM(ReportReason)
    // The name of a peer as the conversation list has it ("" when it has none).
    using TitleLookup = std::function<QString(const QString &jid)>;

    explicit FriendsController(QObject *parent = nullptr);
    ~FriendsController() override;
    static FriendsController *create(QQmlEngine *engine, QJSEngine *);
    static FriendsController *instance(QQmlEngine *engine);

    // Starts on the signed-in session's contacts (once; later calls do nothing). `titleOf` names
    // people who are neither friends nor requesters.
    void attach(chat::ContactService *contacts, TitleLookup titleOf);

    ContactListModel *contacts() { return &m_contacts; }
    RequestListModel *requests() { return &m_requests; }
    bool lookupBusy() const { return m_lookupBusy; }
    QString lookupError() const { return m_lookupError; }
    QVariantMap lookupResult() const;
    bool requestBusy() const { return m_requestBusy; }

    Q_INVOKABLE void lookup(const QString &idOrPhone);
    Q_INVOKABLE void clearLookup();
    Q_INVOKABLE void sendRequest(const QString &greeting);
    Q_INVOKABLE void accept(const QString &jid);
    Q_INVOKABLE void decline(const QString &jid);
    Q_INVOKABLE void removeFriend(const QString &jid);
    Q_INVOKABLE void block(const QString &jid);
    Q_INVOKABLE void unblock(const QString &jid);
    Q_INVOKABLE void report(const QString &jid, int reason, const QString &text);
    // A report naming messages of the server's archive (ChatsController reports from a message).
    void reportWith(const QString &jid, int reason, const QString &text,
                    const QStringList &archiveIds);
    // {jid, name, imptechId, initial, colorIndex, isFriend, blocked, known}
    Q_INVOKABLE QVariantMap contactInfo(const QString &jid) const;
    Q_INVOKABLE static QString badgeText(int count);
    Q_INVOKABLE QString defaultGreeting() const;

    // Messages for the UI from error codes (public for tests).
    static QString lookupMessage(const QString &code);

signals:
    void lookupChanged();
    void requestBusyChanged();
    // A short confirmation or error to show briefly ("Request sent", "Could not block…").
    void notice(const QString &text);
    void requestSent();
    void friendRemoved(const QString &jid);

private:
    QQmlEngine *engine() const;
    // Wraps a service callback so that it does nothing once this controller is gone (at
    // shutdown the account, which holds pending callbacks, can outlive it).
    template <class F> auto guarded(F f)
    {
        return [self = QPointer<FriendsController>(this), f = std::move(f)](auto &&...args) {
            if (self)
                f(std::forward<decltype(args)>(args)...);
        };
    }
    void refreshContacts();
    void refreshRequests();
    void setRequestBusy(bool busy);
    std::function<void(Result<void>)> reportFailure(const QString &message);

    QQmlEngine *m_engine = nullptr;
    // Owned by ChatsController's session, which may go first at shutdown.
    QPointer<chat::ContactService> m_contactService;
    TitleLookup m_titleOf;
    ContactListModel m_contacts;
    RequestListModel m_requests;
    bool m_lookupBusy = false;
    QString m_lookupError;
    std::optional<chat::DirectoryUser> m_lookupUser;
    bool m_requestBusy = false;
};

} // namespace imp::app
