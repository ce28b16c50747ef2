#include "chat/MessageService.h"

#include "chat/AccountService.h"
#include "chat/Keyring.h"
#include "chat/Profile.h"
#include "common/Log.h"
#include "store/ConversationRepository.h"
#include "store/Database.h"
#include "store/DatabaseWorker.h"
#include "store/MessageRepository.h"
#include "store/OutboxRepository.h"
#include "xmpp/ChatMessage.h"
#include "xmpp/Forwarded.h"
#include "xmpp/MamQuery.h"
#include "xmpp/Namespaces.h"
#include "xmpp/Presence.h"
#include "xmpp/XmppClient.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QPromise>
#include <QUuid>

namespace imp::chat {

// An outbox entry: what to send, rebuilt into a stanza when it is sent.
struct OutboxPayload {
    QString originId;
    QString peer;
    QString kind; // "msg" or "retract"
    QString body;
    QString retractId;
};

namespace {

constexpr const char *MamCursorSetting = "mam.last";
constexpr int MamPageSize = 250;
constexpr int OlderPageSize = 50;
// Scroll-back asks the archive at most this many times for one page of the chat.
constexpr int MaxOlderRounds = 20;
constexpr size_t HeldDuringSync = 400; // below Prosody's 500 unacknowledged stanzas
constexpr int PreviewLength = 200;
constexpr qint64 DirectionIn = 0;
constexpr qint64 DirectionOut = 1;
constexpr auto TypingTimeout = std::chrono::seconds(30);
constexpr auto ComposingPause = std::chrono::seconds(5);

using store::MessageRepository;
using store::MessageRow;

// Message times are kept to the second, like the server's archive stamps (XEP-0203): a live
// message and one caught up from the archive in the same second then tie, and the tie is broken
// by arrival order (row id), so a catch-up never sorts before what was already shown.
QDateTime nowToTheSecond()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    return QDateTime::fromSecsSinceEpoch(now.toSecsSinceEpoch(), Qt::UTC);
}

struct Context {
    std::shared_ptr<Keyring> keys;
};

QByteArray toJson(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QJsonObject fromJson(const QByteArray &bytes)
{
    return QJsonDocument::fromJson(bytes).object();
}

// What is sealed for one message. Plain columns (ts, direction, state, flags) are not repeated.
QByteArray sealedMessagePayload(const Message &m)
{
    return toJson({{"p", m.peer},
                   {"s", m.sender},
                   {"i", m.stanzaId},
                   {"o", m.originId},
                   {"a", m.archiveId},
                   {"b", m.body}});
}

std::optional<Message> openMessage(const Keyring &keys, const MessageRow &row)
{
    auto opened = keys.open(row.sealed, MessageRepository::sealedAssociatedData(row));
    if (!opened) {
        IMP_LOG_WARN("store: a message does not open ({})", opened.error().code);
        return std::nullopt;
    }
    const QJsonObject o = fromJson(opened.value());
    Message m;
    m.id = row.id;
    m.peer = o.value("p").toString();
    m.sender = o.value("s").toString();
    m.stanzaId = o.value("i").toString();
    m.originId = o.value("o").toString();
    m.archiveId = o.value("a").toString();
    m.body = o.value("b").toString();
    m.time = QDateTime::fromMSecsSinceEpoch(row.ts, Qt::UTC);
    m.outgoing = row.direction == DirectionOut;
    m.state = static_cast<Message::State>(row.state);
    m.recalled = (row.flags & MessageRepository::kFlagRecalled) != 0;
    return m;
}

// The row identity of a message: its origin id when it has one, else the sender's stanza id
// (XEP-0359 says clients may use it when no origin id exists), so a copy that arrives again
// through MAM or carbons is recognised.
QByteArray originTagOf(const Keyring &keys, const Message &m)
{
    if (!m.originId.isEmpty())
        return keys.originIdTag(m.originId);
    if (!m.stanzaId.isEmpty())
        return keys.tag("mid", m.sender + QLatin1Char('/') + m.stanzaId);
    return {};
}

Result<MessageRow> sealMessage(const Keyring &keys, const Message &m)
{
    MessageRow row;
    row.conversationTag = keys.conversationTag(m.peer);
    row.ts = m.time.toMSecsSinceEpoch();
    row.stanzaIdTag = m.archiveId.isEmpty() ? QByteArray() : keys.stanzaIdTag(m.archiveId);
    row.originIdTag = originTagOf(keys, m);
    if (row.stanzaIdTag.isNull() && row.originIdTag.isNull())
        row.originIdTag = keys.tag("local", QUuid::createUuid().toString(QUuid::WithoutBraces));
    row.direction = m.outgoing ? DirectionOut : DirectionIn;
    row.state = static_cast<qint64>(m.state);
    row.flags = m.recalled ? MessageRepository::kFlagRecalled : 0;
    auto sealed = keys.seal(sealedMessagePayload(m), MessageRepository::sealedAssociatedData(row));
    if (!sealed)
        return sealed.error();
    row.sealed = sealed.value();
    return row;
}

QString previewOf(const QString &body)
{
    QString line = body.section(QLatin1Char('\n'), 0, 0).trimmed();
    if (line.size() > PreviewLength)
        line = line.left(PreviewLength) + QStringLiteral("…");
    return line;
}

// Conversation rows: the peer, title and preview are sealed; time, unread count and pin are
// plain (DESIGN.md §3 residue).
std::optional<Conversation> openConversation(const Keyring &keys, const store::ConversationRow &row)
{
    auto opened =
        keys.open(row.sealed, store::ConversationRepository::sealedAssociatedData(row.tag));
    if (!opened)
        return std::nullopt;
    const QJsonObject o = fromJson(opened.value());
    Conversation c;
    c.peer = o.value("p").toString();
    c.title = o.value("t").toString();
    c.preview = o.value("v").toString();
    c.previewRecalled = o.value("r").toBool();
    c.lastOutgoing = o.value("o").toBool();
    c.lastState = static_cast<Message::State>(o.value("s").toInt());
    if (row.lastTs > 0)
        c.lastActivity = QDateTime::fromMSecsSinceEpoch(row.lastTs, Qt::UTC);
    c.unread = static_cast<int>(row.unread);
    c.pinned = row.pinned;
    return c;
}

Result<store::ConversationRow> sealConversation(const Keyring &keys, const Conversation &c)
{
    store::ConversationRow row;
    row.tag = keys.conversationTag(c.peer);
    row.lastTs = c.lastActivity.isValid() ? c.lastActivity.toMSecsSinceEpoch() : 0;
    row.unread = c.unread;
    row.pinned = c.pinned;
    auto sealed = keys.seal(toJson({{"p", c.peer},
                                    {"t", c.title},
                                    {"v", c.preview},
                                    {"r", c.previewRecalled},
                                    {"o", c.lastOutgoing},
                                    {"s", static_cast<int>(c.lastState)}}),
                            store::ConversationRepository::sealedAssociatedData(row.tag));
    if (!sealed)
        return sealed.error();
    row.sealed = sealed.value();
    return row;
}

Result<Conversation> loadConversation(store::Database &db, const Keyring &keys, const QString &peer)
{
    store::ConversationRepository repo(db);
    auto found = repo.find(keys.conversationTag(peer));
    if (!found)
        return found.error();
    if (found.value()) {
        if (auto c = openConversation(keys, *found.value()))
            return *c;
    }
    Conversation fresh;
    fresh.peer = peer;
    fresh.title = peer.section(QLatin1Char('@'), 0, 0);
    return fresh;
}

// Folds a new message into its conversation row (same transaction as the message).
Result<Conversation> foldIntoConversation(store::Database &db, const Keyring &keys,
                                          const Message &m, bool countUnread, const QString &title)
{
    auto loaded = loadConversation(db, keys, m.peer);
    if (!loaded)
        return loaded.error();
    Conversation c = loaded.value();
    if (!title.isEmpty())
        c.title = title;
    if (!c.lastActivity.isValid() || m.time >= c.lastActivity) {
        c.lastActivity = m.time;
        c.preview = previewOf(m.body);
        c.previewRecalled = m.recalled;
        c.lastOutgoing = m.outgoing;
        c.lastState = m.state;
    }
    if (countUnread && !m.outgoing)
        ++c.unread;
    auto row = sealConversation(keys, c);
    if (!row)
        return row.error();
    if (auto put = store::ConversationRepository(db).upsert(row.value()); !put)
        return put.error();
    return c;
}

QByteArray outboxPayload(const OutboxPayload &p)
{
    return toJson(
        {{"o", p.originId}, {"p", p.peer}, {"k", p.kind}, {"b", p.body}, {"r", p.retractId}});
}

OutboxPayload outboxFromJson(const QByteArray &bytes)
{
    const QJsonObject o = fromJson(bytes);
    return {o.value("o").toString(), o.value("p").toString(), o.value("k").toString(),
            o.value("b").toString(), o.value("r").toString()};
}

const QString RetractFallback =
    QStringLiteral("This person attempted to retract a previous message, but it's unsupported "
                   "by your client.");

xmpp::XmlElement stanzaFor(const OutboxPayload &p)
{
    xmpp::ChatMessage m;
    m.id = p.originId;
    m.originId = p.originId;
    m.to = xmpp::Jid(p.peer);
    if (p.kind == QLatin1String("retract")) {
        m.retractId = p.retractId;
        m.body = RetractFallback;
    } else {
        m.body = p.body;
        m.receiptRequest = true;
        m.markable = true;
        m.chatState = xmpp::ChatMessage::ChatState::Active;
    }
    return m.toStanza();
}

// The conversation row shows the last message's ticks: follow a state change of that message.
std::optional<Conversation> reflectState(store::Database &db, const Keyring &keys, const Message &m)
{
    auto loaded = loadConversation(db, keys, m.peer);
    if (!loaded || !loaded->lastOutgoing || !loaded->lastActivity.isValid() ||
        loaded->lastActivity > m.time || loaded->lastState == m.state)
        return std::nullopt;
    Conversation c = loaded.value();
    c.lastState = m.state;
    auto row = sealConversation(keys, c);
    if (!row || !store::ConversationRepository(db).upsert(row.value()))
        return std::nullopt;
    return c;
}

} // namespace

struct MessageService::Incoming {
    Message message;
    quint64 token = 0; // XmppClient::deferInbound() token; 0 = none
    QString receiptTo; // full JID to confirm delivery to (XEP-0184); empty = none
    bool countUnread = true;
    bool live = false; // received now (not from the archive): never sorts before what is stored
};

struct MessageService::OutboxItem {
    OutboxPayload payload;
    qint64 composedMs = 0; // 0 when loaded from disk after a restart
};

struct MessageService::Composed {
    OutboxPayload payload;
    std::optional<Message> shown;
    qint64 composedMs = 0;
};

MessageService::MessageService(std::shared_ptr<Profile> profile, AccountService &account,
                               QObject *parent)
    : QObject(parent)
    , m_profile(std::move(profile))
    , m_account(account)
    , m_keys(Keyring::forChat(*m_profile))
{
    m_incomingTimer.setSingleShot(true);
    m_incomingTimer.setInterval(0);
    m_storeTimer.setSingleShot(true);
    m_storeTimer.setInterval(0);
    connect(&m_storeTimer, &QTimer::timeout, this, &MessageService::storeComposed);
    connect(&m_incomingTimer, &QTimer::timeout, this, &MessageService::flushIncoming);
    m_catchUpRetry.setSingleShot(true);
    m_catchUpRetry.setInterval(std::chrono::seconds(5));
    connect(&m_catchUpRetry, &QTimer::timeout, this, [this] {
        if (m_account.xmpp().state() == xmpp::XmppClient::State::Online)
            startCatchUp(); // offline: the next session's catch-up does it
    });
    m_composingTimer.setSingleShot(true);
    connect(&m_composingTimer, &QTimer::timeout, this, [this] {
        if (!m_composingPeer.isEmpty())
            sendChatState(m_composingPeer, xmpp::ChatMessage::ChatState::Paused);
        m_composingPeer.clear();
    });
}

MessageService::~MessageService() = default;

QString MessageService::ownJid() const
{
    return xmpp::Jid(m_account.account().jid).bare().toString();
}

void MessageService::start()
{
    auto &client = m_account.xmpp();
    connect(&client, &xmpp::XmppClient::sessionStarted, this, &MessageService::onSessionStarted);
    connect(&client, &xmpp::XmppClient::stanzaReceived, this, &MessageService::onStanza);
    connect(&client, &xmpp::XmppClient::stanzaAcked, this, &MessageService::onAcked);
    connect(&client, &xmpp::XmppClient::stateChanged, this, [this](xmpp::XmppClient::State state) {
        if (state != xmpp::XmppClient::State::Online)
            m_catchUpComplete = false; // until the next session says otherwise
    });

    auto keys = m_keys;
    m_profile->worker()
        .run([keys](store::Database &db) -> Result<std::vector<OutboxPayload>> {
            auto rows = store::OutboxRepository(db).pending(100000);
            if (!rows)
                return rows.error();
            std::vector<OutboxPayload> items;
            for (const auto &row : rows.value()) {
                auto opened = keys->open(
                    row.sealed, store::OutboxRepository::sealedAssociatedData(row.originIdTag));
                if (!opened) {
                    IMP_LOG_WARN("outbox: an entry does not open; kept for inspection");
                    continue;
                }
                items.push_back(outboxFromJson(opened.value()));
            }
            return items;
        })
        .then(this, [this](Result<std::vector<OutboxPayload>> items) {
            if (!items) {
                emit storageError(QString::fromStdString(items.error().code));
                return;
            }
            for (auto &p : items.value()) {
                m_outboxOrder.push_back(p.originId);
                m_outbox.insert(p.originId, OutboxItem{p});
            }
            IMP_LOG_INFO("outbox: {} message(s) waiting", m_outboxOrder.size());
            emit outboxChanged(pendingCount());
            m_started = true;
            if (m_account.xmpp().state() == xmpp::XmppClient::State::Online)
                flushOutbox();
        });
}

// --- Sending -------------------------------------------------------------------------------

bool MessageService::send(const QString &peer, const QString &text)
{
    const xmpp::Jid to(peer);
    if (to.isEmpty() || text.trimmed().isEmpty() || text.size() > MaxBodyLength)
        return false;
    Message m;
    m.peer = to.bare().toString();
    m.sender = ownJid();
    m.originId = xmpp::ChatMessage::newId();
    m.stanzaId = m.originId;
    m.body = text;
    m.time = nowToTheSecond();
    m.outgoing = true;
    m.state = Message::State::Sending;
    if (m_composingPeer == m.peer) {
        m_composingTimer.stop();
        m_composingPeer.clear();
    }
    enqueue(OutboxPayload{m.originId, m.peer, QStringLiteral("msg"), text, {}}, m);
    return true;
}

void MessageService::enqueue(const OutboxPayload &payload, std::optional<Message> shown)
{
    // Everything composed in one event-loop turn (a paste of many lines, `send --stdin`) is
    // written in one transaction: one fsync instead of one per message.
    ++m_storing;
    m_toStore.push_back({payload, std::move(shown), QDateTime::currentMSecsSinceEpoch()});
    if (!m_storeTimer.isActive())
        m_storeTimer.start();
}

void MessageService::storeComposed()
{
    auto batch = std::move(m_toStore);
    m_toStore.clear();
    if (batch.empty())
        return;
    auto keys = m_keys;
    auto titles = m_titles;
    struct Stored {
        std::vector<std::optional<Message>> messages;
        QHash<QString, Conversation> conversations;
    };
    m_profile->worker()
        .run([keys, batch, titles](store::Database &db) -> Result<Stored> {
            Stored stored;
            auto done = db.transaction([&](store::Database &tx) -> Result<void> {
                for (const auto &item : batch) {
                    const OutboxPayload &payload = item.payload;
                    store::OutboxRow out;
                    out.originIdTag = keys->originIdTag(payload.originId);
                    out.conversationTag = keys->conversationTag(payload.peer);
                    out.createdTs = item.composedMs;
                    auto sealed =
                        keys->seal(outboxPayload(payload),
                                   store::OutboxRepository::sealedAssociatedData(out.originIdTag));
                    if (!sealed)
                        return sealed.error();
                    out.sealed = sealed.value();
                    if (auto queued = store::OutboxRepository(tx).enqueue(out); !queued)
                        return queued.error();
                    if (!item.shown) {
                        stored.messages.emplace_back();
                        continue;
                    }
                    auto row = sealMessage(*keys, *item.shown);
                    if (!row)
                        return row.error();
                    auto inserted = MessageRepository(tx).insertBatch({row.value()});
                    if (!inserted)
                        return inserted.error();
                    Message m = *item.shown;
                    m.id = inserted.value().front().id;
                    stored.messages.emplace_back(m);
                    auto c = foldIntoConversation(tx, *keys, m, false, titles.value(m.peer));
                    if (!c)
                        return c.error();
                    stored.conversations.insert(m.peer, c.value());
                }
                return {};
            });
            if (!done)
                return done.error();
            return stored;
        })
        .then(this, [this, batch](Result<Stored> stored) {
            m_storing -= static_cast<int>(batch.size());
            if (!stored) {
                IMP_LOG_ERROR("outbox: could not store {} message(s) ({})", batch.size(),
                              stored.error().code);
                emit storageError(QString::fromStdString(stored.error().code));
                emit outboxChanged(pendingCount());
                return;
            }
            for (size_t i = 0; i < batch.size(); ++i) {
                const auto &payload = batch[i].payload;
                m_outboxOrder.push_back(payload.originId);
                m_outbox.insert(payload.originId, OutboxItem{payload, batch[i].composedMs});
                if (stored->messages[i])
                    emit messageAdded(*stored->messages[i]);
            }
            emit outboxChanged(pendingCount());
            for (const auto &c : std::as_const(stored->conversations))
                emit conversationChanged(c);
            if (m_started && m_account.xmpp().state() == xmpp::XmppClient::State::Online)
                flushOutbox();
        });
}

void MessageService::flushOutbox()
{
    // In composing order; each at most once per session (a resumed session retransmits what
    // the server had not acknowledged by itself).
    for (const auto &originId : m_outboxOrder) {
        if (m_inFlight.contains(originId))
            continue;
        const auto it = m_outbox.constFind(originId);
        if (it == m_outbox.constEnd())
            continue;
        if (!m_account.xmpp().send(stanzaFor(it->payload)))
            return; // offline again: the rest waits for the next session
        m_inFlight.insert(originId);
    }
}

void MessageService::onAcked(const xmpp::XmlElement &stanza)
{
    if (stanza.name() != QLatin1String("message"))
        return;
    const QString originId =
        stanza.firstChild(QStringLiteral("origin-id"), xmpp::ns::Sid).attribute("id");
    const auto it = m_outbox.find(originId);
    if (originId.isEmpty() || it == m_outbox.end())
        return;
    const OutboxPayload payload = it->payload;
    const qint64 composedMs = it->composedMs;
    m_outbox.erase(it);
    m_outboxOrder.erase(std::remove(m_outboxOrder.begin(), m_outboxOrder.end(), originId),
                        m_outboxOrder.end());
    m_inFlight.remove(originId);
    if (payload.kind == QLatin1String("msg"))
        emit messageAcked(payload.peer, originId, composedMs);
    emit outboxChanged(pendingCount());

    auto keys = m_keys;
    m_profile->worker()
        .run([keys, payload](store::Database &db) -> Result<std::optional<Message>> {
            const QByteArray originTag = keys->originIdTag(payload.originId);
            if (auto removed = store::OutboxRepository(db).remove(originTag); !removed)
                return removed.error();
            if (payload.kind != QLatin1String("msg"))
                return std::optional<Message>();
            MessageRepository repo(db);
            auto row = repo.findByOriginIdTag(keys->conversationTag(payload.peer), originTag);
            if (!row)
                return row.error();
            if (!row.value())
                return std::optional<Message>();
            auto raised =
                repo.raiseState(row.value()->id, static_cast<qint64>(Message::State::Sent));
            if (!raised)
                return raised.error();
            if (!raised.value())
                return std::optional<Message>();
            row.value()->state = static_cast<qint64>(Message::State::Sent);
            auto m = openMessage(*keys, *row.value());
            if (m)
                (void)reflectState(db, *keys, *m);
            return m;
        })
        .then(this, [this, peer = payload.peer](Result<std::optional<Message>> changed) {
            if (!changed) {
                emit storageError(QString::fromStdString(changed.error().code));
                return;
            }
            if (changed.value()) {
                emit messageChanged(*changed.value());
                refreshConversation(peer);
            }
        });
}

// --- Session ---------------------------------------------------------------------------------

void MessageService::onSessionStarted(bool resumed)
{
    auto &client = m_account.xmpp();
    if (!resumed) {
        // A fresh session: nothing of the old one will be retransmitted; send it all again (the
        // peer drops duplicates by origin id), turn carbons on, and catch up from the archive.
        m_inFlight.clear();
        // Available first: from here on the server delivers live, and the catch-up below is
        // processed after it, so every message is either live or in the archive's answer.
        client.send(xmpp::Presence::available());
        xmpp::XmlElement iq(QStringLiteral("iq"), xmpp::ns::Client);
        iq.setAttribute(QStringLiteral("type"), QStringLiteral("set"));
        iq.addChild(xmpp::XmlElement(QStringLiteral("enable"), xmpp::ns::Carbons));
        m_account.xmpp().sendIq(iq, this, [](Result<xmpp::XmlElement> reply) {
            if (!reply)
                IMP_LOG_WARN("carbons: not enabled ({})", reply.error().code);
        });
        startCatchUp();
    }
    if (resumed) {
        m_catchUpComplete = true; // nothing was missed
        flushIncoming();
    }
    if (m_started)
        flushOutbox();
}

void MessageService::startCatchUp()
{
    if (m_syncing)
        return;
    m_syncing = true;
    m_syncDone = 0;
    m_profile->setting(MamCursorSetting)
        .then(this, [this](Result<std::optional<QByteArray>> cursor) {
            if (!cursor) {
                IMP_LOG_WARN("history sync: cursor unreadable ({})", cursor.error().code);
                endCatchUp();
                return;
            }
            // Forward from the last archive id this device stored. A device that never synced
            // (a new phone for an old account) takes the archive's newest page only: older
            // history comes on scroll-back (pageWithHistory), not all at once at login.
            const bool firstSync = !cursor->has_value();
            requestArchivePage(firstSync ? QString() : QString::fromUtf8(**cursor), firstSync);
        });
}

void MessageService::endCatchUp()
{
    // Finished or given up (the next fresh session tries again from the stored cursor): live
    // messages held meanwhile go through now.
    m_syncing = false;
    m_catchUpComplete = true;
    flushIncoming();
}

void MessageService::requestArchivePage(const QString &after, bool newestOnly)
{
    xmpp::MamQuery query;
    query.queryId = xmpp::ChatMessage::newId();
    query.max = MamPageSize;
    if (newestOnly)
        query.before = QString();
    else if (!after.isEmpty())
        query.after = after;
    const QString queryId = query.queryId;
    m_mamBatches[queryId];
    m_account.xmpp().sendIq(
        query.toIq(), this,
        [this, after, queryId, newestOnly](Result<xmpp::XmlElement> reply) {
            auto batch = m_mamBatches.take(queryId);
            if (!reply && !newestOnly && reply.error().code == "xmpp.iq.item-not-found") {
                // The archive no longer has our cursor (entries expire): start again from its
                // newest page, as a new device does; older history stays reachable by scroll-back.
                IMP_LOG_WARN("history sync: the archive forgot our position; newest page only");
                requestArchivePage(QString(), true);
                return;
            }
            if (!reply) {
                // Disconnected or refused: the next fresh session tries again from the same
                // cursor. Deferred acks are dropped with the session.
                IMP_LOG_WARN("history sync stopped ({})", reply.error().code);
                endCatchUp();
                return;
            }
            const auto fin = xmpp::MamFin::fromIq(reply.value());
            if (!fin) {
                IMP_LOG_WARN("history sync: the server's answer is malformed");
                endCatchUp();
                return;
            }
            const xmpp::MamFin page = *fin;
            if (page.count >= 0 && !newestOnly)
                m_syncTotal = page.count;
            for (auto &in : batch)
                in.countUnread = !newestOnly;
            const int pageSize = static_cast<int>(batch.size());
            storeIncoming(std::move(batch), [this, page, after, newestOnly, pageSize](int added) {
                if (added < 0) {
                    endCatchUp();
                    return;
                }
                m_syncDone += pageSize;
                emit syncProgress(m_syncDone, m_syncTotal);
                const QString next = page.last.isEmpty() ? after : page.last;
                if (!page.last.isEmpty())
                    m_profile->putSetting(MamCursorSetting, page.last.toUtf8());
                else if (after.isEmpty())
                    m_profile->putSetting(MamCursorSetting, {}); // synced, from the start
                if (newestOnly || page.complete || page.last.isEmpty()) {
                    endCatchUp();
                    IMP_LOG_INFO("history sync finished ({} messages)", m_syncDone);
                    emit syncFinished();
                    return;
                }
                requestArchivePage(next, false);
            });
        },
        std::chrono::seconds(60));
}

void MessageService::fetchOlder(const QString &peer, int wanted,
                                std::function<void(Result<int>, bool)> done)
{
    struct Oldest {
        QString archiveId; // "" = nothing from the archive yet: ask for its newest page
        qint64 ts = std::numeric_limits<qint64>::max();
    };
    auto keys = m_keys;
    m_profile->worker()
        .run([keys, peer](store::Database &db) -> Result<Oldest> {
            auto rows = MessageRepository(db).pageAfter(keys->conversationTag(peer),
                                                        MessageRepository::kOldest,
                                                        MessageRepository::kOldest, 50);
            if (!rows)
                return rows.error();
            Oldest oldest;
            if (!rows->empty())
                oldest.ts = rows->front().ts;
            for (const auto &row : rows.value()) {
                auto m = openMessage(*keys, row);
                if (m && !m->archiveId.isEmpty()) {
                    oldest.archiveId = m->archiveId;
                    break;
                }
            }
            return oldest;
        })
        .then(this, [this, peer, wanted, done = std::move(done)](Result<Oldest> oldest) {
            if (!oldest)
                return done(oldest.error(), false);
            xmpp::MamQuery query;
            query.queryId = xmpp::ChatMessage::newId();
            query.with = peer;
            // Continue from the oldest archive page already fetched: archive entries that
            // store nothing (receipts, markers, repeats) must not make us ask the same again.
            query.before = m_olderFrom.value(peer, oldest->archiveId);
            query.max = std::clamp(wanted, OlderPageSize, MamPageSize);
            const QString queryId = query.queryId;
            const qint64 oldestTs = oldest->ts;
            m_mamBatches[queryId];
            m_account.xmpp().sendIq(
                query.toIq(), this,
                [this, queryId, peer, oldestTs, done](Result<xmpp::XmlElement> reply) {
                    auto batch = m_mamBatches.take(queryId);
                    if (!reply)
                        return done(reply.error(), false);
                    const auto fin = xmpp::MamFin::fromIq(reply.value());
                    if (!fin)
                        return done(makeError("xmpp.mam.malformed", "no fin"), false);
                    const bool complete = fin->complete || fin->first.isEmpty();
                    if (complete)
                        m_archiveExhausted.insert(peer);
                    else
                        m_olderFrom.insert(peer, fin->first);
                    // Archive stamps have whole seconds and rows tie-break by arrival: keep older
                    // history strictly before what is shown, in archive order, a millisecond apart
                    // where the stamps tie.
                    qint64 below = oldestTs;
                    for (auto it = batch.rbegin(); it != batch.rend(); ++it) {
                        below = std::min(it->message.time.toMSecsSinceEpoch(), below - 1);
                        it->message.time = QDateTime::fromMSecsSinceEpoch(below, Qt::UTC);
                        it->countUnread = false;
                    }
                    storeIncoming(std::move(batch), [done, complete](int added) {
                        if (added < 0)
                            return done(makeError("store.error", "older history not stored"),
                                        false);
                        done(added, complete);
                    });
                });
        });
}

QFuture<Result<QList<Message>>>
MessageService::pageWithHistory(const QString &peer, std::optional<Cursor> before, int limit)
{
    auto promise = std::make_shared<QPromise<Result<QList<Message>>>>();
    auto future = promise->future();
    promise->start();
    // Read what this device has; while that is short of `limit`, ask the server's archive for
    // the page before it and read again, until the limit or the archive's start.
    auto attempt = std::make_shared<std::function<void(int)>>();
    auto answer = [promise, attempt](Result<QList<Message>> page) {
        promise->addResult(std::move(page));
        promise->finish();
        *attempt = nullptr; // break the cycle
    };
    *attempt = [this, peer, before, limit, attempt, answer](int round) {
        page(peer, before, limit)
            .then(this, [this, peer, limit, attempt, answer, round](Result<QList<Message>> local) {
                const bool online = m_account.xmpp().state() == xmpp::XmppClient::State::Online;
                if (!local || local->size() >= limit || m_archiveExhausted.contains(peer) ||
                    !online || round >= MaxOlderRounds)
                    return answer(std::move(local));
                const int missing = limit - static_cast<int>(local->size());
                // fetchOlder marks the archive's start (the next read stops there) and moves
                // back a page each time, even when that page brought nothing new to show. On
                // an error (offline, refused) what this device has is the answer.
                fetchOlder(peer, missing, [local, attempt, answer, round](Result<int> added, bool) {
                    if (!added)
                        return answer(local);
                    (*attempt)(round + 1);
                });
            });
    };
    (*attempt)(0);
    return future;
}

// --- Receiving -------------------------------------------------------------------------------

void MessageService::onStanza(const xmpp::XmlElement &stanza)
{
    if (stanza.name() != QLatin1String("message"))
        return;
    const xmpp::Jid own(ownJid());
    const auto forwarded = xmpp::Forwarded::unwrap(stanza, own);
    if (!forwarded) {
        IMP_LOG_WARN("xmpp: dropped a forged or malformed forwarded message");
        return;
    }
    if (forwarded->origin == xmpp::Forwarded::Origin::Archive) {
        const auto batch = m_mamBatches.find(forwarded->queryId);
        if (batch == m_mamBatches.end())
            return; // an answer to a query we no longer wait for
        handleArchived(*forwarded, *batch);
        return;
    }
    auto message = xmpp::ChatMessage::fromStanza(forwarded->message, own);
    if (!message)
        return;
    if (message->type != QLatin1String("chat") && message->type != QLatin1String("normal"))
        return;
    const bool carbonSent = forwarded->origin == xmpp::Forwarded::Origin::CarbonSent;
    const bool carbon = forwarded->origin != xmpp::Forwarded::Origin::Live;
    const QString peer = (carbonSent ? message->to : message->from).bare().toString();
    if (peer.isEmpty() || (!carbonSent && peer == own.toString()))
        return;

    if (!message->receiptFor.isEmpty() && !carbonSent)
        applyReceipt(peer, message->receiptFor, Message::State::Delivered);
    if (!message->displayedFor.isEmpty()) {
        if (carbonSent)
            clearUnread(peer); // read on another of our devices
        else
            applyReceipt(peer, message->displayedFor, Message::State::Read);
    }
    if (!message->retractId.isEmpty()) {
        const QString sender = carbonSent ? own.toString() : peer;
        // The message it recalls may not be stored yet (waiting in the live queue, or coming
        // with the catch-up): then it is applied after that store, not lost now.
        if (!m_liveQueue.empty() || m_syncing)
            m_pendingRetracts.push_back({peer, sender, message->retractId});
        else
            applyRetract(peer, sender, message->retractId);
        return;
    }
    if (!carbonSent && message->chatState != xmpp::ChatMessage::ChatState::None)
        setPeerTyping(peer, message->chatState == xmpp::ChatMessage::ChatState::Composing &&
                                message->body.isEmpty());
    if (message->body.isEmpty())
        return;

    Incoming in;
    in.message.peer = peer;
    in.message.sender = carbonSent ? own.toString() : peer;
    in.message.stanzaId = message->id;
    in.message.originId = message->originId;
    in.message.archiveId = message->stanzaId;
    in.message.body = message->body;
    in.message.time = message->delay.isValid() && message->delay < QDateTime::currentDateTimeUtc()
                          ? message->delay
                          : nowToTheSecond();
    in.message.outgoing = carbonSent;
    in.message.state = carbonSent ? Message::State::Sent : Message::State::Received;
    if (!carbon && message->receiptRequest && !message->id.isEmpty())
        in.receiptTo = message->from.toString();
    // Not acknowledged to the server (XEP-0198) before it is on disk.
    in.live = true;
    in.token = m_account.xmpp().deferInbound();
    m_liveQueue.push_back(std::move(in));
    // During a catch-up, live messages wait for it (up to a bound, so the server's queue of
    // unacknowledged stanzas stays small): the archive's copies are stored first, in archive
    // order, and a live message that the archive also holds is then a duplicate.
    if (!m_catchUpComplete && m_liveQueue.size() < HeldDuringSync)
        return;
    if (!m_incomingTimer.isActive())
        m_incomingTimer.start();
}

void MessageService::flushIncoming()
{
    if (m_liveQueue.empty())
        return;
    auto batch = std::move(m_liveQueue);
    m_liveQueue.clear();
    storeIncoming(std::move(batch), [this](int added) {
        if (added >= 0)
            return;
        // Not stored, so not acknowledged: the server keeps them. Later live messages wait,
        // as during a catch-up, until the archive (asked again shortly) brings the missing
        // ones back first: a full disk must not leave a hole that later messages sort past.
        m_catchUpComplete = false;
        if (!m_catchUpRetry.isActive())
            m_catchUpRetry.start();
    });
}

void MessageService::handleArchived(const xmpp::Forwarded &forwarded, std::vector<Incoming> &batch)
{
    const xmpp::Jid own(ownJid());
    auto message = xmpp::ChatMessage::fromStanza(forwarded.message, own);
    if (!message ||
        (message->type != QLatin1String("chat") && message->type != QLatin1String("normal")))
        return;
    const bool outgoing = message->from.isEmpty() || message->from.bare() == own;
    const QString peer = (outgoing ? message->to : message->from).bare().toString();
    if (peer.isEmpty() || peer == own.toString())
        return;
    // Receipts and markers are archived too (Prosody keeps them): apply what we missed.
    if (!outgoing && !message->receiptFor.isEmpty())
        m_pendingReceipts.push_back({peer, message->receiptFor, Message::State::Delivered});
    if (!outgoing && !message->displayedFor.isEmpty())
        m_pendingReceipts.push_back({peer, message->displayedFor, Message::State::Read});
    if (!message->retractId.isEmpty()) {
        m_pendingRetracts.push_back({peer, outgoing ? own.toString() : peer, message->retractId});
        return;
    }
    if (message->body.isEmpty())
        return;
    Incoming in;
    in.message.peer = peer;
    in.message.sender = outgoing ? own.toString() : peer;
    in.message.stanzaId = message->id;
    in.message.originId = message->originId;
    in.message.archiveId = forwarded.archiveId;
    in.message.body = message->body;
    in.message.time = forwarded.stamp.isValid() ? forwarded.stamp : nowToTheSecond();
    in.message.outgoing = outgoing;
    in.message.state = outgoing ? Message::State::Sent : Message::State::Received;
    // Delivered to this device now: confirm it (only sent for messages new here).
    if (!outgoing && message->receiptRequest && !message->id.isEmpty())
        in.receiptTo = message->from.toString();
    in.token = m_account.xmpp().deferInbound();
    batch.push_back(std::move(in));
}

void MessageService::storeIncoming(std::vector<Incoming> batch, std::function<void(int)> after)
{
    if (batch.empty()) {
        applyPendingRetracts();
        after(0);
        return;
    }
    auto keys = m_keys;
    auto titles = m_titles;
    struct Outcome {
        std::vector<std::pair<Message, bool>> messages; // stored message, newly inserted
        QHash<QString, Conversation> conversations;
    };
    std::vector<Message> messages;
    std::vector<bool> countUnread;
    std::vector<bool> live;
    messages.reserve(batch.size());
    for (const auto &in : batch) {
        messages.push_back(in.message);
        countUnread.push_back(in.countUnread);
        live.push_back(in.live);
    }
    m_profile->worker()
        .run([keys, messages, countUnread, live,
              titles](store::Database &db) mutable -> Result<Outcome> {
            Outcome outcome;
            auto done = db.transaction([&](store::Database &tx) -> Result<void> {
                std::vector<MessageRow> rows;
                rows.reserve(messages.size());
                // A live message is newer than anything already stored of its chat (history
                // caught up or scrolled back may carry later stamps in the same second).
                QHash<QByteArray, qint64> newestTs;
                for (size_t i = 0; i < messages.size(); ++i) {
                    auto row = sealMessage(*keys, messages[i]);
                    if (!row)
                        return row.error();
                    if (live[i]) {
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
                        messages[i].time = QDateTime::fromMSecsSinceEpoch(row->ts, Qt::UTC);
                    }
                    rows.push_back(std::move(row.value()));
                }
                auto inserted = MessageRepository(tx).insertBatch(rows);
                if (!inserted)
                    return inserted.error();
                for (size_t i = 0; i < messages.size(); ++i) {
                    Message m = messages[i];
                    m.id = inserted.value()[i].id;
                    const bool isNew = inserted.value()[i].inserted;
                    outcome.messages.emplace_back(m, isNew);
                    if (!isNew)
                        continue;
                    auto c =
                        foldIntoConversation(tx, *keys, m, countUnread[i], titles.value(m.peer));
                    if (!c)
                        return c.error();
                    outcome.conversations.insert(m.peer, c.value());
                }
                return {};
            });
            if (!done)
                return done.error();
            return outcome;
        })
        .then(this,
              [this, batch = std::move(batch), after = std::move(after)](Result<Outcome> outcome) {
                  if (!outcome) {
                      // Nothing is acknowledged: the server keeps the messages (resumption or MAM
                      // brings them back once the disk has room).
                      IMP_LOG_ERROR("store: {} incoming message(s) not stored ({})", batch.size(),
                                    outcome.error().code);
                      m_incomingStoreFailing = true;
                      emit storageError(QString::fromStdString(outcome.error().code));
                      after(-1);
                      return;
                  }
                  if (m_incomingStoreFailing) {
                      m_incomingStoreFailing = false;
                      IMP_LOG_INFO("store: incoming messages are stored again");
                      emit storageRecovered();
                  }
                  auto &client = m_account.xmpp();
                  int added = 0;
                  for (size_t i = 0; i < batch.size(); ++i) {
                      const auto &[message, isNew] = outcome->messages[i];
                      added += isNew ? 1 : 0;
                      if (batch[i].token != 0)
                          client.releaseInbound(batch[i].token);
                      if (isNew && !batch[i].receiptTo.isEmpty()) {
                          xmpp::ChatMessage receipt;
                          receipt.id = xmpp::ChatMessage::newId();
                          receipt.to = xmpp::Jid(batch[i].receiptTo);
                          receipt.receiptFor = message.stanzaId;
                          client.send(receipt.toStanza());
                      }
                      if (isNew) {
                          if (!message.outgoing)
                              setPeerTyping(message.peer, false);
                          emit messageAdded(message);
                      }
                  }
                  for (const auto &c : std::as_const(outcome->conversations))
                      emit conversationChanged(c);
                  applyPendingRetracts();
                  after(added);
              });
}

// --- Receipts, markers, recall ---------------------------------------------------------------

void MessageService::applyReceipt(const QString &peer, const QString &messageId,
                                  Message::State state)
{
    auto keys = m_keys;
    m_profile->worker()
        .run([keys, peer, messageId, state](store::Database &db) -> Result<QList<Message>> {
            MessageRepository repo(db);
            const QByteArray conversation = keys->conversationTag(peer);
            // Our own messages carry id == origin id.
            auto row = repo.findByOriginIdTag(conversation, keys->originIdTag(messageId));
            if (!row)
                return row.error();
            QList<Message> changed;
            if (!row.value() || row.value()->direction != DirectionOut)
                return changed;
            std::vector<MessageRow> targets{*row.value()};
            if (state == Message::State::Read) {
                // A read marker covers everything we sent before it (XEP-0333 §4).
                auto older = repo.pageBefore(conversation, row.value()->ts, row.value()->id, 200);
                if (older) {
                    for (const auto &r : older.value()) {
                        if (r.direction == DirectionOut &&
                            r.state < static_cast<qint64>(Message::State::Read) &&
                            r.state >= static_cast<qint64>(Message::State::Sent))
                            targets.push_back(r);
                    }
                }
            }
            for (auto &r : targets) {
                auto raised = repo.raiseState(r.id, static_cast<qint64>(state));
                if (!raised)
                    return raised.error();
                if (!raised.value())
                    continue;
                r.state = static_cast<qint64>(state);
                if (auto m = openMessage(*keys, r))
                    changed.append(*m);
            }
            for (const auto &m : changed)
                (void)reflectState(db, *keys, m);
            return changed;
        })
        .then(this, [this, peer](Result<QList<Message>> changed) {
            if (!changed)
                return;
            for (const auto &m : changed.value())
                emit messageChanged(m);
            if (!changed->isEmpty())
                refreshConversation(peer);
        });
}

void MessageService::applyRetract(const QString &peer, const QString &sender,
                                  const QString &originId)
{
    auto keys = m_keys;
    m_profile->worker()
        .run([keys, peer, sender, originId](store::Database &db) -> Result<std::optional<Message>> {
            MessageRepository repo(db);
            auto row =
                repo.findByOriginIdTag(keys->conversationTag(peer), keys->originIdTag(originId));
            if (!row)
                return row.error();
            if (!row.value())
                return std::optional<Message>();
            auto m = openMessage(*keys, *row.value());
            // Only the author may retract, and only their own message.
            if (!m || m->sender != sender || m->recalled)
                return std::optional<Message>();
            m->body.clear();
            m->recalled = true;
            auto sealed = keys->seal(sealedMessagePayload(*m),
                                     MessageRepository::sealedAssociatedData(*row.value()));
            if (!sealed)
                return sealed.error();
            auto replaced = repo.replaceSealed(
                m->id, sealed.value(), row.value()->flags | MessageRepository::kFlagRecalled);
            if (!replaced)
                return replaced.error();
            // The conversation preview follows when the recalled message was the last one.
            auto c = loadConversation(db, *keys, peer);
            if (c && c->lastActivity.isValid() && c->lastActivity <= m->time) {
                Conversation conv = c.value();
                conv.preview.clear();
                conv.previewRecalled = true;
                conv.lastOutgoing = m->outgoing;
                if (auto row2 = sealConversation(*keys, conv))
                    (void)store::ConversationRepository(db).upsert(row2.value());
            }
            return m;
        })
        .then(this, [this, peer](Result<std::optional<Message>> changed) {
            if (!changed || !changed.value())
                return;
            emit messageChanged(*changed.value());
            refreshConversation(peer);
        });
}

void MessageService::applyPendingRetracts()
{
    auto pending = std::move(m_pendingRetracts);
    m_pendingRetracts.clear();
    for (const auto &r : pending)
        applyRetract(r.peer, r.sender, r.originId);
    auto receipts = std::move(m_pendingReceipts);
    m_pendingReceipts.clear();
    for (const auto &r : receipts)
        applyReceipt(r.peer, r.messageId, r.state);
}

void MessageService::recall(const QString &peer, qint64 messageId,
                            std::function<void(Result<void>)> done)
{
    auto keys = m_keys;
    const QString own = ownJid();
    m_profile->worker()
        .run([keys, messageId](store::Database &db) -> Result<std::optional<Message>> {
            auto row = MessageRepository(db).findById(messageId);
            if (!row)
                return row.error();
            if (!row.value())
                return std::optional<Message>();
            return openMessage(*keys, *row.value());
        })
        .then(this, [this, peer, own,
                     done = std::move(done)](Result<std::optional<Message>> found) {
            if (!found)
                return done(found.error());
            if (!found.value() || found.value()->peer != peer)
                return done(makeError("chat.not_found", "no such message"));
            const Message m = *found.value();
            if (!m.outgoing || m.originId.isEmpty())
                return done(makeError("chat.not_own", "only own messages can be recalled"));
            if (m.time.secsTo(QDateTime::currentDateTimeUtc()) > RecallWindowSeconds)
                return done(makeError("chat.recall_too_late", "more than 2 minutes ago"));
            if (m.recalled)
                return done({});
            const QString retractOrigin = xmpp::ChatMessage::newId();
            enqueue(OutboxPayload{retractOrigin, peer, QStringLiteral("retract"), {}, m.originId},
                    std::nullopt);
            applyRetract(peer, own, m.originId);
            done({});
        });
}

void MessageService::deleteLocally(const QString &peer, qint64 messageId)
{
    m_profile->worker()
        .run([messageId](store::Database &db) -> Result<bool> {
            return MessageRepository(db).remove(messageId);
        })
        .then(this, [this, peer, messageId](Result<bool> removed) {
            if (removed && removed.value())
                emit messageRemoved(peer, messageId);
        });
}

void MessageService::markRead(const QString &peer)
{
    auto keys = m_keys;
    m_profile->worker()
        .run([keys, peer](store::Database &db) -> Result<std::optional<Message>> {
            const QByteArray tag = keys->conversationTag(peer);
            if (auto cleared = store::ConversationRepository(db).setUnread(tag, 0); !cleared)
                return cleared.error();
            auto page = MessageRepository(db).pageBefore(tag, MessageRepository::kNewest,
                                                         MessageRepository::kNewest, 50);
            if (!page)
                return page.error();
            for (const auto &row : page.value()) {
                if (row.direction != DirectionIn)
                    continue;
                if (row.state == static_cast<qint64>(Message::State::Seen))
                    return std::optional<Message>(); // already marked
                (void)MessageRepository(db).raiseState(row.id,
                                                       static_cast<qint64>(Message::State::Seen));
                return openMessage(*keys, row);
            }
            return std::optional<Message>();
        })
        .then(this, [this, peer](Result<std::optional<Message>> newest) {
            refreshConversation(peer);
            if (!newest || !newest.value())
                return;
            const Message &m = *newest.value();
            if (!m.stanzaId.isEmpty()) {
                xmpp::ChatMessage marker;
                marker.id = xmpp::ChatMessage::newId();
                marker.to = xmpp::Jid(peer);
                marker.displayedFor = m.stanzaId;
                m_account.xmpp().send(marker.toStanza());
            }
            Message seen = m;
            seen.state = Message::State::Seen;
            emit messageChanged(seen);
        });
}

void MessageService::clearUnread(const QString &peer)
{
    auto keys = m_keys;
    m_profile->worker()
        .run([keys, peer](store::Database &db) -> Result<void> {
            return store::ConversationRepository(db).setUnread(keys->conversationTag(peer), 0);
        })
        .then(this, [this, peer](Result<void>) { refreshConversation(peer); });
}

void MessageService::refreshConversation(const QString &peer)
{
    auto keys = m_keys;
    m_profile->worker()
        .run([keys, peer](store::Database &db) -> Result<std::optional<Conversation>> {
            auto found = store::ConversationRepository(db).find(keys->conversationTag(peer));
            if (!found)
                return found.error();
            if (!found.value())
                return std::optional<Conversation>();
            return openConversation(*keys, *found.value());
        })
        .then(this, [this](Result<std::optional<Conversation>> c) {
            if (c && c.value())
                emit conversationChanged(*c.value());
        });
}

// --- Typing ----------------------------------------------------------------------------------

void MessageService::sendChatState(const QString &peer, xmpp::ChatMessage::ChatState state)
{
    xmpp::ChatMessage m;
    m.id = xmpp::ChatMessage::newId();
    m.to = xmpp::Jid(peer);
    m.chatState = state;
    m_account.xmpp().send(m.toStanza());
}

void MessageService::setComposing(const QString &peer, bool composing)
{
    if (composing) {
        if (m_composingPeer != peer) {
            if (!m_composingPeer.isEmpty())
                sendChatState(m_composingPeer, xmpp::ChatMessage::ChatState::Active);
            m_composingPeer = peer;
            sendChatState(peer, xmpp::ChatMessage::ChatState::Composing);
        }
        m_composingTimer.start(ComposingPause);
    } else if (m_composingPeer == peer) {
        m_composingTimer.stop();
        m_composingPeer.clear();
        sendChatState(peer, xmpp::ChatMessage::ChatState::Active);
    }
}

void MessageService::setPeerTyping(const QString &peer, bool typing)
{
    QTimer *timer = m_typingTimers.value(peer);
    const bool was = timer != nullptr && timer->isActive();
    if (typing) {
        if (!timer) {
            timer = new QTimer(this);
            timer->setSingleShot(true);
            connect(timer, &QTimer::timeout, this,
                    [this, peer] { emit typingChanged(peer, false); });
            m_typingTimers.insert(peer, timer);
        }
        timer->start(TypingTimeout);
    } else if (timer) {
        timer->stop();
    }
    if (was != typing)
        emit typingChanged(peer, typing);
}

// --- Reading ---------------------------------------------------------------------------------

QFuture<Result<QList<Conversation>>> MessageService::conversations()
{
    auto keys = m_keys;
    return m_profile->worker().run([keys](store::Database &db) -> Result<QList<Conversation>> {
        auto rows = store::ConversationRepository(db).list();
        if (!rows)
            return rows.error();
        QList<Conversation> list;
        for (const auto &row : rows.value()) {
            if (auto c = openConversation(*keys, row))
                list.append(*c);
        }
        return list;
    });
}

QFuture<Result<QList<Message>>> MessageService::page(const QString &peer,
                                                     std::optional<Cursor> before, int limit)
{
    auto keys = m_keys;
    return m_profile->worker().run(
        [keys, peer, before, limit](store::Database &db) -> Result<QList<Message>> {
            auto rows = MessageRepository(db).pageBefore(
                keys->conversationTag(peer), before ? before->ts : MessageRepository::kNewest,
                before ? before->id : MessageRepository::kNewest, limit);
            if (!rows)
                return rows.error();
            QList<Message> list;
            list.reserve(static_cast<qsizetype>(rows->size()));
            for (const auto &row : rows.value()) {
                if (auto m = openMessage(*keys, row))
                    list.append(*m);
            }
            return list;
        });
}

QFuture<Result<QList<Message>>> MessageService::search(const QString &peer, const QString &needle,
                                                       int limit)
{
    auto keys = m_keys;
    return m_profile->worker().run(
        [keys, peer, needle, limit](store::Database &db) -> Result<QList<Message>> {
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
                    auto m = openMessage(*keys, row);
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

QFuture<Result<int>> MessageService::ingestHistory(const QList<Message> &messages)
{
    auto keys = m_keys;
    auto titles = m_titles;
    return m_profile->worker().run([keys, messages, titles](store::Database &db) -> Result<int> {
        int added = 0;
        constexpr qsizetype Batch = 1000;
        for (qsizetype start = 0; start < messages.size(); start += Batch) {
            const qsizetype end = std::min(messages.size(), start + Batch);
            auto done = db.transaction([&](store::Database &tx) -> Result<void> {
                std::vector<MessageRow> rows;
                rows.reserve(static_cast<size_t>(end - start));
                for (qsizetype i = start; i < end; ++i) {
                    auto row = sealMessage(*keys, messages[i]);
                    if (!row)
                        return row.error();
                    rows.push_back(std::move(row.value()));
                }
                auto inserted = MessageRepository(tx).insertBatch(rows);
                if (!inserted)
                    return inserted.error();
                // One conversation update per batch: the newest new message of each peer.
                QHash<QString, std::pair<Message, int>> newest;
                for (qsizetype i = start; i < end; ++i) {
                    if (!inserted.value()[static_cast<size_t>(i - start)].inserted)
                        continue;
                    ++added;
                    auto &slot = newest[messages[i].peer];
                    if (slot.second == 0 || slot.first.time <= messages[i].time)
                        slot.first = messages[i];
                    ++slot.second;
                }
                for (auto it = newest.cbegin(); it != newest.cend(); ++it) {
                    auto c =
                        foldIntoConversation(tx, *keys, it->first, false, titles.value(it.key()));
                    if (!c)
                        return c.error();
                }
                return {};
            });
            if (!done)
                return done.error();
        }
        return added;
    });
}

void MessageService::setPinned(const QString &peer, bool pinned)
{
    auto keys = m_keys;
    m_profile->worker()
        .run([keys, peer, pinned](store::Database &db) -> Result<void> {
            return store::ConversationRepository(db).setPinned(keys->conversationTag(peer), pinned);
        })
        .then(this, [this, peer](Result<void>) { refreshConversation(peer); });
}

void MessageService::setTitle(const QString &peer, const QString &title)
{
    if (title.isEmpty() || m_titles.value(peer) == title)
        return;
    m_titles.insert(peer, title);
    auto keys = m_keys;
    m_profile->worker()
        .run([keys, peer, title](store::Database &db) -> Result<std::optional<Conversation>> {
            auto found = store::ConversationRepository(db).find(keys->conversationTag(peer));
            if (!found)
                return found.error();
            if (!found.value())
                return std::optional<Conversation>();
            auto c = openConversation(*keys, *found.value());
            if (!c || c->title == title)
                return std::optional<Conversation>();
            c->title = title;
            auto row = sealConversation(*keys, *c);
            if (!row)
                return row.error();
            if (auto put = store::ConversationRepository(db).upsert(row.value()); !put)
                return put.error();
            return c;
        })
        .then(this, [this](Result<std::optional<Conversation>> c) {
            if (c && c.value())
                emit conversationChanged(*c.value());
        });
}

} // namespace imp::chat
