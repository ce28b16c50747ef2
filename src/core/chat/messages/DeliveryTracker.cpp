#include "chat/messages/DeliveryTracker.h"

#include "chat/Keyring.h"
#include "chat/Profile.h"
#include "chat/messages/ConversationLedger.h"
#include "chat/messages/MessageContext.h"
#include "chat/messages/MessageRecord.h"
#include "chat/messages/StanzaCodec.h"
#include "store/Database.h"
#include "store/DatabaseWorker.h"
#include "store/MessageRepository.h"
#include "xmpp/StanzaChannel.h"

namespace imp::chat::messages {

using store::MessageRepository;
using store::MessageRow;

namespace {
struct Changed {
    QList<Message> messages;
    ConversationLedger::Changes conversations;
};
} // namespace

DeliveryTracker::DeliveryTracker(MessageContext &context, QObject *parent)
    : QObject(parent)
    , m_context(context)
{}

void DeliveryTracker::apply(const QString &peer, const QString &messageId, Message::State state)
{
    m_context.profile->worker()
        .run([keys = m_context.keys, peer, messageId, state,
              writer = m_context.ledger.writer()](store::Database &db) mutable -> Result<Changed> {
            Changed out;
            auto done = db.transaction([&](store::Database &tx) -> Result<void> {
                MessageRepository repo(tx);
                const QByteArray conversation = keys->conversationTag(peer);
                auto row = repo.findByOriginIdTag(conversation, keys->originIdTag(messageId));
                if (!row)
                    return row.error();
                if (!row.value() || row.value()->direction != MessageRecord::DirectionOut)
                    return {};
                std::vector<MessageRow> targets{*row.value()};
                if (state == Message::State::Read) {
                    auto older =
                        repo.pageBefore(conversation, row.value()->ts, row.value()->id, 200);
                    if (!older)
                        return older.error();
                    for (const auto &r : older.value()) {
                        if (r.direction == MessageRecord::DirectionOut &&
                            r.state < static_cast<qint64>(Message::State::Read) &&
                            r.state >= static_cast<qint64>(Message::State::Sent))
                            targets.push_back(r);
                    }
                }
                for (auto &r : targets) {
                    auto raised = repo.raiseState(r.id, static_cast<qint64>(state));
                    if (!raised)
                        return raised.error();
                    if (!raised.value())
                        continue;
                    r.state = static_cast<qint64>(state);
                    if (auto m = MessageRecord::open(*keys, r)) {
                        if (auto reflected = writer.reflectState(tx, *m); !reflected)
                            return reflected;
                        out.messages.append(*m);
                    }
                }
                return writer.commit(tx);
            });
            if (!done)
                return done.error();
            out.conversations = writer.changes();
            return out;
        })
        .then(this, [this](Result<Changed> changed) {
            if (!changed)
                return;
            for (const auto &m : changed->messages)
                emit messageChanged(m);
            m_context.ledger.publish(changed->conversations);
        });
}

void DeliveryTracker::markRead(const QString &peer)
{
    m_context.profile->worker()
        .run([keys = m_context.keys, peer,
              writer = m_context.ledger.writer()](store::Database &db) mutable -> Result<Changed> {
            Changed out;
            auto done = db.transaction([&](store::Database &tx) -> Result<void> {
                if (auto cleared = writer.clearUnread(tx, peer); !cleared)
                    return cleared;
                auto page = MessageRepository(tx).pageBefore(keys->conversationTag(peer),
                                                             MessageRepository::kNewest,
                                                             MessageRepository::kNewest, 50);
                if (!page)
                    return page.error();
                for (const auto &row : page.value()) {
                    if (row.direction != MessageRecord::DirectionIn)
                        continue;
                    if (row.state == static_cast<qint64>(Message::State::Seen))
                        break; // already marked
                    auto raised = MessageRepository(tx).raiseState(
                        row.id, static_cast<qint64>(Message::State::Seen));
                    if (!raised)
                        return raised.error();
                    if (auto m = MessageRecord::open(*keys, row)) {
                        m->state = Message::State::Seen;
                        out.messages.append(*m);
                    }
                    break;
                }
                return writer.commit(tx);
            });
            if (!done)
                return done.error();
            out.conversations = writer.changes();
            return out;
        })
        .then(this, [this, peer](Result<Changed> changed) {
            if (!changed)
                return;
            m_context.ledger.publish(changed->conversations);
            for (const auto &m : changed->messages) {
                if (!m.stanzaId.isEmpty())
                    m_context.channel.send(StanzaCodec::displayed(peer, m.stanzaId));
                emit messageChanged(m);
            }
        });
}

void DeliveryTracker::readElsewhere(const QString &peer)
{
    m_context.ledger.clearUnread(peer);
}

} // namespace imp::chat::messages
