#include "chat/messages/Recall.h"

#include "chat/Keyring.h"
#include "chat/Profile.h"
#include "chat/messages/ConversationLedger.h"
#include "chat/messages/MessageContext.h"
#include "chat/messages/MessageRecord.h"
#include "chat/messages/Outbox.h"
#include "store/Database.h"
#include "store/DatabaseWorker.h"
#include "store/MessageRepository.h"
#include "xmpp/ChatMessage.h"

namespace imp::chat::messages {

using store::MessageRepository;

Recall::Recall(MessageContext &context, Outbox &outbox, QObject *parent)
    : QObject(parent)
    , m_context(context)
    , m_outbox(outbox)
{}

void Recall::recall(const QString &peer, qint64 messageId, std::function<void(Result<void>)> done)
{
    m_context.profile->worker()
        .run([keys = m_context.keys,
              messageId](store::Database &db) -> Result<std::optional<Message>> {
            auto row = MessageRepository(db).findById(messageId);
            if (!row)
                return row.error();
            if (!row.value())
                return std::optional<Message>();
            return MessageRecord::open(*keys, *row.value());
        })
        .then(this, [this, peer, done = std::move(done)](Result<std::optional<Message>> found) {
            if (!found)
                return done(found.error());
            if (!found.value() || found.value()->peer != peer)
                return done(makeError("chat.not_found", "no such message"));
            const Message m = *found.value();
            if (!m.outgoing || m.originId.isEmpty())
                return done(makeError("chat.not_own", "only own messages can be recalled"));
            if (m.time.secsTo(QDateTime::currentDateTimeUtc()) > WindowSeconds)
                return done(makeError("chat.recall_too_late", "more than 2 minutes ago"));
            if (m.recalled)
                return done({});
            OutboxEntry retract;
            retract.originId = xmpp::ChatMessage::newId();
            retract.peer = peer;
            retract.kind = OutboxEntry::Kind::Retract;
            retract.retractId = m.originId;
            m_outbox.enqueue(std::move(retract), std::nullopt);
            apply(peer, m_context.ownJid(), m.originId);
            done({});
        });
}

void Recall::apply(const QString &peer, const QString &sender, const QString &originId)
{
    struct Changed {
        std::optional<Message> message;
        ConversationLedger::Changes conversations;
    };
    m_context.profile->worker()
        .run([keys = m_context.keys, peer, sender, originId,
              writer = m_context.ledger.writer()](store::Database &db) mutable -> Result<Changed> {
            Changed out;
            auto done = db.transaction([&](store::Database &tx) -> Result<void> {
                MessageRepository repo(tx);
                auto row = repo.findByOriginIdTag(keys->conversationTag(peer),
                                                  keys->originIdTag(originId));
                if (!row)
                    return row.error();
                if (!row.value())
                    return {};
                auto m = MessageRecord::open(*keys, *row.value());
                if (!m || m->sender != sender || m->recalled)
                    return {};
                m->body.clear();
                m->recalled = true;
                auto sealed = MessageRecord::reseal(*keys, *m, *row.value());
                if (!sealed)
                    return sealed.error();
                auto replaced = repo.replaceSealed(
                    m->id, sealed.value(), row.value()->flags | MessageRepository::kFlagRecalled);
                if (!replaced)
                    return replaced.error();
                if (auto reflected = writer.reflectRecall(tx, *m); !reflected)
                    return reflected;
                out.message = m;
                return writer.commit(tx);
            });
            if (!done)
                return done.error();
            out.conversations = writer.changes();
            return out;
        })
        .then(this, [this](Result<Changed> changed) {
            if (!changed || !changed->message)
                return;
            emit messageChanged(*changed->message);
            m_context.ledger.publish(changed->conversations);
        });
}

} // namespace imp::chat::messages
