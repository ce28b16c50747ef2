#pragma once

#include "common/Result.h"

#include <QFuture>
#include <QHash>
#include <QSet>
#include <QString>
#include <memory>
#include <optional>

namespace imp::chat {
class Profile;
}

namespace imp::chat::messages {

// Which part of the server's archive this device holds. The catch-up continues from the end
// of what it holds of the whole archive; scroll-back of a chat continues before the oldest
// archive page it fetched for that chat, until the archive's start.
class HistoryRanges {
public:
    struct Older {
        QString before; // archive id to continue before ("" = the newest page)
        bool reachedStart = false;
    };

    explicit HistoryRanges(std::shared_ptr<Profile> profile);

    // The last archive id this device holds (nullopt: it never synced, take the newest page).
    QFuture<Result<std::optional<QString>>> catchUpFrom();
    // The catch-up holds the archive up to `lastId` ("" = synced, the archive is empty).
    void caughtUp(const QString &lastId);

    Older older(const QString &peer, const QString &oldestHeld) const;
    void olderFetched(const QString &peer, const QString &firstId, bool reachedStart);
    bool reachedStart(const QString &peer) const { return m_reachedStart.contains(peer); }

private:
    std::shared_ptr<Profile> m_profile;
    QHash<QString, QString> m_olderFrom;
    QSet<QString> m_reachedStart;
};

} // namespace imp::chat::messages
