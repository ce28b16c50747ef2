// imptech-cli's group commands: groups, group-create, group-invite, group-send,
// group-history, group-members, group-leave, group-remove, group-transfer and group-rename. The
// other commands are in CliClient.cpp.
#include "CliClient.h"
#include "CliOutput.h"
#include "chat/groups/GroupAdmin.h"
#include "xmpp/Jid.h"

#include <QJsonArray>
#include <QTimer>
#include <algorithm>

namespace imp::cli {

namespace {

using chat::groups::Group;

QString stateName(Group::State state)
{
    switch (state) {
    case Group::State::Offline:
        return "offline";
    case Group::State::Joining:
        return "joining";
    case Group::State::CatchingUp:
        return "catching-up";
    case Group::State::Ready:
        return "ready";
    case Group::State::Failed:
        return "failed";
    case Group::State::Removed:
        return "removed";
    }
    return "offline";
}

QJsonObject groupJson(const Group &g)
{
    QJsonObject o{{"room", g.room},
                  {"name", g.name},
                  {"nick", g.nick},
                  {"state", stateName(g.state)},
                  {"owner", g.owner}};
    if (!g.error.isEmpty())
        o.insert("error", g.error);
    return o;
}

QString roomOf(const QString &arg)
{
    return xmpp::Jid(arg).bare().toString();
}

} // namespace

void CliClient::withGroups(std::function<void()> then)
{
    withSession([this, then = std::move(then)] {
        if (m_groups->isLoaded())
            return then();
        auto fired = std::make_shared<bool>(false);
        connect(m_groups, &chat::groups::GroupService::loaded, this, [then, fired] {
            if (!std::exchange(*fired, true))
                then();
        });
        QTimer::singleShot(m_options.waitSeconds * 1000, this, [this, fired] {
            if (!std::exchange(*fired, true))
                fail("the account's groups could not be read in time", 5);
        });
    });
}

void CliClient::withGroup(const QString &arg, std::function<void()> then)
{
    withGroups([this, room = roomOf(arg), then = std::move(then)] { whenReady(room, then); });
}

void CliClient::whenReady(const QString &room, std::function<void()> then)
{
    auto fired = std::make_shared<bool>(false);
    auto check = [this, room, then, fired] {
        if (*fired)
            return;
        const auto g = m_groups->group(room);
        if (!g) {
            *fired = true;
            return fail("no such group on this account: " + room, 3);
        }
        if (g->state == Group::State::Failed || g->state == Group::State::Removed) {
            *fired = true;
            return fail("the group refuses us (" + g->error + ")", 6);
        }
        if (g->state != Group::State::Ready)
            return;
        *fired = true;
        then();
    };
    connect(m_groups, &chat::groups::GroupService::groupChanged, this, check);
    QTimer::singleShot(m_options.waitSeconds * 1000, this, [this, fired] {
        if (!std::exchange(*fired, true))
            fail("the group could not be joined in time", 5);
    });
    check();
}

void CliClient::groups()
{
    // Printed once every group has settled (joined and caught up, or refused), so that the
    // states say what the rooms answered.
    withGroups([this] {
        auto over = std::make_shared<bool>(false);
        auto print = [this, over](bool waitUnsettled) {
            if (*over)
                return;
            const auto all = m_groups->groups();
            const bool settled = std::all_of(all.cbegin(), all.cend(), [](const Group &g) {
                return g.state == Group::State::Ready || g.state == Group::State::Failed ||
                       g.state == Group::State::Removed;
            });
            if (!settled && waitUnsettled)
                return;
            *over = true;
            for (const auto &g : all)
                printJson(groupJson(g));
            done();
        };
        connect(m_groups, &chat::groups::GroupService::groupChanged, this,
                [print] { print(true); });
        QTimer::singleShot(m_options.waitSeconds * 1000, this, [print] { print(false); });
        print(true);
    });
}

void CliClient::groupCreate(const QString &name, const QStringList &members)
{
    withGroups([this, name, members] {
        m_groups->create(name, members, [this](Result<QString> room) {
            if (!room)
                return fail("cannot create the group: " + QString::fromStdString(room.error().code),
                            room.error().code == "groups.bad_member" ? 2 : 1);
            const QString jid = room.value();
            // Ready once our own (empty) archive was read; a round trip later the
            // invitations, the name and the bookmark are on the server.
            whenReady(jid, [this, jid] {
                barrier([this, jid] {
                    const auto g = m_groups->group(jid);
                    printJson(g ? groupJson(*g) : QJsonObject{{"room", jid}});
                    done();
                });
            });
        });
    });
}

void CliClient::groupInvite(const QString &room, const QString &jid)
{
    withGroup(room, [this, room, jid] {
        m_groups->invite(roomOf(room), jid, [this](Result<void> invited) {
            if (!invited)
                return fail("cannot invite: " + QString::fromStdString(invited.error().code),
                            invited.error().code == "groups.not_allowed" ? 6 : 1);
            done();
        });
    });
}

void CliClient::groupSend(const QString &room, const QString &text)
{
    withGroup(room, [this, room, text] {
        if (!m_groups->send(roomOf(room), text))
            return fail("nothing to send (empty or too long)", 2);
        finishWhenOutboxEmpty(4);
    });
}

void CliClient::groupSendStdin(const QString &room)
{
    withGroup(room, [this, room] {
        readLines([this, jid = roomOf(room)](const QString &line) { m_groups->send(jid, line); });
    });
}

void CliClient::groupHistory(const QString &room)
{
    withGroup(room, [this, room] {
        m_messages->page(roomOf(room), std::nullopt, std::max(1, m_options.limit))
            .then(this, [this](Result<QList<chat::Message>> page) {
                if (!page)
                    return fail("cannot read the history: " +
                                QString::fromStdString(page.error().code));
                for (auto it = page->crbegin(); it != page->crend(); ++it)
                    printJson(messageJson(*it));
                done();
            });
    });
}

void CliClient::groupMembers(const QString &room)
{
    withGroup(room, [this, room] {
        m_groups->fetchMembers(roomOf(room),
                               [this](Result<QList<chat::groups::GroupService::Member>> members) {
                                   if (!members)
                                       return fail("cannot read the members: " +
                                                   QString::fromStdString(members.error().code));
                                   for (const auto &m : members.value())
                                       printJson({{"jid", m.jid},
                                                  {"nick", m.nick},
                                                  {"affiliation", m.affiliation},
                                                  {"present", m.present}});
                                   done();
                               });
    });
}

void CliClient::groupLeave(const QString &room)
{
    withGroups([this, room] {
        m_groups->leave(roomOf(room), [this](Result<void> left) {
            if (!left)
                return fail("cannot leave: " + QString::fromStdString(left.error().code),
                            left.error().code == "groups.last_owner" ? 6 : 1);
            barrier([this] { done(); });
        });
    });
}

void CliClient::groupAdmin(const QString &command, const QString &room, const QString &arg)
{
    withGroup(room, [this, command, room = roomOf(room), arg] {
        auto finished = [this](Result<void> result) {
            if (!result)
                return fail("refused: " + QString::fromStdString(result.error().code),
                            result.error().code == "groups.not_allowed_admin" ? 6 : 1);
            // A rename also publishes the bookmark: let it reach the server first.
            barrier([this] { done(); });
        };
        auto &admin = m_groups->admin();
        if (command == "group-remove")
            admin.removeMember(room, arg, finished);
        else if (command == "group-transfer")
            admin.transferOwnership(room, arg, finished);
        else
            admin.rename(room, arg, finished);
    });
}

bool CliClient::runGroupCommand(const QString &command, const QStringList &args)
{
    if (command == "group-create" && args.size() >= 2)
        groupCreate(args.first(), args.mid(1));
    else if (command == "group-invite" && args.size() == 2)
        groupInvite(args.at(0), args.at(1));
    else if (command == "group-send" && args.size() == 1 && m_options.fromStdin)
        groupSendStdin(args.first());
    else if (command == "group-send" && args.size() == 2)
        groupSend(args.at(0), args.at(1));
    else if (command == "group-history" && args.size() == 1)
        groupHistory(args.first());
    else if (command == "group-leave" && args.size() == 1)
        groupLeave(args.first());
    else if (command == "group-members" && args.size() == 1)
        groupMembers(args.first());
    else if ((command == "group-remove" || command == "group-transfer" ||
              command == "group-rename") &&
             args.size() == 2)
        groupAdmin(command, args.at(0), args.at(1));
    else if (command == "groups")
        groups();
    else
        return false;
    return true;
}

} // namespace imp::cli
