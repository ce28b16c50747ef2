#pragma once

#include "chat/Message.h"
#include "common/Result.h"

#include <QFuture>
#include <QList>
#include <QObject>
#include <optional>

namespace imp::chat::messages {

struct MessageContext;

// Reading and editing what this device holds of a chat: pages (keyset, newest first), search,
// deleting a message here only, and bulk import.
class LocalHistory : public QObject {
    Q_OBJECT
public:
    // Where a page starts: the (time, id) of the oldest message already shown.
    struct Cursor {
        qint64 ts = 0;
        qint64 id = 0;
    };
    struct Oldest {
        QString archiveId; // "" = nothing from the archive yet
        qint64 ts = std::numeric_limits<qint64>::max();
    };

    explicit LocalHistory(MessageContext &context, QObject *parent = nullptr);

    QFuture<Result<QList<Message>>> page(const QString &peer, std::optional<Cursor> before,
                                         int limit);
    // The oldest message held and the oldest archive id among the first ones.
    QFuture<Result<Oldest>> oldest(const QString &peer);
    QFuture<Result<QList<Message>>> search(const QString &peer, const QString &needle, int limit);
    void deleteLocally(const QString &peer, qint64 messageId);
    // Stores history in transactions of 1,000, dropping duplicates; the conversations follow.
    QFuture<Result<int>> ingest(const QList<Message> &messages);

signals:
    void messageRemoved(const QString &peer, qint64 id);

private:
    MessageContext &m_context;
};

} // namespace imp::chat::messages
