#pragma once

#include "GroupMemberListModel.h"
#include "GroupPickerModel.h"
#include "common/Result.h"

#include <QObject>
#include <QPointer>
#include <QQmlEngine>
#include <QVariantList>
#include <functional>

namespace imp::chat {
class ContactService;
namespace groups {
class GroupService;
struct Group;
} // namespace groups
} // namespace imp::chat

namespace imp::app {

// Groups for QML: starting a group from the friend picker, the open group's name, state and
// members, inviting, leaving, and the invitations that wait for the user's answer. Works on the
// GroupService of ChatsController's session (attach()); until then it has nothing and does
// nothing. Decides texts and states; QML only shows them.
class GroupsController : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON

    Q_PROPERTY(imp::app::GroupPickerModel *picker READ picker CONSTANT)
    Q_PROPERTY(imp::app::GroupMemberListModel *members READ members CONSTANT)
    Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)
    Q_PROPERTY(QString current READ current NOTIFY currentChanged) // "" unless a group is open
    Q_PROPERTY(QString currentName READ currentName NOTIFY currentChanged)
    // Why nothing can be sent here ("" while the group works): removed, refused, left.
    Q_PROPERTY(QString currentProblem READ currentProblem NOTIFY currentChanged)
    Q_PROPERTY(bool currentOwner READ currentOwner NOTIFY currentChanged)
    Q_PROPERTY(bool membersLoading READ membersLoading NOTIFY membersLoadingChanged)
    Q_PROPERTY(QString membersError READ membersError NOTIFY membersLoadingChanged)
    // {room, inviter, reason} for each invitation from someone who is not a friend.
    Q_PROPERTY(QVariantList invitations READ invitations NOTIFY invitationsChanged)

public:
    // Friends chosen to start a group with: at least this many besides us.
    static constexpr int MinimumToCreate = 2;

    explicit GroupsController(QObject *parent = nullptr);
    ~GroupsController() override;
    static GroupsController *create(QQmlEngine *engine, QJSEngine *);
    static GroupsController *instance(QQmlEngine *engine);

    // Starts on the signed-in session's groups (once; later calls do nothing).
    void attach(chat::groups::GroupService *groups, chat::ContactService *contacts,
                const QString &ownJid);

    GroupPickerModel *picker() { return &m_picker; }
    GroupMemberListModel *members() { return &m_members; }
    bool busy() const { return m_busy; }
    QString current() const { return m_current; }
    QString currentName() const;
    QString currentProblem() const;
    bool currentOwner() const;
    bool membersLoading() const { return m_membersLoading; }
    QString membersError() const { return m_membersError; }
    QVariantList invitations() const { return m_invitations; }

    Q_INVOKABLE bool isGroup(const QString &peer) const;
    // The chat that is open now (ChatsController calls it for every chat; "" when none).
    void setCurrent(const QString &peer);

    // The picker for a new group (nothing chosen) or for inviting to the open one (its members
    // shown as already in).
    Q_INVOKABLE void beginCreate();
    Q_INVOKABLE void beginInvite();
    Q_INVOKABLE bool canCreate() const;
    // A new group with the friends chosen in the picker: created(room) once it exists.
    Q_INVOKABLE void createFromPicker(const QString &name);
    // Invites the friends chosen in the picker to the open group.
    Q_INVOKABLE void inviteFromPicker();
    Q_INVOKABLE void refreshMembers();
    Q_INVOKABLE void leaveCurrent();
    // The owner's actions on the open group (the room refuses anyone else).
    Q_INVOKABLE void removeMember(const QString &jid);
    Q_INVOKABLE void makeOwner(const QString &jid);
    Q_INVOKABLE void rename(const QString &name);
    Q_INVOKABLE void acceptInvitation(const QString &room);
    Q_INVOKABLE void declineInvitation(const QString &room);

    // @mentions: true when the text has a fresh "@" just before `cursor` (at the start or after
    // a space), where the member picker opens; what a picked member inserts after it.
    Q_INVOKABLE static bool mentionStartsAt(const QString &text, int cursor);
    Q_INVOKABLE QString mentionOf(int memberRow) const;

    // Texts for the UI (public for tests).
    static QString problemText(const chat::groups::Group &group);
    static QString errorMessage(const QString &code);

signals:
    void busyChanged();
    void currentChanged();
    void membersLoadingChanged();
    void invitationsChanged();
    void created(const QString &room);
    void left(const QString &room);
    void notice(const QString &text);

private:
    void setBusy(bool busy);
    // Runs an owner's action on the open group: busy meanwhile, `success` or the error as a
    // notice after, and the member list read again.
    void administer(const std::function<void(std::function<void(Result<void>)>)> &action,
                    const QString &success);
    QString nameOf(const QString &jid) const;
    void reloadPicker();
    void showMembers();

    QPointer<chat::groups::GroupService> m_groups;
    QPointer<chat::ContactService> m_contacts;
    QString m_own;
    GroupPickerModel m_picker;
    GroupMemberListModel m_members;
    QString m_current;
    bool m_busy = false;
    bool m_membersLoading = false;
    QString m_membersError;
    QVariantList m_invitations;
};

} // namespace imp::app
