#pragma once

#include "xmpp/XmlElement.h"

#include <QList>
#include <QString>
#include <optional>

namespace imp::chat::groups {

// The account's groups as XEP-0402 bookmarks (PEP node urn:xmpp:bookmarks:1, one item per
// room), so a group created or joined on one device is joined on the others with autojoin.
// Pure: stanzas in and out, no I/O.
class GroupBookmarks {
public:
    struct Bookmark {
        QString room;
        QString name;
        QString nick;
        bool autojoin = true;
    };

    static xmpp::XmlElement fetch();
    // Published with the options XEP-0402 asks for: kept, all items, only for us.
    static xmpp::XmlElement publish(const Bookmark &bookmark);
    static xmpp::XmlElement retract(const QString &room);

    // The bookmarks of a fetch result; rooms outside `groupsDomain` are not ours to join.
    static QList<Bookmark> fromItems(const xmpp::XmlElement &result, const QString &groupsDomain);
    // A PEP notification from our own account (`ownBare`): a bookmark added or changed on
    // another device, or (`retracted`) removed there.
    struct Change {
        QList<Bookmark> added;
        QList<QString> retracted;
    };
    static std::optional<Change> fromEvent(const xmpp::XmlElement &message, const QString &ownBare,
                                           const QString &groupsDomain);

    static constexpr int MaxBookmarks = 2000;
};

} // namespace imp::chat::groups
