#include "chat/messages/HistorySync.h"

#include "chat/messages/HistoryRanges.h"
#include "chat/messages/InboundPipeline.h"
#include "chat/messages/MessageContext.h"
#include "common/Log.h"
#include "xmpp/StanzaChannel.h"

namespace imp::chat::messages {

namespace {
constexpr int CatchUpPageSize = 250;
}

HistorySync::HistorySync(MessageContext &context, InboundPipeline &pipeline, HistoryRanges &ranges,
                         QObject *parent)
    : QObject(parent)
    , m_context(context)
    , m_pipeline(pipeline)
    , m_ranges(ranges)
{}

void HistorySync::collect(const ChatEvent &event)
{
    const auto pending = m_queries.find(event.queryId);
    if (pending == m_queries.end())
        return; // an answer to a query we no longer wait for
    if (!event.message) {
        if (!event.receiptFor.isEmpty() || !event.displayedFor.isEmpty() ||
            !event.retractId.isEmpty())
            pending->events.push_back(event);
        return;
    }
    InboundItem item;
    item.message = *event.message;
    item.receiptTo = event.receiptTo;
    item.archived = true;
    item.token = m_context.channel.deferInbound();
    pending->items.push_back(std::move(item));
}

void HistorySync::query(xmpp::MamQuery query, Tune tune, std::function<void(Result<Page>)> done)
{
    query.queryId = xmpp::ChatMessage::newId();
    const QString queryId = query.queryId;
    m_queries.insert(queryId, {});
    m_context.channel.sendIq(
        query.toIq(), this,
        [this, queryId, tune = std::move(tune),
         done = std::move(done)](Result<xmpp::XmlElement> reply) {
            Pending pending = m_queries.take(queryId);
            if (!reply)
                return done(reply.error());
            const auto fin = xmpp::MamFin::fromIq(reply.value());
            if (!fin)
                return done(makeError("xmpp.mam.malformed", "the archive's answer has no fin"));
            if (tune)
                tune(pending.items);
            Page page{*fin, static_cast<int>(pending.items.size()), 0};
            InboundBatch batch;
            batch.items = std::move(pending.items);
            m_pipeline.submit(
                std::move(batch), [this, page, events = std::move(pending.events),
                                   done](const InboundBatch &stored, bool completed) mutable {
                    if (!completed)
                        return done(makeError("store.error", "archive page not stored"));
                    page.added = stored.added();
                    for (const auto &e : events)
                        emit archivedEvent(e);
                    done(page);
                });
        },
        std::chrono::seconds(60));
}

void HistorySync::startCatchUp()
{
    if (m_syncing)
        return;
    m_syncing = true;
    m_complete = false;
    m_done = 0;
    m_total = -1; // this catch-up's, once the archive says
    m_ranges.catchUpFrom(this, [this](Result<std::optional<QString>> from) {
        if (!from) {
            IMP_LOG_WARN("history sync: position unreadable ({})", from.error().code);
            endCatchUp();
            return;
        }
        const bool firstSync = !from->has_value();
        requestCatchUpPage(firstSync ? QString() : **from, firstSync);
    });
}

void HistorySync::requestCatchUpPage(const QString &after, bool newestOnly)
{
    xmpp::MamQuery q;
    q.max = CatchUpPageSize;
    if (newestOnly)
        q.before = QString();
    else if (!after.isEmpty())
        q.after = after;
    // The newest page of a new device is history the user has not missed: no unread count.
    auto tune = [newestOnly](std::vector<InboundItem> &items) {
        for (auto &item : items)
            item.countUnread = !newestOnly;
    };
    query(q, tune, [this, after, newestOnly](Result<Page> page) {
        if (!page && !newestOnly && page.error().code == "xmpp.iq.item-not-found") {
            // The archive no longer has our position (entries expire): start again from its
            // newest page, as a new device does; older history stays reachable by scroll-back.
            IMP_LOG_WARN("history sync: the archive forgot our position; newest page only");
            requestCatchUpPage(QString(), true);
            return;
        }
        if (!page) {
            // Disconnected, refused or not stored: the next fresh session tries again from the
            // same position. Deferred acknowledgements are dropped with the session.
            IMP_LOG_WARN("history sync stopped ({})", page.error().code);
            endCatchUp();
            return;
        }
        const auto &fin = page->fin;
        if (fin.count >= 0 && !newestOnly)
            m_total = fin.count;
        m_done += page->size;
        emit progress(m_done, m_total);
        if (!fin.last.isEmpty())
            m_ranges.caughtUp(fin.last);
        else if (after.isEmpty())
            m_ranges.caughtUp(QString()); // synced, from the start
        if (newestOnly || fin.complete || fin.last.isEmpty()) {
            endCatchUp();
            IMP_LOG_INFO("history sync finished ({} messages)", m_done);
            emit finished();
            return;
        }
        requestCatchUpPage(fin.last, false);
    });
}

void HistorySync::endCatchUp()
{
    m_syncing = false;
    m_complete = true;
    emit ended();
}

} // namespace imp::chat::messages
