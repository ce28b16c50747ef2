#pragma once

#include "common/Result.h"

#include <QFuture>
#include <QObject>
#include <QString>
#include <functional>
#include <optional>

namespace imp::chat::messages {

struct MessageContext;

// Which parts of the server's archive this device holds, kept in the store (`history_ranges`,
// as Dino keeps mam_catchup): the catch-up continues from the end of what it holds of the whole
// archive, and scroll-back of a chat continues before the oldest archive page fetched for that
// chat, until the archive's start, also after a restart. The archive ids are sealed; which
// archive and chat a range belongs to is an HMAC tag.
class HistoryRanges {
public:
    struct Older {
        QString before; // archive id to continue before ("" = not fetched yet)
        bool reachedStart = false;
    };

    // `archive`: whose archive the catch-up position is of: "" for our own account's, else a
    // group's bare JID (each room keeps its own archive).
    explicit HistoryRanges(MessageContext &context, QString archive = {});

    // The last archive id this device holds (nullopt: it never synced; take the newest page),
    // to `done` on `context`'s thread.
    using From = std::function<void(Result<std::optional<QString>>)>;
    void catchUpFrom(QObject *context, From done);
    // The catch-up holds the archive up to `lastId` ("" = synced, the archive is empty).
    void caughtUp(const QString &lastId);

    QFuture<Result<Older>> older(const QString &peer);
    void olderFetched(const QString &peer, const QString &firstId, bool reachedStart);

private:
    MessageContext &m_context;
    QString m_archive;
};

} // namespace imp::chat::messages
