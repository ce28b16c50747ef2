#include "chat/groups/GroupService.h"

#include "chat/groups/GroupAdmin.h"
#include "chat/groups/GroupBookmarks.h"
#include "chat/groups/GroupInbound.h"
#include "chat/messages/ConversationLedger.h"
#include "chat/messages/InboundBatch.h"
#include "chat/messages/MessageContext.h"
#include "chat/messages/Outbox.h"
#include "chat/messages/StanzaCodec.h"
#include "common/Log.h"
#include "crypto/SecureRandom.h"
#include "xmpp/ChatMessage.h"
#include "xmpp/Jid.h"

namespace imp::chat::groups {

using namespace messages;

namespace {

// A nickname the server accepts: no control or format characters (bidi overrides among
// them), at most 20 characters; the JID's node when nothing is left.
QString roomNick(const QString &name, const QString &fallback)
{
    QString nick;
    for (const QChar c : name) {
        const auto category = c.category();
        if (category == QChar::Other_Control || category == QChar::Other_Format ||
            category == QChar::Other_NotAssigned)
            continue;
        nick.append(c);
    }
    nick = nick.trimmed().left(20);
    return nick.isEmpty() ? fallback : nick;
}

bool stillJoined(const std::string &code)
{
    // XEP-0410: these errors come from our own client behind the room, so we are in it; no
    // answer at all says nothing either way.
    return code == "xmpp.iq.service-unavailable" || code == "xmpp.iq.feature-not-implemented" ||
           code == "xmpp.iq_timeout" || code == "xmpp.not_connected";
}

} // namespace

struct GroupService::Room {
    Group group;
    QHash<QString, Member> members; // present now, by nickname
    bool nickRetried = false;
    QString subject;
};

struct GroupService::Creation {
    QString name;
    QStringList members;
    std::function<void(Result<QString>)> done;
};

GroupService::GroupService(MessageContext &context, Outbox &outbox,
                           std::function<void(const Message &)> added, Options options,
                           QObject *parent)
    : QObject(parent)
    , m_context(context)
    , m_outbox(outbox)
    , m_options(std::move(options))
    , m_inbound(std::make_unique<GroupInbound>(context, outbox, std::move(added)))
    , m_admin(std::make_unique<GroupAdmin>(context))
{
    connect(m_inbound.get(), &GroupInbound::storageError, this, &GroupService::storageError);
    // A new name is the group's on every device: the list, the chat and the bookmark.
    connect(m_admin.get(), &GroupAdmin::renamed, this,
            [this](const QString &jid, const QString &name) {
                Room *room = roomOf(jid);
                if (!room)
                    return;
                room->group.name = name;
                m_context.ledger.setTitle(jid, name);
                publishBookmark(*room);
                emit groupChanged(room->group);
            });
    m_selfPing.setInterval(m_options.selfPingInterval);
    connect(&m_selfPing, &QTimer::timeout, this, &GroupService::selfPing);
}

GroupService::~GroupService() = default;

void GroupService::start(const QString &groupsDomain)
{
    if (!m_domain.isEmpty() || groupsDomain.isEmpty())
        return;
    m_domain = groupsDomain;
    m_outbox.setRoute(
        {[domain = m_domain](const QString &peer) { return xmpp::Jid(peer).domain() == domain; },
         [](const OutboxEntry &entry) {
             return GroupStanzaCodec::toGroup(StanzaCodec::encode(entry));
         }});
    auto &channel = m_context.channel;
    connect(&channel, &xmpp::StanzaChannel::sessionStarted, this, &GroupService::onSessionStarted);
    connect(&channel, &xmpp::StanzaChannel::stanzaReceived, this, &GroupService::onStanza);
    connect(&channel, &xmpp::StanzaChannel::stateChanged, this,
            [this](xmpp::StanzaChannel::State state) {
                if (state == xmpp::StanzaChannel::State::Online)
                    return;
                m_selfPing.stop();
                for (auto &[jid, room] : m_rooms)
                    if (room->group.state != Group::State::Removed)
                        setState(*room, Group::State::Offline);
                publishReady();
            });
    m_selfPing.start();
    if (m_context.online())
        onSessionStarted(false);
}

bool GroupService::isGroup(const QString &peer) const
{
    return !m_domain.isEmpty() && xmpp::Jid(peer).domain() == m_domain;
}

GroupService::Room *GroupService::roomOf(const QString &room)
{
    const auto found = m_rooms.find(room);
    return found == m_rooms.end() ? nullptr : found->second.get();
}

QList<Group> GroupService::groups() const
{
    QList<Group> out;
    for (const auto &[jid, room] : m_rooms)
        out.append(room->group);
    return out;
}

std::optional<Group> GroupService::group(const QString &room) const
{
    const auto found = m_rooms.find(room);
    if (found == m_rooms.end())
        return std::nullopt;
    return found->second->group;
}

QList<GroupService::Member> GroupService::members(const QString &room) const
{
    const auto found = m_rooms.find(room);
    if (found == m_rooms.end())
        return {};
    return found->second->members.values();
}

// --- The session --------------------------------------------------------------------------

void GroupService::onSessionStarted(bool resumed)
{
    if (resumed) {
        selfPing(); // the rooms may have dropped us while the stream was away
        return;
    }
    for (auto &[jid, room] : m_rooms)
        if (room->group.state != Group::State::Removed)
            setState(*room, Group::State::Offline);
    publishReady();
    m_context.channel.sendIq(GroupBookmarks::fetch(), this, [this](Result<xmpp::XmlElement> reply) {
        if (reply) {
            for (const auto &b : GroupBookmarks::fromItems(reply.value(), m_domain))
                if (b.autojoin)
                    adopt(b.room, b.name, b.nick);
        } else if (reply.error().code != "xmpp.iq.item-not-found") {
            IMP_LOG_WARN("groups: bookmarks not read ({})", reply.error().code);
        }
        for (auto &[jid, room] : m_rooms)
            if (room->group.state == Group::State::Offline)
                join(*room);
        if (!m_loaded) {
            m_loaded = true;
            emit loaded();
        }
    });
    m_selfPing.start();
}

void GroupService::adopt(const QString &room, const QString &name, const QString &nick)
{
    auto &slot = m_rooms[room];
    if (!slot) {
        slot = std::make_unique<Room>();
        slot->group.room = room;
    }
    if (!name.isEmpty()) {
        slot->group.name = name;
        m_context.ledger.setTitle(room, name);
    }
    const QString own = xmpp::Jid(m_context.ownJid()).node();
    if (slot->group.nick.isEmpty())
        slot->group.nick = !nick.isEmpty() ? nick : roomNick(m_options.ownName(), own);
    emit groupChanged(slot->group);
}

void GroupService::join(Room &room)
{
    setState(room, Group::State::Joining);
    m_context.channel.send(GroupStanzaCodec::join(room.group.room, room.group.nick));
}

void GroupService::setState(Room &room, Group::State state, const QString &error)
{
    if (room.group.state == state && room.group.error == error)
        return;
    room.group.state = state;
    room.group.error = error;
    emit groupChanged(room.group);
}

void GroupService::publishReady()
{
    QSet<QString> ready;
    for (const auto &[jid, room] : m_rooms)
        if (room->group.state == Group::State::Ready)
            ready.insert(jid);
    m_outbox.setReady(ready);
}

void GroupService::selfPing()
{
    if (!m_context.online())
        return;
    for (auto &[jid, room] : m_rooms) {
        if (room->group.state != Group::State::Ready)
            continue;
        m_context.channel.sendIq(GroupStanzaCodec::selfPing(jid, room->group.nick, {}), this,
                                 [this, jid](Result<xmpp::XmlElement> reply) {
                                     Room *r = roomOf(jid);
                                     if (reply || !r || r->group.state != Group::State::Ready ||
                                         stillJoined(reply.error().code))
                                         return;
                                     IMP_LOG_INFO("groups: no longer in a room ({}); joining again",
                                                  reply.error().code);
                                     join(*r);
                                 });
    }
}

// --- Receiving ----------------------------------------------------------------------------

void GroupService::onStanza(const xmpp::XmlElement &stanza)
{
    if (m_domain.isEmpty())
        return;
    if (auto change = GroupBookmarks::fromEvent(
            stanza, xmpp::Jid(m_context.ownJid()).bare().toString(), m_domain)) {
        for (const auto &b : change->added) {
            const bool known = roomOf(b.room) != nullptr;
            adopt(b.room, b.name, b.nick);
            if (!known && m_context.online())
                join(*roomOf(b.room));
        }
        return;
    }
    if (!isGroup(stanza.attribute(QStringLiteral("from"))))
        return;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (GroupStanzaCodec::isArchiveResult(stanza)) {
        const auto decoded = GroupStanzaCodec::decodeArchived(stanza, m_domain, now);
        if (decoded.verdict == GroupStanzaCodec::Verdict::Forged)
            IMP_LOG_WARN("groups: dropped a forged archive result");
        if (decoded.verdict != GroupStanzaCodec::Verdict::Event)
            return;
        if (auto item = itemOf(decoded.event))
            m_inbound->collectArchived(decoded.event.queryId, std::move(*item));
        return;
    }
    const auto decoded = GroupStanzaCodec::decode(stanza, m_domain, now);
    if (decoded.verdict == GroupStanzaCodec::Verdict::Forged) {
        IMP_LOG_WARN("groups: dropped a forged group stanza");
        return;
    }
    if (decoded.verdict != GroupStanzaCodec::Verdict::Event)
        return;
    const GroupEvent &event = decoded.event;
    if (event.kind != GroupEvent::Kind::Message) {
        onEvent(event);
        return;
    }
    if (auto item = itemOf(event))
        m_inbound->receive(std::move(*item));
}

std::optional<InboundItem> GroupService::itemOf(const GroupEvent &event) const
{
    const auto found = m_rooms.find(event.room);
    if (found == m_rooms.end())
        return std::nullopt;
    const Room &room = *found->second;
    const auto member = room.members.constFind(event.nick);
    return GroupInbound::itemOf(event, xmpp::Jid(m_context.ownJid()).bare().toString(),
                                room.group.nick,
                                member != room.members.cend() ? member->jid : QString());
}

void GroupService::onEvent(const GroupEvent &event)
{
    using Kind = GroupEvent::Kind;
    if (event.kind == Kind::Invitation) {
        onInvitation(event);
        return;
    }
    Room *room = roomOf(event.room);
    if (!room)
        return;
    switch (event.kind) {
    case Kind::Joined:
        onJoined(*room, event);
        break;
    case Kind::JoinFailed:
        if (event.condition == QLatin1String("conflict") && !room->nickRetried) {
            // Someone has our name in this room: ours with a short mark of our own.
            room->nickRetried = true;
            room->group.nick += QStringLiteral(" ") + xmpp::Jid(m_context.ownJid()).node().left(4);
            join(*room);
            break;
        }
        setState(*room, Group::State::Failed, event.condition);
        publishReady();
        if (auto creation = m_creations.take(event.room))
            creation->done(makeError("groups.create_failed", event.condition.toStdString()));
        break;
    case Kind::Removed:
        setState(*room, Group::State::Removed, event.reason);
        publishReady();
        break;
    case Kind::Configured:
        readName(event.room); // renamed by an owner: every member's list follows
        break;
    case Kind::Subject:
        room->subject = event.body;
        emit groupChanged(room->group);
        break;
    case Kind::Member: {
        if (event.gone) {
            room->members.remove(event.nick);
        } else {
            Member &member = room->members[event.nick];
            member.nick = event.nick;
            member.jid = event.realJid;
            member.affiliation = event.affiliation;
            member.present = true;
        }
        emit membersChanged(event.room);
        break;
    }
    default:
        break;
    }
}

void GroupService::onJoined(Room &room, const GroupEvent &event)
{
    room.group.owner = event.affiliation == QLatin1String("owner");
    setState(room, Group::State::CatchingUp);
    const QString jid = room.group.room;
    if (auto creation = m_creations.take(jid)) {
        // A new room: name it, invite, and keep it on every device.
        if (!creation->name.isEmpty())
            m_context.channel.sendIq(GroupStanzaCodec::configureName(jid, creation->name), this,
                                     [](Result<xmpp::XmlElement> reply) {
                                         if (!reply)
                                             IMP_LOG_WARN("groups: name not set ({})",
                                                          reply.error().code);
                                     });
        for (const auto &member : creation->members)
            m_context.channel.send(GroupStanzaCodec::invite(jid, member));
        publishBookmark(room);
        creation->done(jid);
    } else if (room.group.name.isEmpty()) {
        readName(jid);
    }
    catchUp(jid);
}

void GroupService::readName(const QString &jid)
{
    m_context.channel.sendIq(
        GroupStanzaCodec::discoInfo(jid), this, [this, jid](Result<xmpp::XmlElement> reply) {
            Room *r = roomOf(jid);
            if (!reply || !r)
                return;
            const QString name = GroupStanzaCodec::nameFromDiscoInfo(reply.value());
            if (name.isEmpty() || name == r->group.name)
                return;
            r->group.name = name;
            m_context.ledger.setTitle(jid, name);
            emit groupChanged(r->group);
        });
}

void GroupService::catchUp(const QString &jid)
{
    m_inbound->catchUp(jid, [this, jid](Result<int> read) {
        if (!read)
            IMP_LOG_WARN("groups: a room's archive not read ({})", read.error().code);
        else
            IMP_LOG_INFO("groups: caught up a room ({} messages)", read.value());
        Room *room = roomOf(jid);
        if (!room)
            return;
        if (room->group.state == Group::State::CatchingUp)
            setState(*room, Group::State::Ready);
        publishReady();
    });
}

void GroupService::onInvitation(const GroupEvent &event)
{
    if (Room *room = roomOf(event.room); room && room->group.state != Group::State::Removed &&
                                         room->group.state != Group::State::Failed)
        return; // already ours
    if (m_options.trusts && m_options.trusts(event.inviter)) {
        acceptInvitation(event.room);
        return;
    }
    emit invitationReceived(event.room, event.inviter, event.reason);
}

void GroupService::acceptInvitation(const QString &jid)
{
    if (!isGroup(jid))
        return;
    adopt(jid, {}, {});
    Room *room = roomOf(jid);
    room->nickRetried = false;
    publishBookmark(*room);
    if (m_context.online())
        join(*room);
}

void GroupService::publishBookmark(const Room &room)
{
    GroupBookmarks::Bookmark b{room.group.room, room.group.name, room.group.nick, true};
    m_context.channel.sendIq(GroupBookmarks::publish(b), this, [](Result<xmpp::XmlElement> reply) {
        if (!reply)
            IMP_LOG_WARN("groups: bookmark not published ({})", reply.error().code);
    });
}

// --- Acting -------------------------------------------------------------------------------

void GroupService::create(const QString &name, const QStringList &members,
                          std::function<void(Result<QString>)> done)
{
    if (m_domain.isEmpty() || !m_context.online())
        return done(makeError("groups.offline", "not connected"));
    QStringList invitees;
    QStringList names;
    for (const auto &member : members) {
        const auto jid = xmpp::Jid::parse(member);
        if (!jid || jid->node().isEmpty())
            return done(makeError("groups.bad_member", "not an account"));
        invitees.append(jid->bare().toString());
        if (m_options.nameOf)
            names.append(m_options.nameOf(invitees.last()));
    }
    if (invitees.isEmpty())
        return done(makeError("groups.no_members", "nobody to invite"));
    const QString room =
        QString::fromLatin1(crypto::SecureRandom::bytes(8).toHex()) + QLatin1Char('@') + m_domain;
    QString title = name.trimmed().left(GroupStanzaCodec::MaxNameLength);
    if (title.isEmpty()) {
        names.prepend(m_options.ownName());
        names.removeAll(QString());
        title = names.mid(0, 4).join(QStringLiteral("、")).left(GroupStanzaCodec::MaxNameLength);
    }
    auto creation = std::make_shared<Creation>(Creation{title, invitees, std::move(done)});
    m_creations.insert(room, creation);
    adopt(room, title, {});
    join(*roomOf(room));
}

void GroupService::invite(const QString &jid, const QString &invitee,
                          std::function<void(Result<void>)> done)
{
    const auto who = xmpp::Jid::parse(invitee);
    if (!roomOf(jid) || !who || who->node().isEmpty())
        return done(makeError("groups.bad_member", "no such group or account"));
    auto invitation = GroupStanzaCodec::invite(jid, who->bare().toString());
    const QString id = xmpp::ChatMessage::newId();
    invitation.setAttribute(QStringLiteral("id"), id);
    if (!m_context.channel.send(invitation))
        return done(makeError("groups.offline", "not connected"));
    // The room bounces a refused invitation; it answers this query after it, in order.
    m_context.channel.sendIq(
        GroupStanzaCodec::affiliations(jid, QStringLiteral("member")), this,
        [done = std::move(done), invitee = who->bare().toString()](Result<xmpp::XmlElement> r) {
            if (!r)
                return done(r.error());
            if (!GroupStanzaCodec::jidsFromAffiliations(r.value()).contains(invitee))
                return done(makeError("groups.not_allowed", "the room refused the invitation"));
            done({});
        });
}

bool GroupService::send(const QString &jid, const QString &text)
{
    Room *room = roomOf(jid);
    if (!room || room->group.state == Group::State::Removed || text.trimmed().isEmpty() ||
        text.size() > GroupStanzaCodec::MaxBodyLength)
        return false;
    Message m =
        OutboxEntry::composeText(jid, xmpp::Jid(m_context.ownJid()).bare().toString(), text);
    m.senderName = room->group.nick;
    m_outbox.enqueue(OutboxEntry::of(m), m);
    return true;
}

bool GroupService::sendAttachment(const QString &jid, const Attachment &attachment)
{
    Room *room = roomOf(jid);
    if (!room || room->group.state == Group::State::Removed || attachment.isNull() ||
        attachment.fileId.isEmpty())
        return false;
    Message m = OutboxEntry::composeAttachment(jid, xmpp::Jid(m_context.ownJid()).bare().toString(),
                                               attachment);
    m.senderName = room->group.nick;
    m_outbox.enqueue(OutboxEntry::of(m), m);
    return true;
}

void GroupService::leave(const QString &jid, std::function<void(Result<void>)> done)
{
    Room *room = roomOf(jid);
    if (!room)
        return done(makeError("groups.not_found", "no such group"));
    const QString own = xmpp::Jid(m_context.ownJid()).bare().toString();
    m_context.channel.sendIq(
        GroupStanzaCodec::setAffiliation(jid, own, QStringLiteral("none")), this,
        [this, jid, done = std::move(done)](Result<xmpp::XmlElement> reply) {
            // A room that is gone, or that no longer lists us, has nothing to give up.
            if (!reply && reply.error().code != "xmpp.iq.item-not-found") {
                if (reply.error().code == "xmpp.iq.conflict")
                    return done(makeError("groups.last_owner", "transfer ownership first"));
                return done(reply.error());
            }
            if (Room *left = roomOf(jid))
                m_context.channel.send(GroupStanzaCodec::leave(jid, left->group.nick));
            m_context.channel.sendIq(GroupBookmarks::retract(jid), this,
                                     [](Result<xmpp::XmlElement>) {});
            m_rooms.erase(jid);
            publishReady();
            emit groupRemoved(jid);
            done({});
        });
}

void GroupService::fetchMembers(const QString &jid, std::function<void(Result<QList<Member>>)> done)
{
    if (!roomOf(jid))
        return done(makeError("groups.not_found", "no such group"));
    auto collected = std::make_shared<QHash<QString, Member>>();
    auto remaining = std::make_shared<int>(3);
    auto failed = std::make_shared<bool>(false);
    for (const QString &affiliation :
         {QStringLiteral("owner"), QStringLiteral("admin"), QStringLiteral("member")}) {
        m_context.channel.sendIq(
            GroupStanzaCodec::affiliations(jid, affiliation), this,
            [this, jid, affiliation, collected, remaining, failed,
             done](Result<xmpp::XmlElement> reply) {
                if (*failed)
                    return;
                if (!reply) {
                    *failed = true;
                    return done(reply.error());
                }
                for (const auto &member : GroupStanzaCodec::jidsFromAffiliations(reply.value()))
                    (*collected)[member] = Member{{}, member, affiliation, false};
                if (--*remaining > 0)
                    return;
                Room *room = roomOf(jid);
                if (!room)
                    return done(makeError("groups.not_found", "no such group"));
                // Present members keep their nickname; listed ones come in by JID.
                for (const auto &present : room->members)
                    if (collected->contains(present.jid))
                        (*collected)[present.jid].nick = present.nick,
                        (*collected)[present.jid].present = true;
                done(collected->values());
            });
    }
}

} // namespace imp::chat::groups
