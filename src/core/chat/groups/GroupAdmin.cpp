#include "chat/groups/GroupAdmin.h"

#include "chat/groups/GroupStanzaCodec.h"
#include "chat/messages/MessageContext.h"
#include "common/Log.h"
#include "xmpp/Jid.h"

#include <QPointer>

namespace imp::chat::groups {

namespace {

Error adminError(const Error &error)
{
    if (error.code == "xmpp.iq.forbidden" || error.code == "xmpp.iq.not-allowed")
        return makeError("groups.not_allowed_admin", error.code);
    if (error.code == "xmpp.iq.item-not-found")
        return makeError("groups.not_found", error.code);
    return error;
}

} // namespace

GroupAdmin::GroupAdmin(messages::MessageContext &context, QObject *parent)
    : QObject(parent)
    , m_context(context)
{}

void GroupAdmin::setAffiliation(const QString &room, const QString &bareJid,
                                const QString &affiliation, Done done)
{
    const auto jid = xmpp::Jid::parse(bareJid);
    if (!jid || jid->node().isEmpty())
        return done(makeError("groups.bad_member", "not a user's JID"));
    m_context.channel.sendIq(
        GroupStanzaCodec::setAffiliation(room, jid->bare().toString(), affiliation), this,
        [done = std::move(done)](Result<xmpp::XmlElement> reply) {
            if (!reply)
                return done(adminError(reply.error()));
            done({});
        });
}

void GroupAdmin::removeMember(const QString &room, const QString &bareJid, Done done)
{
    if (xmpp::Jid(bareJid).bare() == xmpp::Jid(m_context.ownJid()).bare())
        return done(makeError("groups.bad_member", "leave instead"));
    setAffiliation(room, bareJid, QStringLiteral("none"), std::move(done));
}

void GroupAdmin::transferOwnership(const QString &room, const QString &bareJid, Done done)
{
    const QString own = xmpp::Jid(m_context.ownJid()).bare().toString();
    if (xmpp::Jid(bareJid).bare().toString() == own)
        return done(makeError("groups.bad_member", "already the owner"));
    // The new owner first: the room never has none.
    setAffiliation(room, bareJid, QStringLiteral("owner"),
                   [self = QPointer(this), room, own, done](Result<void> granted) mutable {
                       if (!granted || !self)
                           return done(granted);
                       self->setAffiliation(room, own, QStringLiteral("member"), std::move(done));
                   });
}

void GroupAdmin::rename(const QString &room, const QString &name, Done done)
{
    const QString title = name.trimmed().left(GroupStanzaCodec::MaxNameLength);
    if (title.isEmpty())
        return done(makeError("groups.bad_name", "empty"));
    m_context.channel.sendIq(GroupStanzaCodec::configureName(room, title), this,
                             [this, room, title, done](Result<xmpp::XmlElement> reply) {
                                 if (!reply)
                                     return done(adminError(reply.error()));
                                 emit renamed(room, title);
                                 done({});
                             });
}

} // namespace imp::chat::groups
