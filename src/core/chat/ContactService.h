#pragma once

#include "chat/AccountService.h"
#include "chat/Contact.h"
#include "common/Result.h"

#include <QFuture>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <functional>
#include <memory>

namespace imp::xmpp {
class XmlElement;
struct RosterItem;
class Jid;
class StanzaChannel;
} // namespace imp::xmpp

namespace imp::chat {

class Keyring;
class Profile;

// Friends (the 关系链): directory lookup, friend requests as presence subscriptions with a
// greeting, the roster, blocking (XEP-0191) and reporting (XEP-0377). Kept in the encrypted
// `contacts` and `requests` tables so the lists show offline.
class ContactService : public QObject {
    Q_OBJECT

public:
    enum class ReportReason { Spam, Abuse };

    ContactService(std::shared_ptr<Profile> profile, AccountService &account,
                   QObject *parent = nullptr);
    // Over any XMPP session (tests use an in-process one); `account` gives our JID, domain and
    // nickname when needed, since they may change after construction.
    ContactService(std::shared_ptr<Profile> profile, xmpp::StanzaChannel &channel,
                   std::function<AccountService::Account()> account, QObject *parent = nullptr);
    ~ContactService() override;

    // Loads the stored lists and hooks into the XMPP session; call once after the account loaded.
    void start();

    QList<Contact> contacts() const;       // everyone known (friends first is the UI's job)
    QList<FriendRequest> requests() const; // newest first
    int pendingIncoming() const;           // the badge
    std::optional<Contact> contact(const QString &jid) const;

    // Finds a user by IMpTech ID or by phone number (E.164, only where the owner allows it).
    // Errors: directory.not_found, directory.rate_limited, directory.bad_query, xmpp.*.
    void lookup(const QString &idOrPhone, std::function<void(Result<DirectoryUser>)> done);
    // Sends a friend request with a greeting (presence subscription + roster entry).
    void sendRequest(const DirectoryUser &user, const QString &greeting,
                     std::function<void(Result<void>)> done);
    // Accepts an incoming request: approves their subscription and subscribes back.
    void accept(const QString &jid, std::function<void(Result<void>)> done);
    void decline(const QString &jid, std::function<void(Result<void>)> done);
    void removeFriend(const QString &jid, std::function<void(Result<void>)> done);
    void block(const QString &jid, std::function<void(Result<void>)> done);
    void unblock(const QString &jid, std::function<void(Result<void>)> done);
    // Reports (and blocks) a user, with a reason, an optional text (8.5) and the reported
    // messages' archive ids (may be empty).
    void report(const QString &jid, ReportReason reason, const QString &text,
                const QStringList &archiveIds, std::function<void(Result<void>)> done);

signals:
    void contactsChanged();
    void requestsChanged();
    // A friend's nickname became known or changed (conversation titles follow it).
    void titleChanged(const QString &jid, const QString &title);
    void requestReceived(const imp::chat::FriendRequest &request);

private:
    void onSessionStarted(bool resumed);
    void onStanza(const xmpp::XmlElement &stanza);
    xmpp::XmlElement onRosterPush(const xmpp::XmlElement &iq);
    xmpp::XmlElement onBlockingPush(const xmpp::XmlElement &iq);
    void applyRosterItem(const xmpp::RosterItem &item);
    // <lookup by='value'/> in the directory (by: imptech-id, phone or jid).
    void directoryLookup(const QString &by, const QString &value,
                         std::function<void(Result<DirectoryUser>)> done);
    // Fills in the IMpTech ID (and nickname, if unknown) of a requester or friend.
    void completeProfile(const QString &jid);
    void changeBlocking(const xmpp::Jid &jid, const xmpp::XmlElement &iq, bool blocked,
                        std::function<void(Result<void>)> done);
    void storeContact(const Contact &contact);
    void forgetContact(const QString &jid);
    void storeRequest(const FriendRequest &request);
    void setRequestState(const QString &jid, FriendRequest::State state);

    std::shared_ptr<Profile> m_profile;
    std::function<AccountService::Account()> m_account;
    QPointer<xmpp::StanzaChannel> m_client;   // null once the account's client is gone
    std::shared_ptr<Keyring> m_keys;          // shared with database-thread tasks
    QHash<QString, Contact> m_contacts;       // by bare JID
    QHash<QString, FriendRequest> m_requests; // by bare JID
    QSet<QString> m_profileLookups;           // JIDs with a directory lookup in flight
};

} // namespace imp::chat
