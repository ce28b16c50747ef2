#include "chat/MessageService.h"

#include "chat/AccountService.h"
#include "chat/Keyring.h"
#include "chat/Profile.h"
#include "chat/messages/AcknowledgeStage.h"
#include "chat/messages/AdmissionStage.h"
#include "chat/messages/ChatStates.h"
#include "chat/messages/ConfirmSentStage.h"
#include "chat/messages/ConversationLedger.h"
#include "chat/messages/DeduplicateStage.h"
#include "chat/messages/DeliveryTracker.h"
#include "chat/messages/FetchStage.h"
#include "chat/messages/HistoryRanges.h"
#include "chat/messages/HistorySync.h"
#include "chat/messages/InboundPipeline.h"
#include "chat/messages/MessageContext.h"
#include "chat/messages/NotifyStage.h"
#include "chat/messages/Outbox.h"
#include "chat/messages/ScrollBack.h"
#include "chat/messages/StanzaCodec.h"
#include "chat/messages/StoreStage.h"
#include "common/Log.h"
#include "xmpp/Namespaces.h"
#include "xmpp/Presence.h"
#include "xmpp/XmppClient.h"

namespace imp::chat {

using namespace messages;
using State = xmpp::StanzaChannel::State;

namespace {
// Live messages held during a catch-up, at most: below Prosody's 500 unacknowledged stanzas.
constexpr size_t HeldDuringSync = 400;
} // namespace

MessageService::MessageService(std::shared_ptr<Profile> profile, xmpp::StanzaChannel &channel,
                               std::function<QString()> ownBareJid, QObject *parent)
    : QObject(parent)
{
    auto keys = Keyring::forChat(*profile);
    m_ledger = std::make_unique<ConversationLedger>(profile, keys);
    m_context = std::unique_ptr<MessageContext>(
        new MessageContext{profile, keys, channel, *m_ledger, std::move(ownBareJid)});
    m_live = std::make_unique<InboundBatch>();
    assemble();
}

MessageService::MessageService(std::shared_ptr<Profile> profile, AccountService &account,
                               QObject *parent)
    : MessageService(
          std::move(profile), account.xmpp(),
          [&account] { return xmpp::Jid(account.account().jid).bare().toString(); }, parent)
{}

MessageService::~MessageService() = default;

void MessageService::assemble()
{
    auto &ctx = *m_context;
    m_outbox = std::make_unique<Outbox>(ctx);
    m_pipeline = std::make_unique<InboundPipeline>();
    auto store = std::make_unique<StoreStage>(ctx);
    connect(store.get(), &StoreStage::failed, this, &MessageService::storageError);
    connect(store.get(), &StoreStage::recovered, this, &MessageService::storageRecovered);
    auto admission = std::make_unique<AdmissionStage>();
    m_admission = admission.get();
    m_pipeline->append(std::make_unique<DeduplicateStage>());
    m_pipeline->append(std::move(admission));
    m_pipeline->append(std::move(store));
    m_pipeline->append(std::make_unique<ConfirmSentStage>(*m_outbox));
    m_pipeline->append(std::make_unique<AcknowledgeStage>(ctx.channel));
    m_pipeline->append(std::make_unique<NotifyStage>(*m_ledger, [this](const Message &m) {
        if (!m.outgoing)
            m_chatStates->peerWrote(m.peer);
        emit messageAdded(m);
    }));
    auto fetch = std::make_unique<FetchStage>(ctx);
    m_fetch = fetch.get();
    connect(m_fetch, &FetchStage::messageChanged, this, &MessageService::messageChanged);
    connect(m_fetch, &FetchStage::progress, this, &MessageService::downloadProgress);
    connect(m_fetch, &FetchStage::runningChanged, this, &MessageService::fetchingChanged);
    m_pipeline->append(std::move(fetch));
    m_ranges = std::make_unique<HistoryRanges>(ctx);
    m_sync = std::make_unique<HistorySync>(ctx, *m_pipeline, *m_ranges);
    m_local = std::make_unique<LocalHistory>(ctx);
    m_scrollBack = std::make_unique<ScrollBack>(ctx, *m_local, *m_sync, *m_ranges);
    m_delivery = std::make_unique<DeliveryTracker>(ctx);
    m_recall = std::make_unique<Recall>(ctx, *m_outbox);
    m_chatStates = std::make_unique<ChatStates>(ctx);

    connect(m_ledger.get(), &ConversationLedger::conversationChanged, this,
            &MessageService::conversationChanged);
    connect(m_outbox.get(), &Outbox::stored, this, [this](const QList<Message> &shown) {
        for (const auto &m : shown)
            emit messageAdded(m);
    });
    connect(m_outbox.get(), &Outbox::messageChanged, this, &MessageService::messageChanged);
    connect(m_outbox.get(), &Outbox::acked, this, &MessageService::messageAcked);
    connect(m_outbox.get(), &Outbox::pendingChanged, this, &MessageService::outboxChanged);
    connect(m_outbox.get(), &Outbox::storageError, this, &MessageService::storageError);
    connect(m_outbox.get(), &Outbox::uploadProgress, this, &MessageService::uploadProgress);
    connect(m_outbox.get(), &Outbox::uploadFailed, this, &MessageService::uploadFailed);
    connect(m_delivery.get(), &DeliveryTracker::messageChanged, this,
            &MessageService::messageChanged);
    connect(m_recall.get(), &Recall::messageChanged, this, &MessageService::messageChanged);
    connect(m_local.get(), &LocalHistory::messageRemoved, this, &MessageService::messageRemoved);
    connect(m_chatStates.get(), &ChatStates::typingChanged, this, &MessageService::typingChanged);
    connect(m_sync.get(), &HistorySync::progress, this, &MessageService::syncProgress);
    connect(m_sync.get(), &HistorySync::finished, this, &MessageService::syncFinished);
    connect(m_sync.get(), &HistorySync::ended, this, [this] {
        // Live messages held meanwhile go through now, then the outbox: the archive has said
        // which of our messages the server already stored.
        flushLive();
        runDeferred();
        m_outbox->release();
    });
    connect(m_sync.get(), &HistorySync::archivedEvent, this,
            [this](const ChatEvent &event) { onEvent(event, true); });

    m_liveTimer.setSingleShot(true);
    m_liveTimer.setInterval(0);
    connect(&m_liveTimer, &QTimer::timeout, this, &MessageService::flushLive);
    m_catchUpRetry.setSingleShot(true);
    m_catchUpRetry.setInterval(std::chrono::seconds(5));
    connect(&m_catchUpRetry, &QTimer::timeout, this, [this] {
        if (m_context->online())
            m_sync->startCatchUp(); // offline: the next session's catch-up does it
    });
}

void MessageService::start()
{
    if (m_started)
        return;
    m_started = true;
    auto &channel = m_context->channel;
    connect(&channel, &xmpp::StanzaChannel::sessionStarted, this,
            &MessageService::onSessionStarted);
    connect(&channel, &xmpp::StanzaChannel::stanzaReceived, this, &MessageService::onStanza);
    connect(&channel, &xmpp::StanzaChannel::stanzaAcked, m_outbox.get(), &Outbox::onAcked);
    connect(&channel, &xmpp::StanzaChannel::stateChanged, this, [this](State state) {
        if (state != State::Online)
            m_sync->invalidate(); // until the next session says otherwise
    });
    m_outbox->start();
    if (channel.state() == State::Online)
        onSessionStarted(false);
}

void MessageService::onSessionStarted(bool resumed)
{
    if (resumed) {
        m_sync->resumed(); // nothing was missed
        flushLive();
        return;
    }
    // A fresh session: nothing of the old one is retransmitted. Available first: from here on
    // the server delivers live, and the catch-up below is processed after it, so every message
    // is either live or in the archive's answer. The outbox waits for the catch-up.
    auto &channel = m_context->channel;
    m_outbox->beginSession();
    channel.send(xmpp::Presence::available());
    xmpp::XmlElement iq(QStringLiteral("iq"), xmpp::ns::Client);
    iq.setAttribute(QStringLiteral("type"), QStringLiteral("set"));
    iq.addChild(xmpp::XmlElement(QStringLiteral("enable"), xmpp::ns::Carbons));
    channel.sendIq(iq, this, [](Result<xmpp::XmlElement> reply) {
        if (!reply)
            IMP_LOG_WARN("carbons: not enabled ({})", reply.error().code);
    });
    m_sync->startCatchUp();
}

// --- Receiving -------------------------------------------------------------------------------

void MessageService::setForeign(std::function<bool(const QString &)> foreign)
{
    m_foreign = std::move(foreign);
}

void MessageService::onStanza(const xmpp::XmlElement &stanza)
{
    if (m_foreign && m_foreign(stanza.attribute(QStringLiteral("from"))))
        return;
    const auto own = xmpp::Jid(m_context->ownJid());
    const auto decoded = StanzaCodec::decode(stanza, own, QDateTime::currentDateTimeUtc());
    if (decoded.verdict == StanzaCodec::Verdict::Forged) {
        IMP_LOG_WARN("xmpp: dropped a forged or malformed forwarded message");
        return;
    }
    if (decoded.verdict != StanzaCodec::Verdict::Event)
        return;
    const ChatEvent &event = decoded.event;
    if (m_foreign && m_foreign(event.peer))
        return; // a group's invitation kept in our archive, a carbon of a group message
    if (event.origin == xmpp::Forwarded::Origin::Archive) {
        m_sync->collect(event);
        return;
    }
    onEvent(event, false);
    if (!event.message)
        return;
    InboundItem item;
    item.message = *event.message;
    item.receiptTo = event.receiptTo;
    item.live = true;
    // Not acknowledged to the server (XEP-0198) before it is on disk.
    item.token = m_context->channel.deferInbound();
    m_live->items.push_back(std::move(item));
    // During a catch-up, live messages wait for it (up to a bound, so the server's queue of
    // unacknowledged stanzas stays small): the archive's copies are stored first, in archive
    // order, and a live message that the archive also holds is then a duplicate.
    if (m_sync->holdsLive() && m_live->items.size() < HeldDuringSync)
        return;
    if (!m_liveTimer.isActive())
        m_liveTimer.start();
}

void MessageService::onEvent(const ChatEvent &event, bool archived)
{
    const QString &peer = event.peer;
    // The message a receipt or recall refers to may not be stored yet (waiting in the live
    // queue, or coming with the catch-up): then it is applied after that store.
    const bool wait = !archived && (!m_live->items.empty() || m_sync->syncing());
    auto later = [this, wait](std::function<void()> apply) {
        if (wait)
            m_deferred.push_back(std::move(apply));
        else
            apply();
    };
    if (!event.receiptFor.isEmpty())
        later([this, peer, id = event.receiptFor] {
            m_delivery->apply(peer, id, Message::State::Delivered);
        });
    if (!event.displayedFor.isEmpty()) {
        if (event.outgoing)
            m_delivery->readElsewhere(peer);
        else
            later([this, peer, id = event.displayedFor] {
                m_delivery->apply(peer, id, Message::State::Read);
            });
    }
    if (!event.retractId.isEmpty()) {
        const QString sender = event.outgoing ? m_context->ownJid() : peer;
        later([this, peer, sender, id = event.retractId] { m_recall->apply(peer, sender, id); });
    }
    if (!archived)
        m_chatStates->peerState(peer, event.chatState, event.message.has_value());
}

void MessageService::flushLive()
{
    if (m_live->items.empty()) {
        runDeferred();
        return;
    }
    InboundBatch batch = std::exchange(*m_live, {});
    m_pipeline->submit(std::move(batch), [this](const InboundBatch &, bool completed) {
        if (!completed) {
            // Not stored, so not acknowledged: the server keeps them. Later live messages
            // wait, as during a catch-up, until the archive (asked again shortly) brings the
            // missing ones back first: a full disk must not leave a hole later ones sort past.
            m_sync->invalidate();
            if (!m_catchUpRetry.isActive())
                m_catchUpRetry.start();
        }
        runDeferred();
    });
}

void MessageService::runDeferred()
{
    if (!m_live->items.empty() || m_sync->syncing())
        return;
    for (auto &apply : std::exchange(m_deferred, {}))
        apply();
}

// --- Sending and the rest ------------------------------------------------------------------

bool MessageService::send(const QString &peer, const QString &text)
{
    const xmpp::Jid to(peer);
    if (to.isEmpty() || text.trimmed().isEmpty() || text.size() > MaxBodyLength)
        return false;
    const Message m = OutboxEntry::composeText(to.bare().toString(), m_context->ownJid(), text);
    m_chatStates->sent(m.peer);
    m_outbox->enqueue(OutboxEntry::of(m), m);
    return true;
}

bool MessageService::sendAttachment(const QString &peer, const Attachment &attachment)
{
    const xmpp::Jid to(peer);
    if (to.isEmpty() || attachment.isNull() || attachment.fileId.isEmpty())
        return false;
    const Message m =
        OutboxEntry::composeAttachment(to.bare().toString(), m_context->ownJid(), attachment);
    m_outbox->enqueue(OutboxEntry::of(m), m);
    return true;
}

void MessageService::retryUpload(const QString &peer, const QString &originId)
{
    m_outbox->retryUpload(peer, originId);
}

void MessageService::setUpload(messages::UploadStage::Upload upload)
{
    m_outbox->uploads().setUpload(std::move(upload));
}

void MessageService::setFetch(messages::FetchStage::Fetch fetch)
{
    m_fetch->setFetch(std::move(fetch));
}

void MessageService::download(const Message &message)
{
    m_fetch->fetch(message);
}

int MessageService::fetchingCount() const
{
    return m_fetch->runningCount();
}

void MessageService::markPlayed(const Message &message)
{
    if (message.attachment.isNull() || message.attachment.played)
        return;
    m_fetch->markPlayed(message);
}

messages::UploadStage &MessageService::uploads()
{
    return m_outbox->uploads();
}

void MessageService::recall(const QString &peer, qint64 messageId,
                            std::function<void(Result<void>)> done)
{
    m_recall->recall(peer, messageId, std::move(done));
}

void MessageService::deleteLocally(const QString &peer, qint64 messageId)
{
    m_local->deleteLocally(peer, messageId);
}

void MessageService::markRead(const QString &peer)
{
    // Another service's conversation (a group) has no read markers: reading it clears the
    // count and tells nobody.
    if (m_foreign && m_foreign(peer))
        return m_delivery->readElsewhere(peer);
    m_delivery->markRead(peer);
}

void MessageService::setComposing(const QString &peer, bool composing)
{
    if (m_foreign && m_foreign(peer))
        return; // no typing notices in groups
    m_chatStates->setComposing(peer, composing);
}

void MessageService::setPinned(const QString &peer, bool pinned)
{
    m_ledger->setPinned(peer, pinned);
}

void MessageService::setTitle(const QString &peer, const QString &title)
{
    m_ledger->setTitle(peer, title);
}

void MessageService::setAdmission(std::function<bool(const QString &)> admit)
{
    m_admission->setRule(std::move(admit));
}

QFuture<Result<QList<Conversation>>> MessageService::conversations()
{
    return m_ledger->conversations();
}

QFuture<Result<QList<Message>>> MessageService::page(const QString &peer,
                                                     std::optional<Cursor> before, int limit)
{
    return m_local->page(peer, before, limit);
}

QFuture<Result<QList<Message>>>
MessageService::pageWithHistory(const QString &peer, std::optional<Cursor> before, int limit)
{
    return m_scrollBack->page(peer, before, limit);
}

void MessageService::fetchOlder(const QString &peer, int wanted,
                                std::function<void(Result<int>, bool)> done)
{
    m_scrollBack->fetchOlder(peer, wanted, std::move(done));
}

QFuture<Result<QList<Message>>> MessageService::search(const QString &peer, const QString &needle,
                                                       int limit)
{
    return m_local->search(peer, needle, limit);
}

QFuture<Result<int>> MessageService::ingestHistory(const QList<Message> &messages)
{
    return m_local->ingest(messages);
}

int MessageService::pendingCount() const
{
    return m_outbox->pendingCount();
}

bool MessageService::syncing() const
{
    return m_sync->syncing();
}

int MessageService::syncedCount() const
{
    return m_sync->syncedCount();
}

} // namespace imp::chat
