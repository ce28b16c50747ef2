#pragma once

#include "chat/Message.h"
#include "chat/messages/LocalHistory.h"
#include "common/Result.h"

#include <QFuture>
#include <QObject>
#include <functional>
#include <optional>

namespace imp::chat::messages {

struct MessageContext;
class HistoryRanges;
class HistorySync;

// Scrolling back past what this device holds: the chat's older pages come from the server's
// archive (`with` the peer), page by page, until its start.
class ScrollBack : public QObject {
    Q_OBJECT
public:
    ScrollBack(MessageContext &context, LocalHistory &local, HistorySync &sync,
               HistoryRanges &ranges, QObject *parent = nullptr);

    // One page (50..250, as `wanted` asks) of older history; done(added, reachedStart).
    void fetchOlder(const QString &peer, int wanted, std::function<void(Result<int>, bool)> done);
    // Like LocalHistory::page, but while this device has fewer than `limit` older messages it
    // fetches the archive's page before them and reads again, up to the archive's start.
    QFuture<Result<QList<Message>>> page(const QString &peer,
                                         std::optional<LocalHistory::Cursor> before, int limit);

private:
    MessageContext &m_context;
    LocalHistory &m_local;
    HistorySync &m_sync;
    HistoryRanges &m_ranges;
};

} // namespace imp::chat::messages
