#include "chat/groups/GroupInbound.h"

#include "chat/groups/GroupArchive.h"
#include "chat/groups/ReflectionStage.h"
#include "chat/messages/AcknowledgeStage.h"
#include "chat/messages/DeduplicateStage.h"
#include "chat/messages/InboundPipeline.h"
#include "chat/messages/MessageContext.h"
#include "chat/messages/NotifyStage.h"
#include "chat/messages/StanzaCodec.h"
#include "chat/messages/StoreStage.h"
#include "common/Log.h"

namespace imp::chat::groups {

using namespace messages;

namespace {
// Live messages held while a room's archive is read, at most (the server's queue of
// unacknowledged stanzas stays small); past it they are stored as they come.
constexpr size_t HeldDuringCatchUp = 400;
} // namespace

GroupInbound::GroupInbound(MessageContext &context, Outbox &outbox,
                           std::function<void(const Message &)> added, QObject *parent)
    : QObject(parent)
    , m_context(context)
    , m_pipeline(std::make_unique<InboundPipeline>())
    , m_live(std::make_unique<InboundBatch>())
{
    auto store = std::make_unique<StoreStage>(context);
    connect(store.get(), &StoreStage::failed, this, &GroupInbound::storageError);
    m_pipeline->append(std::make_unique<DeduplicateStage>());
    m_pipeline->append(std::move(store));
    m_pipeline->append(std::make_unique<ReflectionStage>(outbox));
    m_pipeline->append(std::make_unique<AcknowledgeStage>(context.channel));
    m_pipeline->append(std::make_unique<NotifyStage>(context.ledger, std::move(added)));
    m_archive = std::make_unique<GroupArchive>(context, *m_pipeline);
    m_liveTimer.setSingleShot(true);
    m_liveTimer.setInterval(0);
    connect(&m_liveTimer, &QTimer::timeout, this, &GroupInbound::flushLive);
}

GroupInbound::~GroupInbound() = default;

std::optional<InboundItem> GroupInbound::itemOf(const GroupEvent &e, const QString &ownBare,
                                                const QString &ownNick, const QString &memberJid)
{
    Message m;
    m.peer = e.room;
    m.senderName = e.nick;
    // The archive names the author; live, only the nickname does (a room keeps nicknames
    // unique, and ours is ours).
    m.outgoing = e.realJid.isEmpty() ? e.nick == ownNick : e.realJid == ownBare;
    if (m.outgoing)
        m.sender = ownBare;
    else if (!e.realJid.isEmpty())
        m.sender = e.realJid;
    else
        m.sender = !memberJid.isEmpty() ? memberJid : e.room + QLatin1Char('/') + e.nick;
    m.body = e.body;
    if (e.attachment)
        m.attachment = *e.attachment;
    m.originId = e.originId;
    m.archiveId = e.stanzaId;
    m.stanzaId = !e.originId.isEmpty() ? e.originId : e.stanzaId;
    if (m.stanzaId.isEmpty())
        return std::nullopt;
    m.time = StanzaCodec::toTheSecond(e.time);
    m.state = m.outgoing ? Message::State::Sent : Message::State::Received;
    InboundItem item;
    item.message = std::move(m);
    return item;
}

void GroupInbound::receive(InboundItem item)
{
    item.live = true;
    item.token = m_context.channel.deferInbound(); // acknowledged once stored
    const auto held = m_held.find(item.message.peer);
    if (held != m_held.end() && held->size() < HeldDuringCatchUp) {
        held->push_back(std::move(item));
        return;
    }
    m_live->items.push_back(std::move(item));
    if (!m_liveTimer.isActive())
        m_liveTimer.start();
}

void GroupInbound::collectArchived(const QString &queryId, InboundItem item)
{
    m_archive->collect(queryId, std::move(item));
}

void GroupInbound::catchUp(const QString &room, std::function<void(Result<int>)> done)
{
    m_held[room]; // keeps what is already held (a second join while reading)
    m_archive->catchUp(room, [this, room, done = std::move(done)](Result<int> read) {
        for (auto &item : m_held.take(room))
            m_live->items.push_back(std::move(item));
        flushLive();
        done(read);
    });
}

void GroupInbound::flushLive()
{
    if (m_live->items.empty())
        return;
    InboundBatch batch = std::exchange(*m_live, {});
    m_pipeline->submit(std::move(batch), [](const InboundBatch &, bool completed) {
        // Not stored, so not acknowledged: the rooms' archives still have them, and the next
        // catch-up reads them from the last stored position.
        if (!completed)
            IMP_LOG_WARN("groups: live messages not stored");
    });
}

} // namespace imp::chat::groups
