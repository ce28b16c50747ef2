#include "chat/messages/ConversationLedger.h"

#include "chat/Keyring.h"
#include "chat/Profile.h"
#include "chat/messages/ConversationRecord.h"
#include "common/Log.h"
#include "store/ConversationRepository.h"
#include "store/DatabaseWorker.h"

namespace imp::chat::messages {

using store::ConversationRepository;

ConversationLedger::Writer::Writer(std::shared_ptr<const Keyring> keys,
                                   QHash<QString, QString> titles)
    : m_keys(std::move(keys))
    , m_titles(std::move(titles))
{}

Result<Conversation *> ConversationLedger::Writer::row(store::Database &tx, const QString &peer,
                                                       bool create)
{
    if (auto it = m_rows.find(peer); it != m_rows.end())
        return &it.value();
    auto found = ConversationRepository(tx).find(m_keys->conversationTag(peer));
    if (!found)
        return found.error();
    std::optional<Conversation> c;
    if (found.value())
        c = ConversationRecord::open(*m_keys, *found.value());
    if (!c) {
        if (!create)
            return static_cast<Conversation *>(nullptr);
        c = Conversation{};
        c->peer = peer;
        c->title = peer.section(QLatin1Char('@'), 0, 0);
    }
    if (const QString title = m_titles.value(peer); !title.isEmpty())
        c->title = title;
    return &m_rows.insert(peer, *c).value();
}

Result<void> ConversationLedger::Writer::commit(store::Database &tx)
{
    for (const auto &peer : std::as_const(m_dirty)) {
        auto sealed = ConversationRecord::seal(*m_keys, m_rows.value(peer));
        if (!sealed)
            return sealed.error();
        if (auto done = ConversationRepository(tx).upsert(sealed.value()); !done)
            return done.error();
        m_changed.insert(peer);
    }
    m_dirty.clear();
    return {};
}

Result<void> ConversationLedger::Writer::fold(store::Database &tx, const Message &m,
                                              bool countUnread)
{
    auto found = row(tx, m.peer, true);
    if (!found)
        return found.error();
    Conversation &c = *found.value();
    if (!c.lastActivity.isValid() || m.time >= c.lastActivity) {
        c.lastActivity = m.time;
        c.preview = ConversationRecord::previewOf(m.body);
        c.previewKind = m.recalled ? Attachment::Kind::None : m.attachment.kind;
        c.previewRecalled = m.recalled;
        c.lastOutgoing = m.outgoing;
        c.previewSender = m.outgoing ? QString() : m.senderName;
        c.lastState = m.state;
    }
    if (countUnread && !m.outgoing)
        ++c.unread;
    touch(c.peer);
    return {};
}

Result<void> ConversationLedger::Writer::reflectState(store::Database &tx, const Message &m)
{
    auto found = row(tx, m.peer, false);
    if (!found)
        return found.error();
    Conversation *c = found.value();
    if (!c || !c->lastOutgoing || !c->lastActivity.isValid() || c->lastActivity > m.time ||
        c->lastState == m.state)
        return {};
    c->lastState = m.state;
    touch(c->peer);
    return {};
}

Result<void> ConversationLedger::Writer::reflectRecall(store::Database &tx, const Message &m)
{
    auto found = row(tx, m.peer, false);
    if (!found)
        return found.error();
    Conversation *c = found.value();
    if (!c || !c->lastActivity.isValid() || c->lastActivity > m.time)
        return {};
    c->preview.clear();
    c->previewRecalled = true;
    c->previewKind = Attachment::Kind::None;
    c->lastOutgoing = m.outgoing;
    touch(c->peer);
    return {};
}

Result<void> ConversationLedger::Writer::clearUnread(store::Database &tx, const QString &peer)
{
    auto found = row(tx, peer, false);
    if (!found)
        return found.error();
    Conversation *c = found.value();
    if (!c || c->unread == 0)
        return {};
    c->unread = 0;
    touch(c->peer);
    return {};
}

Result<void> ConversationLedger::Writer::setPinned(store::Database &tx, const QString &peer,
                                                   bool pinned)
{
    auto found = row(tx, peer, false);
    if (!found)
        return found.error();
    Conversation *c = found.value();
    if (!c || c->pinned == pinned)
        return {};
    c->pinned = pinned;
    touch(c->peer);
    return {};
}

Result<void> ConversationLedger::Writer::setTitle(store::Database &tx, const QString &peer,
                                                  const QString &title)
{
    m_titles.insert(peer, title);
    m_rows.remove(peer); // read again so the stored title is compared, not the new one
    auto found = ConversationRepository(tx).find(m_keys->conversationTag(peer));
    if (!found)
        return found.error();
    if (!found.value())
        return {};
    auto c = ConversationRecord::open(*m_keys, *found.value());
    if (!c)
        return {};
    const bool same = c->title == title;
    c->title = title;
    m_rows.insert(peer, *c);
    if (!same)
        touch(peer);
    return {};
}

ConversationLedger::Changes ConversationLedger::Writer::changes() const
{
    Changes out;
    for (const auto &peer : m_changed)
        out.insert(peer, m_rows.value(peer));
    return out;
}

ConversationLedger::ConversationLedger(std::shared_ptr<Profile> profile,
                                       std::shared_ptr<const Keyring> keys, QObject *parent)
    : QObject(parent)
    , m_profile(std::move(profile))
    , m_keys(std::move(keys))
{}

ConversationLedger::Writer ConversationLedger::writer() const
{
    return Writer(m_keys, m_titles);
}

void ConversationLedger::publish(const Changes &changes)
{
    for (const auto &c : changes)
        emit conversationChanged(c);
}

void ConversationLedger::change(std::function<Result<void>(Writer &, store::Database &)> op)
{
    m_profile->worker()
        .run([writer = writer(),
              op = std::move(op)](store::Database &db) mutable -> Result<Changes> {
            auto done = db.transaction([&](store::Database &tx) -> Result<void> {
                if (auto changed = op(writer, tx); !changed)
                    return changed;
                return writer.commit(tx);
            });
            if (!done)
                return done.error();
            return writer.changes();
        })
        .then(this, [this](Result<Changes> changes) {
            if (!changes) {
                IMP_LOG_WARN("conversations: a change was not stored ({})", changes.error().code);
                return;
            }
            publish(changes.value());
        });
}

QFuture<Result<QList<Conversation>>> ConversationLedger::conversations()
{
    return m_profile->worker().run(
        [keys = m_keys](store::Database &db) -> Result<QList<Conversation>> {
            auto rows = ConversationRepository(db).list();
            if (!rows)
                return rows.error();
            QList<Conversation> list;
            for (const auto &row : rows.value()) {
                if (auto c = ConversationRecord::open(*keys, row))
                    list.append(*c);
            }
            return list;
        });
}

void ConversationLedger::clearUnread(const QString &peer)
{
    change([peer](Writer &w, store::Database &db) { return w.clearUnread(db, peer); });
}

void ConversationLedger::setPinned(const QString &peer, bool pinned)
{
    change(
        [peer, pinned](Writer &w, store::Database &db) { return w.setPinned(db, peer, pinned); });
}

void ConversationLedger::setTitle(const QString &peer, const QString &title)
{
    if (title.isEmpty() || m_titles.value(peer) == title)
        return;
    m_titles.insert(peer, title);
    change([peer, title](Writer &w, store::Database &db) { return w.setTitle(db, peer, title); });
}

} // namespace imp::chat::messages
