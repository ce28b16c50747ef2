#include "chat/messages/LocalHistory.h"

#include "chat/Keyring.h"
#include "chat/Profile.h"
#include "chat/messages/ConversationLedger.h"
#include "chat/messages/MessageContext.h"
#include "chat/messages/MessageRecord.h"
#include "store/Database.h"
#include "store/DatabaseWorker.h"
#include "store/MessageRepository.h"

#include <QPointer>

namespace imp::chat::messages {

using store::MessageRepository;
using store::MessageRow;

LocalHistory::LocalHistory(MessageContext &context, QObject *parent)
    : QObject(parent)
    , m_context(context)
{}

QFuture<Result<QList<Message>>> LocalHistory::page(const QString &peer,
                                                   std::optional<Cursor> before, int limit)
{
    return m_context.profile->worker().run([keys = m_context.keys, peer, before,
                                            limit](store::Database &db) -> Result<QList<Message>> {
        auto rows = MessageRepository(db).pageBefore(
            keys->conversationTag(peer), before ? before->ts : MessageRepository::kNewest,
            before ? before->id : MessageRepository::kNewest, limit);
        if (!rows)
            return rows.error();
        QList<Message> list;
        list.reserve(static_cast<qsizetype>(rows->size()));
        for (const auto &row : rows.value()) {
            if (auto m = MessageRecord::open(*keys, row))
                list.append(std::move(*m));
        }
        return list;
    });
}

QFuture<Result<LocalHistory::Oldest>> LocalHistory::oldest(const QString &peer)
{
    return m_context.profile->worker().run([keys = m_context.keys,
                                            peer](store::Database &db) -> Result<Oldest> {
        auto rows =
            MessageRepository(db).pageAfter(keys->conversationTag(peer), MessageRepository::kOldest,
                                            MessageRepository::kOldest, 50);
        if (!rows)
            return rows.error();
        Oldest oldest;
        if (!rows->empty())
            oldest.ts = rows->front().ts;
        for (const auto &row : rows.value()) {
            auto m = MessageRecord::open(*keys, row);
            if (m && !m->archiveId.isEmpty()) {
                oldest.archiveId = m->archiveId;
                break;
            }
        }
        return oldest;
    });
}

QFuture<Result<QList<Message>>> LocalHistory::search(const QString &peer, const QString &needle,
                                                     int limit)
{
    return m_context.profile->worker().run([keys = m_context.keys, peer, needle,
                                            limit](store::Database &db) -> Result<QList<Message>> {
        // Bodies are sealed, so there is no index to ask: open page by page (keyset) and match.
        QList<Message> found;
        MessageRepository repo(db);
        const QByteArray tag = keys->conversationTag(peer);
        qint64 ts = MessageRepository::kNewest;
        qint64 id = MessageRepository::kNewest;
        while (found.size() < limit) {
            auto rows = repo.pageBefore(tag, ts, id, 500);
            if (!rows)
                return rows.error();
            if (rows->empty())
                break;
            for (const auto &row : rows.value()) {
                auto m = MessageRecord::open(*keys, row);
                if (m && !m->recalled && m->body.contains(needle, Qt::CaseInsensitive)) {
                    found.append(*m);
                    if (found.size() >= limit)
                        break;
                }
            }
            ts = rows->back().ts;
            id = rows->back().id;
        }
        return found;
    });
}

void LocalHistory::deleteLocally(const QString &peer, qint64 messageId)
{
    m_context.profile->worker()
        .run([messageId](store::Database &db) -> Result<bool> {
            return MessageRepository(db).remove(messageId);
        })
        .then(this, [this, peer, messageId](Result<bool> removed) {
            if (removed && removed.value())
                emit messageRemoved(peer, messageId);
        });
}

QFuture<Result<int>> LocalHistory::ingest(const QList<Message> &messages)
{
    QPointer<ConversationLedger> ledger(&m_context.ledger);
    return m_context.profile->worker()
        .run([keys = m_context.keys, messages,
              writer = m_context.ledger.writer()](store::Database &db) mutable
             -> Result<std::pair<int, ConversationLedger::Changes>> {
            int added = 0;
            constexpr qsizetype Batch = 1000;
            for (qsizetype start = 0; start < messages.size(); start += Batch) {
                const qsizetype end = std::min(messages.size(), start + Batch);
                auto done = db.transaction([&](store::Database &tx) -> Result<void> {
                    std::vector<MessageRow> rows;
                    rows.reserve(static_cast<size_t>(end - start));
                    for (qsizetype i = start; i < end; ++i) {
                        auto row = MessageRecord::seal(*keys, messages[i]);
                        if (!row)
                            return row.error();
                        rows.push_back(std::move(row.value()));
                    }
                    auto inserted = MessageRepository(tx).insertBatch(rows);
                    if (!inserted)
                        return inserted.error();
                    for (qsizetype i = start; i < end; ++i) {
                        if (!inserted.value()[static_cast<size_t>(i - start)].inserted)
                            continue;
                        ++added;
                        if (auto folded = writer.fold(tx, messages[i], false); !folded)
                            return folded;
                    }
                    return writer.commit(tx);
                });
                if (!done)
                    return done.error();
            }
            return std::make_pair(added, writer.changes());
        })
        // On the database thread, so a caller may wait for the result; the rows are published
        // on the ledger's thread.
        .then([ledger](Result<std::pair<int, ConversationLedger::Changes>> done) -> Result<int> {
            if (!done)
                return done.error();
            if (ledger)
                QMetaObject::invokeMethod(ledger.data(), [ledger, changes = done->second] {
                    if (ledger)
                        ledger->publish(changes);
                });
            return done->first;
        });
}

} // namespace imp::chat::messages
