#pragma once

#include "chat/Attachment.h"
#include "chat/Message.h"
#include "chat/groups/Group.h"
#include "chat/groups/GroupStanzaCodec.h"
#include "common/Result.h"

#include <QHash>
#include <QObject>
#include <QTimer>
#include <functional>
#include <map>
#include <memory>

namespace imp::chat::messages {
struct InboundItem;
struct MessageContext;
class Outbox;
} // namespace imp::chat::messages

namespace imp::chat::groups {

class GroupAdmin;
class GroupInbound;

// Private groups on the groups service (server/README.md "Group chats"), beside one-to-one
// chat and on the same parts: the same store, conversation ledger and outbox, and a pipeline of
// the same stages with a reflection stage instead of receipts. It keeps the account's groups
// (XEP-0402 bookmarks), joins each with no MUC history and reads what was missed from the
// room's archive before anything is sent there, rejoins after a dropped connection or a
// failed self-ping (XEP-0410), and creates, invites, sends and leaves.
class GroupService : public QObject {
    Q_OBJECT
public:
    struct Member {
        QString nick;
        QString jid; // bare, when the room names it
        QString affiliation;
        bool present = false;
    };
    struct Options {
        std::function<QString()> ownName;                   // our nickname in new rooms
        std::function<QString(const QString &jid)> nameOf;  // a friend's name (auto names)
        std::function<bool(const QString &inviter)> trusts; // join without asking
        std::chrono::milliseconds selfPingInterval = std::chrono::minutes(3);
    };

    GroupService(messages::MessageContext &context, messages::Outbox &outbox,
                 std::function<void(const Message &)> added, Options options,
                 QObject *parent = nullptr);
    ~GroupService() override;

    // "groups." + our domain; call once the account is known (before start()).
    void start(const QString &groupsDomain);
    const QString &domain() const { return m_domain; }
    bool isGroup(const QString &peer) const;

    // The account's bookmarks have been read in this run (the list is complete).
    bool isLoaded() const { return m_loaded; }
    QList<Group> groups() const;
    std::optional<Group> group(const QString &room) const;
    // Members present now, and those the room lists (members, admins, owners) after
    // fetchMembers().
    QList<Member> members(const QString &room) const;
    void fetchMembers(const QString &room, std::function<void(Result<QList<Member>>)> done);

    // A new private group with these friends: done(room) once it exists and they are invited.
    // An empty name is made from the members' names.
    void create(const QString &name, const QStringList &members,
                std::function<void(Result<QString>)> done);
    // A mediated invitation: it makes the invitee a member (errors: groups.not_allowed for a
    // minor who does not know us, groups.full past 500 members).
    void invite(const QString &room, const QString &jid, std::function<void(Result<void>)> done);
    bool send(const QString &room, const QString &text);
    bool sendAttachment(const QString &room, const Attachment &attachment);
    // Gives up membership on the server, leaves and forgets the group on every device.
    void leave(const QString &room, std::function<void(Result<void>)> done);
    void acceptInvitation(const QString &room);
    // Removing members, handing the group over, renaming (owners and admins).
    GroupAdmin &admin() { return *m_admin; }

signals:
    void loaded();
    void groupChanged(const imp::chat::groups::Group &group);
    void groupRemoved(const QString &room);
    void membersChanged(const QString &room);
    // From someone we do not trust to add us: the user decides (acceptInvitation).
    void invitationReceived(const QString &room, const QString &inviter, const QString &reason);
    void storageError(const QString &code);

private:
    struct Room;
    struct Creation;
    void onSessionStarted(bool resumed);
    void onStanza(const xmpp::XmlElement &stanza);
    void onEvent(const GroupEvent &event);
    void onJoined(Room &room, const GroupEvent &event);
    void onInvitation(const GroupEvent &event);
    void join(Room &room);
    void catchUp(const QString &room);
    void readName(const QString &room);
    void adopt(const QString &room, const QString &name, const QString &nick);
    void publishBookmark(const Room &room);
    void selfPing();
    void setState(Room &room, Group::State state, const QString &error = {});
    void publishReady();
    std::optional<messages::InboundItem> itemOf(const GroupEvent &event) const;
    Room *roomOf(const QString &room);

    messages::MessageContext &m_context;
    messages::Outbox &m_outbox;
    Options m_options;
    QString m_domain;
    std::unique_ptr<GroupInbound> m_inbound;
    std::unique_ptr<GroupAdmin> m_admin;
    std::map<QString, std::unique_ptr<Room>> m_rooms;
    QHash<QString, std::shared_ptr<Creation>> m_creations; // by room
    QTimer m_selfPing;
    bool m_loaded = false;
};

} // namespace imp::chat::groups
