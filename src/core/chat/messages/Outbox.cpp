#include "chat/messages/Outbox.h"

#include "chat/Keyring.h"
#include "chat/Profile.h"
#include "chat/messages/AttachmentRows.h"
#include "chat/messages/ConversationLedger.h"
#include "chat/messages/MessageContext.h"
#include "chat/messages/MessageRecord.h"
#include "chat/messages/StanzaCodec.h"
#include "common/Log.h"
#include "store/Database.h"
#include "store/DatabaseWorker.h"
#include "store/MessageRepository.h"
#include "store/OutboxRepository.h"
#include "xmpp/Namespaces.h"
#include "xmpp/StanzaChannel.h"

#include <QDateTime>

namespace imp::chat::messages {

using store::MessageRepository;
using store::OutboxRepository;

namespace {

// The entry a row seals (nullopt, logged, when it does not open).
std::optional<OutboxEntry> openEntry(const Keyring &keys, const store::OutboxRow &row)
{
    auto opened = keys.open(row.sealed, OutboxRepository::sealedAssociatedData(row.originIdTag));
    auto entry = opened ? OutboxEntry::decode(opened.value()) : std::nullopt;
    if (!entry) {
        IMP_LOG_WARN("outbox: an entry does not open; kept for inspection");
        return std::nullopt;
    }
    entry->composedMs = row.createdTs;
    return entry;
}

// Entries of the table not yet sent in `session`, marked as sent in it (0: none, offline).
Result<std::vector<OutboxEntry>> takeUnsent(store::Database &db, const Keyring &keys,
                                            qint64 session)
{
    std::vector<OutboxEntry> entries;
    if (session == 0)
        return entries;
    auto rows = OutboxRepository(db).takeUnsent(session, 100000);
    if (!rows)
        return rows.error();
    for (const auto &row : rows.value())
        if (auto entry = openEntry(keys, row))
            entries.push_back(std::move(*entry));
    return entries;
}

// What to send now, and which attachments to upload first. An attachment not uploaded yet
// holds back what comes after it in the same chat (given back with markUnsent), so that chat
// stays in order; other chats are not held. A failed upload holds nothing: it waits for the
// user's retry.
Result<Outbox::Plan> planSends(store::Database &db, const Keyring &keys, qint64 session,
                               const Outbox::Held &waits)
{
    Outbox::Plan plan;
    auto entries = takeUnsent(db, keys, session);
    if (!entries)
        return entries.error();
    QSet<QString> held;
    OutboxRepository outbox(db);
    for (auto &entry : entries.value()) {
        const bool needsUpload =
            entry.kind == OutboxEntry::Kind::Attachment && entry.attachment.url.isEmpty();
        if (waits && waits(entry.peer)) {
            // Its route cannot take it yet (a group not joined): it stays, in order.
            if (auto back = outbox.markUnsent(keys.originIdTag(entry.originId)); !back)
                return back.error();
            continue;
        }
        if (held.contains(entry.peer) || needsUpload) {
            if (auto back = outbox.markUnsent(keys.originIdTag(entry.originId)); !back)
                return back.error();
            if (needsUpload && !held.contains(entry.peer) &&
                entry.attachment.transfer != Attachment::Transfer::UploadFailed) {
                held.insert(entry.peer);
                plan.toUpload.push_back(std::move(entry));
            }
            continue;
        }
        plan.toSend.push_back(std::move(entry));
    }
    return plan;
}

} // namespace

Outbox::Outbox(MessageContext &context, QObject *parent)
    : QObject(parent)
    , m_context(context)
{
    m_storeTimer.setSingleShot(true);
    m_storeTimer.setInterval(0);
    connect(&m_storeTimer, &QTimer::timeout, this, &Outbox::storeComposed);
    connect(&m_uploads, &UploadStage::uploaded, this,
            [this](const OutboxEntry &entry) { settleUpload(entry, {}); });
    connect(&m_uploads, &UploadStage::failed, this,
            [this](const OutboxEntry &entry, const QString &code) { settleUpload(entry, code); });
    connect(&m_uploads, &UploadStage::progress, this, &Outbox::uploadProgress);
}

void Outbox::start()
{
    m_context.profile->worker()
        .run([](store::Database &db) { return OutboxRepository(db).count(); })
        .then(this, [this](Result<qint64> count) {
            if (!count) {
                emit storageError(QString::fromStdString(count.error().code));
                return;
            }
            m_pending = static_cast<int>(count.value());
            m_started = true;
            IMP_LOG_INFO("outbox: {} message(s) waiting", m_pending);
            emit pendingChanged(pendingCount());
            flush();
        });
}

qint64 Outbox::sendingSession() const
{
    return m_started && !m_held && m_context.online() ? m_session : 0;
}

void Outbox::enqueue(OutboxEntry entry, std::optional<Message> shown)
{
    entry.composedMs = QDateTime::currentMSecsSinceEpoch();
    m_composedMs.insert(entry.originId, entry.composedMs);
    m_toStore.push_back({std::move(entry), std::move(shown)});
    if (!m_storeTimer.isActive())
        m_storeTimer.start();
}

void Outbox::storeComposed()
{
    auto batch = std::exchange(m_toStore, {});
    if (batch.empty())
        return;
    m_storing += static_cast<int>(batch.size());
    struct Stored {
        QList<Message> shown;
        ConversationLedger::Changes conversations;
        Plan plan;
        qint64 pending = 0;
    };
    const qint64 session = sendingSession();
    m_context.profile->worker()
        .run([keys = m_context.keys, batch, session, waits = waiting(),
              writer = m_context.ledger.writer()](store::Database &db) mutable -> Result<Stored> {
            Stored stored;
            auto done = db.transaction([&](store::Database &tx) -> Result<void> {
                for (const auto &item : batch) {
                    store::OutboxRow out;
                    out.originIdTag = keys->originIdTag(item.entry.originId);
                    out.conversationTag = keys->conversationTag(item.entry.peer);
                    out.createdTs = item.entry.composedMs;
                    auto sealed =
                        keys->seal(item.entry.encode(),
                                   OutboxRepository::sealedAssociatedData(out.originIdTag));
                    if (!sealed)
                        return sealed.error();
                    out.sealed = std::move(sealed.value());
                    if (auto queued = OutboxRepository(tx).enqueue(out); !queued)
                        return queued.error();
                    if (!item.shown)
                        continue;
                    auto row = MessageRecord::seal(*keys, *item.shown);
                    if (!row)
                        return row.error();
                    auto inserted = MessageRepository(tx).insertBatch({row.value()});
                    if (!inserted)
                        return inserted.error();
                    Message m = *item.shown;
                    m.id = inserted.value().front().id;
                    if (auto folded = writer.fold(tx, m, false); !folded)
                        return folded.error();
                    stored.shown.append(m);
                }
                if (auto committed = writer.commit(tx); !committed)
                    return committed;
                auto plan = planSends(tx, *keys, session, waits);
                if (!plan)
                    return plan.error();
                stored.plan = std::move(plan.value());
                auto count = OutboxRepository(tx).count();
                if (!count)
                    return count.error();
                stored.pending = count.value();
                return {};
            });
            if (!done)
                return done.error();
            stored.conversations = writer.changes();
            return stored;
        })
        .then(this, [this, size = static_cast<int>(batch.size())](Result<Stored> stored) {
            m_storing -= size;
            if (!stored) {
                IMP_LOG_ERROR("outbox: could not store {} message(s) ({})", size,
                              stored.error().code);
                emit storageError(QString::fromStdString(stored.error().code));
                emit pendingChanged(pendingCount());
                return;
            }
            m_pending = static_cast<int>(stored->pending);
            if (!stored->shown.isEmpty())
                emit this->stored(stored->shown);
            m_context.ledger.publish(stored->conversations);
            emit pendingChanged(pendingCount());
            carryOut(stored->plan);
        });
}

void Outbox::beginSession()
{
    // A new number every session, also across restarts of the app: the table's sent_in then
    // tells which entries this session has not sent.
    m_session = std::max(m_session + 1, QDateTime::currentMSecsSinceEpoch());
    m_held = true;
}

void Outbox::release()
{
    m_held = false;
    flush();
}

void Outbox::flush()
{
    const qint64 session = sendingSession();
    if (session == 0)
        return;
    m_context.profile->worker()
        .run([keys = m_context.keys, session,
              waits = waiting()](store::Database &db) -> Result<Plan> {
            Result<Plan> plan = makeError("store.error", "");
            auto done = db.transaction([&](store::Database &tx) -> Result<void> {
                plan = planSends(tx, *keys, session, waits);
                return plan ? Result<void>() : Result<void>(plan.error());
            });
            if (!done)
                return done.error();
            return plan;
        })
        .then(this, [this](Result<Plan> plan) {
            if (!plan) {
                emit storageError(QString::fromStdString(plan.error().code));
                return;
            }
            carryOut(plan.value());
        });
}

void Outbox::carryOut(const Plan &plan)
{
    sendAll(plan.toSend);
    for (const auto &entry : plan.toUpload)
        m_uploads.start(entry);
}

void Outbox::settleUpload(const OutboxEntry &entry, const QString &failure)
{
    OutboxEntry settled = entry;
    if (failure.isEmpty()) {
        settled.attachment.transfer = Attachment::Transfer::Ready;
        settled.attachment.error.clear();
    } else {
        settled.attachment.url.clear();
        settled.attachment.transfer = Attachment::Transfer::UploadFailed;
        settled.attachment.error = failure;
    }
    writeAttachment(settled, [this, settled, failure](const std::optional<Message> &m) {
        if (m)
            emit messageChanged(*m);
        if (!failure.isEmpty())
            emit uploadFailed(settled.peer, settled.originId, failure);
        flush();
    });
}

void Outbox::retryUpload(const QString &peer, const QString &originId)
{
    m_context.profile->worker()
        .run([keys = m_context.keys, peer,
              originId](store::Database &db) -> Result<std::optional<OutboxEntry>> {
            auto row = OutboxRepository(db).find(keys->originIdTag(originId));
            if (!row)
                return row.error();
            auto entry = row.value() ? openEntry(*keys, *row.value()) : std::nullopt;
            if (entry && entry->peer == peer && entry->kind == OutboxEntry::Kind::Attachment)
                return entry;
            return std::optional<OutboxEntry>();
        })
        .then(this, [this](Result<std::optional<OutboxEntry>> entry) {
            if (!entry || !entry.value())
                return;
            OutboxEntry retried = *entry.value();
            retried.attachment.transfer = Attachment::Transfer::Local;
            retried.attachment.error.clear();
            writeAttachment(retried, [this](const std::optional<Message> &m) {
                if (m)
                    emit messageChanged(*m);
                flush();
            });
        });
}

void Outbox::writeAttachment(const OutboxEntry &entry,
                             std::function<void(const std::optional<Message> &)> then)
{
    m_context.profile->worker()
        .run([keys = m_context.keys, entry](store::Database &db) -> Result<std::optional<Message>> {
            std::optional<Message> changed;
            auto done = db.transaction([&](store::Database &tx) -> Result<void> {
                const QByteArray tag = keys->originIdTag(entry.originId);
                auto sealed =
                    keys->seal(entry.encode(), OutboxRepository::sealedAssociatedData(tag));
                if (!sealed)
                    return sealed.error();
                if (auto replaced = OutboxRepository(tx).replaceSealed(tag, sealed.value());
                    !replaced)
                    return replaced.error();
                auto m = AttachmentRows::updateByOriginId(
                    tx, *keys, entry.peer, entry.originId, [&](Attachment &a) {
                        a.url = entry.attachment.url;
                        a.transfer = entry.attachment.transfer;
                        a.error = entry.attachment.error;
                    });
                if (!m)
                    return m.error();
                changed = m.value();
                return {};
            });
            if (!done)
                return done.error();
            return changed;
        })
        .then(this, [this, then = std::move(then)](Result<std::optional<Message>> changed) {
            if (!changed) {
                emit storageError(QString::fromStdString(changed.error().code));
                return;
            }
            then(changed.value());
        });
}

void Outbox::sendAll(const std::vector<OutboxEntry> &entries)
{
    for (const auto &entry : entries) {
        const bool routed = m_route.owns && m_route.owns(entry.peer);
        // Offline again: the next session sends the rest (and this one) again.
        if (!m_context.channel.send(routed ? m_route.encode(entry) : StanzaCodec::encode(entry)))
            return;
    }
}

void Outbox::setRoute(Route route)
{
    m_route = std::move(route);
}

void Outbox::setReady(QSet<QString> peers)
{
    const bool more = !(peers - m_ready).isEmpty();
    m_ready = std::move(peers);
    if (more)
        flush();
}

Outbox::Held Outbox::waiting() const
{
    if (!m_route.owns)
        return {};
    return [owns = m_route.owns, ready = m_ready](const QString &peer) {
        return owns(peer) && !ready.contains(peer);
    };
}

void Outbox::onAcked(const xmpp::XmlElement &stanza)
{
    if (stanza.name() != QLatin1String("message"))
        return;
    const QString originId =
        stanza.firstChild(QStringLiteral("origin-id"), xmpp::ns::Sid).attribute("id");
    if (originId.isEmpty())
        return;
    const QString peer = xmpp::Jid(stanza.attribute(QStringLiteral("to"))).bare().toString();
    if (m_route.owns && m_route.owns(peer))
        return; // the route confirms it (a group: when the room reflects it)
    if (const auto composed = m_composedMs.constFind(originId); composed != m_composedMs.cend()) {
        if (stanza.hasChild(QStringLiteral("body"), xmpp::ns::Client) &&
            !stanza.hasChild(QStringLiteral("retract"), xmpp::ns::Retract)) {
            m_announced.insert(originId);
            emit acked(peer, originId, composed.value());
        }
    }
    confirm({{peer, originId}});
}

void Outbox::confirm(const QList<Sent> &sent)
{
    struct Confirmed {
        QList<Message> acked;  // own messages the server has
        QList<Message> raised; // of those, the ones that became Sent now
        QStringList removed;   // origin ids taken out of the outbox
        ConversationLedger::Changes conversations;
        qint64 pending = 0;
    };
    m_context.profile->worker()
        .run([keys = m_context.keys, sent, writer = m_context.ledger.writer()](
                 store::Database &db) mutable -> Result<Confirmed> {
            Confirmed out;
            auto done = db.transaction([&](store::Database &tx) -> Result<void> {
                OutboxRepository outbox(tx);
                MessageRepository messages(tx);
                for (const auto &[peer, originId] : sent) {
                    const QByteArray tag = keys->originIdTag(originId);
                    auto removed = outbox.remove(tag);
                    if (!removed)
                        return removed.error();
                    if (!removed.value())
                        continue;
                    out.removed.append(originId);
                    auto row = messages.findByOriginIdTag(keys->conversationTag(peer), tag);
                    if (!row)
                        return row.error();
                    if (!row.value())
                        continue; // a recall: no message of its own
                    const auto sentState = static_cast<qint64>(Message::State::Sent);
                    auto raised = messages.raiseState(row.value()->id, sentState);
                    if (!raised)
                        return raised.error();
                    row.value()->state = std::max(row.value()->state, sentState);
                    auto m = MessageRecord::open(*keys, *row.value());
                    if (!m)
                        continue;
                    out.acked.append(*m);
                    if (!raised.value())
                        continue;
                    if (auto reflected = writer.reflectState(tx, *m); !reflected)
                        return reflected.error();
                    out.raised.append(*m);
                }
                if (auto committed = writer.commit(tx); !committed)
                    return committed;
                auto count = outbox.count();
                if (!count)
                    return count.error();
                out.pending = count.value();
                return {};
            });
            if (!done)
                return done.error();
            out.conversations = writer.changes();
            return out;
        })
        .then(this, [this](Result<Confirmed> confirmed) {
            if (!confirmed) {
                emit storageError(QString::fromStdString(confirmed.error().code));
                return;
            }
            m_pending = static_cast<int>(confirmed->pending);
            for (const auto &m : confirmed->acked) {
                if (!m_announced.remove(m.originId))
                    emit acked(m.peer, m.originId, m_composedMs.value(m.originId));
            }
            for (const auto &m : confirmed->raised)
                emit messageChanged(m);
            for (const auto &originId : confirmed->removed) {
                m_composedMs.remove(originId);
                m_announced.remove(originId);
            }
            m_context.ledger.publish(confirmed->conversations);
            if (!confirmed->removed.isEmpty())
                emit pendingChanged(pendingCount());
        });
}

} // namespace imp::chat::messages
