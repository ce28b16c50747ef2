#pragma once

#include <QMetaType>
#include <QString>

namespace imp::chat::groups {

// One group the user is a member of, as GroupService keeps it: from the account's bookmarks
// (XEP-0402, so every device has the same list) and what the room says now.
struct Group {
    enum class State {
        Offline,    // no session, or not joined yet
        Joining,    // our presence is on its way
        CatchingUp, // joined; the room's archive is being read from our last position
        Ready,      // joined and caught up: messages go out
        Failed,     // the room refused us (see `error`)
        Removed,    // kicked, banned or no longer a member (see `error`)
    };
    QString room; // bare JID on the groups service
    QString name; // set by an owner; "" = named after its members
    QString nick; // ours in the room
    State state = State::Offline;
    QString error; // Failed: the condition; Removed: "307:reason" (kick), "301" (ban)...
    bool owner = false;
};

} // namespace imp::chat::groups

Q_DECLARE_METATYPE(imp::chat::groups::Group)
