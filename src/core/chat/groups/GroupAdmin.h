#pragma once

#include "common/Result.h"

#include <QObject>
#include <functional>

namespace imp::chat::messages {
struct MessageContext;
} // namespace imp::chat::messages

namespace imp::chat::groups {

// What an owner (or an admin, where the room allows it) does to a group: remove a member, hand
// the group to another member, rename it. Each is a XEP-0045 request to the room; the room tells
// every member (presence with the new affiliation, a configuration change), so nothing here
// keeps state. Errors: groups.not_allowed_admin (not ours to do), groups.not_found, and the
// XMPP errors of an unreachable server.
class GroupAdmin : public QObject {
    Q_OBJECT
public:
    using Done = std::function<void(Result<void>)>;

    explicit GroupAdmin(messages::MessageContext &context, QObject *parent = nullptr);

    // Takes the membership away: they leave the room and cannot come back uninvited.
    void removeMember(const QString &room, const QString &bareJid, Done done);
    // They become the owner and we an ordinary member (the last owner may not leave otherwise).
    void transferOwnership(const QString &room, const QString &bareJid, Done done);
    // The room's name, shown to every member; renamed(room, name) once the room took it.
    void rename(const QString &room, const QString &name, Done done);

signals:
    void renamed(const QString &room, const QString &name);

private:
    void setAffiliation(const QString &room, const QString &bareJid, const QString &affiliation,
                        Done done);

    messages::MessageContext &m_context;
};

} // namespace imp::chat::groups
