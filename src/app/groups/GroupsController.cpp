#include "GroupsController.h"

#include "TextFormat.h"
#include "chat/ContactService.h"
#include "chat/groups/GroupAdmin.h"
#include "chat/groups/GroupService.h"
#include "common/Log.h"

namespace imp::app {

using chat::groups::Group;

GroupsController::GroupsController(QObject *parent)
    : QObject(parent)
{
    m_members.setNameLookup([this](const QString &jid) {
        // We are listed by JID: shown by the nickname we have in the room.
        if (jid == m_own && m_groups) {
            const auto group = m_groups->group(m_current);
            return group ? group->nick : QString();
        }
        return nameOf(jid);
    });
}

GroupsController::~GroupsController() = default;

GroupsController *GroupsController::create(QQmlEngine *, QJSEngine *)
{
    auto *controller = new GroupsController;
    QJSEngine::setObjectOwnership(controller, QJSEngine::JavaScriptOwnership);
    return controller;
}

GroupsController *GroupsController::instance(QQmlEngine *engine)
{
    if (!engine)
        return nullptr;
    const int typeId = qmlTypeId("IMpTech.Groups", 1, 0, "GroupsController");
    return typeId < 0 ? nullptr : engine->singletonInstance<GroupsController *>(typeId);
}

void GroupsController::attach(chat::groups::GroupService *groups, chat::ContactService *contacts,
                              const QString &ownJid)
{
    if (m_groups || !groups || !contacts)
        return;
    m_groups = groups;
    m_contacts = contacts;
    m_own = ownJid;
    connect(contacts, &chat::ContactService::contactsChanged, this, [this] {
        reloadPicker();
        showMembers();
    });
    connect(groups, &chat::groups::GroupService::groupChanged, this, [this](const Group &group) {
        if (group.room == m_current)
            emit currentChanged();
    });
    connect(groups, &chat::groups::GroupService::groupRemoved, this, [this](const QString &room) {
        if (room == m_current)
            emit currentChanged();
    });
    connect(groups, &chat::groups::GroupService::membersChanged, this, [this](const QString &room) {
        if (room == m_current)
            showMembers();
    });
    connect(groups, &chat::groups::GroupService::invitationReceived, this,
            [this](const QString &room, const QString &inviter, const QString &reason) {
                for (const auto &entry : std::as_const(m_invitations))
                    if (entry.toMap().value("room") == room)
                        return;
                // Not a friend, but maybe someone who asked to be one: named as we know them.
                const auto known = m_contacts ? m_contacts->contact(inviter) : std::nullopt;
                const QString name = TextFormat::safeName(known ? known->displayName() : QString());
                m_invitations.append(
                    QVariantMap{{"room", room},
                                {"inviter", name.isEmpty() ? inviter.section('@', 0, 0) : name},
                                {"reason", reason.left(200)}});
                emit invitationsChanged();
            });
    reloadPicker();
}

QString GroupsController::nameOf(const QString &jid) const
{
    if (!m_contacts)
        return {};
    const auto contact = m_contacts->contact(jid);
    return contact && contact->isFriend() ? contact->displayName() : QString();
}

void GroupsController::reloadPicker()
{
    if (m_contacts)
        m_picker.setContacts(m_contacts->contacts());
}

bool GroupsController::isGroup(const QString &peer) const
{
    return m_groups && !peer.isEmpty() && m_groups->isGroup(peer);
}

void GroupsController::setCurrent(const QString &peer)
{
    const QString room = isGroup(peer) ? peer : QString();
    if (room == m_current)
        return;
    m_current = room;
    m_members.setMembers({}, m_own);
    m_membersError.clear();
    emit currentChanged();
    if (!room.isEmpty())
        refreshMembers();
}

QString GroupsController::currentName() const
{
    if (!m_groups || m_current.isEmpty())
        return {};
    const auto group = m_groups->group(m_current);
    return group ? group->name : QString();
}

QString GroupsController::currentProblem() const
{
    if (!m_groups || m_current.isEmpty())
        return {};
    const auto group = m_groups->group(m_current);
    // Once the bookmarks are read, a group that is not among them is one we left.
    if (!group)
        return m_groups->isLoaded() ? tr("You are no longer in this group.") : QString();
    return problemText(*group);
}

bool GroupsController::currentOwner() const
{
    if (!m_groups || m_current.isEmpty())
        return false;
    const auto group = m_groups->group(m_current);
    return group && group->owner;
}

QString GroupsController::problemText(const Group &group)
{
    const QString reason = group.error.section(':', 1).trimmed().left(200);
    const auto withReason = [&reason](const QString &text) {
        return reason.isEmpty() ? text : tr("%1 Reason: %2").arg(text, reason);
    };
    if (group.state == Group::State::Removed) {
        const QString code = group.error.section(':', 0, 0);
        if (code == QLatin1String("destroyed"))
            return tr("This group was deleted by its owner.");
        if (code == QLatin1String("301"))
            return withReason(tr("You were banned from this group."));
        if (code == QLatin1String("332"))
            return tr("The group service is shutting down. You will rejoin when it is back.");
        return withReason(tr("You were removed from this group."));
    }
    if (group.state == Group::State::Failed) {
        if (group.error == QLatin1String("registration-required") ||
            group.error == QLatin1String("forbidden"))
            return tr("You are not a member of this group.");
        if (group.error == QLatin1String("item-not-found"))
            return tr("This group no longer exists.");
        if (group.error == QLatin1String("service-unavailable"))
            return tr("This group is full.");
        return tr("This group cannot be opened right now.");
    }
    return {};
}

QString GroupsController::errorMessage(const QString &code)
{
    if (code == QLatin1String("groups.not_allowed"))
        return tr("They cannot be added to this group. A minor can only be added by a friend.");
    if (code == QLatin1String("groups.full"))
        return tr("This group is full (500 members at most).");
    if (code == QLatin1String("groups.last_owner"))
        return tr("You own this group. Make another member the owner before you leave.");
    if (code == QLatin1String("groups.not_allowed_admin"))
        return tr("Only the group's owner can do this.");
    if (code == QLatin1String("groups.not_found"))
        return tr("This group no longer exists.");
    if (code.startsWith(QLatin1String("xmpp.not_connected")) ||
        code.startsWith(QLatin1String("xmpp.iq_timeout")))
        return tr("You are offline. Try again when you are connected.");
    return tr("Something went wrong. Try again.");
}

void GroupsController::setBusy(bool busy)
{
    if (busy == m_busy)
        return;
    m_busy = busy;
    emit busyChanged();
}

void GroupsController::beginCreate()
{
    reloadPicker();
    m_picker.reset();
}

void GroupsController::beginInvite()
{
    reloadPicker();
    QSet<QString> in = m_members.jids();
    in.insert(m_own);
    m_picker.reset(in);
}

bool GroupsController::canCreate() const
{
    return m_picker.selectedCount() >= MinimumToCreate && !m_busy;
}

void GroupsController::createFromPicker(const QString &name)
{
    if (!m_groups || m_busy)
        return;
    const QStringList chosen = m_picker.selected();
    if (chosen.size() < MinimumToCreate) {
        emit notice(tr("Choose at least two friends."));
        return;
    }
    setBusy(true);
    m_groups->create(name, chosen, [self = QPointer(this)](Result<QString> room) {
        if (!self)
            return;
        self->setBusy(false);
        if (!room) {
            emit self->notice(errorMessage(QString::fromStdString(room.error().code)));
            return;
        }
        emit self->created(*room);
    });
}

void GroupsController::inviteFromPicker()
{
    if (!m_groups || m_current.isEmpty())
        return;
    const QStringList chosen = m_picker.selected();
    if (chosen.isEmpty())
        return;
    const QString room = m_current;
    auto remaining = std::make_shared<int>(static_cast<int>(chosen.size()));
    auto refused = std::make_shared<QStringList>();
    auto lastError = std::make_shared<QString>();
    setBusy(true);
    for (const QString &jid : chosen) {
        m_groups->invite(
            room, jid,
            [self = QPointer(this), jid, remaining, refused, lastError, room](Result<void> done) {
                if (!self)
                    return;
                if (!done) {
                    refused->append(self->nameOf(jid));
                    *lastError = QString::fromStdString(done.error().code);
                }
                if (--*remaining > 0)
                    return;
                self->setBusy(false);
                if (refused->isEmpty())
                    emit self->notice(tr("Invited"));
                else
                    emit self->notice(tr("Not added: %1. %2")
                                          .arg(refused->join(tr(", ")), errorMessage(*lastError)));
                if (room == self->m_current)
                    self->refreshMembers();
            });
    }
}

void GroupsController::refreshMembers()
{
    if (!m_groups || m_current.isEmpty())
        return;
    showMembers(); // who is present, at once
    m_membersLoading = true;
    m_membersError.clear();
    emit membersLoadingChanged();
    const QString room = m_current;
    m_groups->fetchMembers(room, [self = QPointer(this), room](auto members) {
        if (!self || room != self->m_current)
            return;
        self->m_membersLoading = false;
        if (!members)
            self->m_membersError = errorMessage(QString::fromStdString(members.error().code));
        else
            self->m_members.setMembers(*members, self->m_own);
        emit self->membersLoadingChanged();
    });
}

void GroupsController::showMembers()
{
    if (!m_groups || m_current.isEmpty())
        return;
    const auto known = m_groups->members(m_current);
    // A present-only list is shorter than the listed one: keep the longer until it is read.
    if (known.size() >= m_members.count())
        m_members.setMembers(known, m_own);
}

void GroupsController::leaveCurrent()
{
    if (!m_groups || m_current.isEmpty() || m_busy)
        return;
    const QString room = m_current;
    setBusy(true);
    m_groups->leave(room, [self = QPointer(this), room](Result<void> done) {
        if (!self)
            return;
        self->setBusy(false);
        if (!done) {
            emit self->notice(errorMessage(QString::fromStdString(done.error().code)));
            return;
        }
        IMP_LOG_INFO("groups: left a group");
        emit self->left(room);
        emit self->currentChanged();
    });
}

void GroupsController::administer(
    const std::function<void(std::function<void(Result<void>)>)> &action, const QString &success)
{
    if (!m_groups || m_current.isEmpty() || m_busy)
        return;
    setBusy(true);
    action([self = QPointer(this), success, room = m_current](Result<void> done) {
        if (!self)
            return;
        self->setBusy(false);
        emit self->notice(done ? success : errorMessage(QString::fromStdString(done.error().code)));
        if (room == self->m_current) {
            self->refreshMembers();
            emit self->currentChanged();
        }
    });
}

void GroupsController::removeMember(const QString &jid)
{
    const QString room = m_current;
    administer([this, room, jid](auto done) { m_groups->admin().removeMember(room, jid, done); },
               tr("Removed from the group"));
}

void GroupsController::makeOwner(const QString &jid)
{
    const QString room = m_current;
    administer(
        [this, room, jid](auto done) { m_groups->admin().transferOwnership(room, jid, done); },
        tr("%1 now owns the group")
            .arg(nameOf(jid).isEmpty() ? jid.section('@', 0, 0) : nameOf(jid)));
}

void GroupsController::rename(const QString &name)
{
    if (name.trimmed().isEmpty())
        return;
    const QString room = m_current;
    administer([this, room, name](auto done) { m_groups->admin().rename(room, name, done); },
               tr("Group renamed"));
}

bool GroupsController::mentionStartsAt(const QString &text, int cursor)
{
    if (cursor < 1 || cursor > text.size() || text.at(cursor - 1) != QLatin1Char('@'))
        return false;
    return cursor == 1 || text.at(cursor - 2).isSpace();
}

QString GroupsController::mentionOf(int memberRow) const
{
    const QString name = m_members.nameAt(memberRow);
    // A space ends the name, so "@张伟 " reads as a mention and what follows does not.
    return name.isEmpty() ? QString() : name + QLatin1Char(' ');
}

void GroupsController::acceptInvitation(const QString &room)
{
    declineInvitation(room);
    if (m_groups)
        m_groups->acceptInvitation(room);
}

void GroupsController::declineInvitation(const QString &room)
{
    for (int i = 0; i < m_invitations.size(); ++i) {
        if (m_invitations.at(i).toMap().value("room") == room) {
            m_invitations.removeAt(i);
            emit invitationsChanged();
            return;
        }
    }
}

} // namespace imp::app
