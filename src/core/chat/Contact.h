#pragma once

#include <QDateTime>
#include <QMetaType>
#include <QString>

namespace imp::chat {

// A friend (roster item) or someone we know of, opened from the encrypted `contacts` table.
struct Contact {
    enum class Subscription { None, To, From, Both };
    QString jid; // bare
    QString nickname;
    QString imptechId;
    Subscription subscription = Subscription::None;
    bool requestPending = false; // we asked them and they have not answered yet
    bool blocked = false;
    // Friends are mutual subscriptions (WeChat's 关系链): both ways.
    bool isFriend() const { return subscription == Subscription::Both; }
    // Display name: nickname, else IMpTech ID, else the JID's node.
    QString displayName() const;
    // What a search box finds them by: the name or the IMpTech ID, case-insensitive ("" finds
    // everyone).
    bool matches(const QString &needle) const;
};

// A friend request, incoming or sent by us (encrypted `requests` table).
struct FriendRequest {
    enum class State : int { Pending = 0, Accepted = 1, Declined = 2 };
    QString jid; // bare
    QString nickname;
    QString imptechId;
    QString greeting;
    QDateTime time; // UTC
    bool incoming = true;
    State state = State::Pending;
};

// A public profile found in the directory (7.2.2): nickname, IMpTech ID, JID.
struct DirectoryUser {
    QString jid;
    QString imptechId;
    QString nickname;
};

} // namespace imp::chat

Q_DECLARE_METATYPE(imp::chat::Contact)
Q_DECLARE_METATYPE(imp::chat::FriendRequest)
Q_DECLARE_METATYPE(imp::chat::DirectoryUser)
