#include "chat/messages/StoreStage.h"

#include "chat/Keyring.h"
#include "chat/Profile.h"
#include "chat/messages/MessageContext.h"
#include "chat/messages/MessageRecord.h"
#include "common/Log.h"
#include "store/Database.h"
#include "store/DatabaseWorker.h"
#include "store/MessageRepository.h"

namespace imp::chat::messages {

using store::MessageRepository;
using store::MessageRow;

StoreStage::StoreStage(MessageContext &context, QObject *parent)
    : QObject(parent)
    , m_context(context)
{}

void StoreStage::run(InboundBatch &batch, std::function<void(bool)> next)
{
    struct Item {
        Message message;
        bool countUnread;
        bool live;
    };
    std::vector<Item> items;
    std::vector<size_t> positions; // in batch.items
    for (size_t i = 0; i < batch.items.size(); ++i) {
        const auto &in = batch.items[i];
        if (in.dropped)
            continue;
        items.push_back({in.message, in.countUnread, in.live});
        positions.push_back(i);
    }
    if (items.empty()) {
        next(true);
        return;
    }
    struct Stored {
        std::vector<std::pair<Message, bool>> messages; // as stored, newly inserted
        ConversationLedger::Changes conversations;
    };
    m_context.profile->worker()
        .run([keys = m_context.keys, items = std::move(items),
              writer = m_context.ledger.writer()](store::Database &db) mutable -> Result<Stored> {
            Stored stored;
            auto done = db.transaction([&](store::Database &tx) -> Result<void> {
                std::vector<MessageRow> rows;
                rows.reserve(items.size());
                // A live message is newer than anything already stored of its chat (history
                // caught up or scrolled back may carry later stamps in the same second).
                QHash<QByteArray, qint64> newestTs;
                for (auto &item : items) {
                    auto row = MessageRecord::seal(*keys, item.message);
                    if (!row)
                        return row.error();
                    if (item.live) {
                        auto known = newestTs.find(row->conversationTag);
                        if (known == newestTs.end()) {
                            auto newest = MessageRepository(tx).newest(row->conversationTag);
                            if (!newest)
                                return newest.error();
                            known = newestTs.insert(row->conversationTag,
                                                    newest.value() ? newest.value()->ts : 0);
                        }
                        row->ts = std::max(row->ts, *known);
                        *known = row->ts;
                        item.message.time = QDateTime::fromMSecsSinceEpoch(row->ts, Qt::UTC);
                    }
                    rows.push_back(std::move(row.value()));
                }
                auto inserted = MessageRepository(tx).insertBatch(rows);
                if (!inserted)
                    return inserted.error();
                for (size_t i = 0; i < items.size(); ++i) {
                    Message m = items[i].message;
                    m.id = inserted.value()[i].id;
                    const bool isNew = inserted.value()[i].inserted;
                    stored.messages.emplace_back(m, isNew);
                    if (!isNew)
                        continue;
                    if (auto folded = writer.fold(tx, m, items[i].countUnread); !folded)
                        return folded.error();
                }
                return writer.commit(tx);
            });
            if (!done)
                return done.error();
            stored.conversations = writer.changes();
            return stored;
        })
        .then(this, [this, &batch, positions = std::move(positions),
                     next = std::move(next)](Result<Stored> stored) {
            if (!stored) {
                IMP_LOG_ERROR("store: {} incoming message(s) not stored ({})", positions.size(),
                              stored.error().code);
                m_failing = true;
                emit failed(QString::fromStdString(stored.error().code));
                next(false);
                return;
            }
            if (m_failing) {
                m_failing = false;
                IMP_LOG_INFO("store: incoming messages are stored again");
                emit recovered();
            }
            for (size_t i = 0; i < positions.size(); ++i) {
                auto &item = batch.items[positions[i]];
                item.message = stored->messages[i].first;
                item.isNew = stored->messages[i].second;
            }
            batch.conversations = std::move(stored->conversations);
            next(true);
        });
}

} // namespace imp::chat::messages
