#include "chat/groups/GroupArchive.h"

#include "chat/messages/HistoryRanges.h"
#include "chat/messages/InboundPipeline.h"
#include "chat/messages/MessageContext.h"
#include "common/Log.h"
#include "xmpp/ChatMessage.h"
#include "xmpp/MamQuery.h"

namespace imp::chat::groups {

using namespace messages;

struct GroupArchive::Run {
    QString room;
    std::optional<QString> after; // nullopt: from the archive's start
    bool firstSync = false;
    bool restarted = false;
    int read = 0;
    std::function<void(Result<int>)> done;
};

GroupArchive::GroupArchive(MessageContext &context, InboundPipeline &pipeline, QObject *parent)
    : QObject(parent)
    , m_context(context)
    , m_pipeline(pipeline)
{}

GroupArchive::~GroupArchive() = default;

HistoryRanges &GroupArchive::rangesOf(const QString &room)
{
    auto &ranges = m_ranges[room];
    if (!ranges)
        ranges = std::make_unique<HistoryRanges>(m_context, room);
    return *ranges;
}

bool GroupArchive::collect(const QString &queryId, InboundItem item)
{
    const auto pending = m_queries.find(queryId);
    if (pending == m_queries.end())
        return false;
    // Bounded: a room that answers with more than a page is cut (and acknowledged unstored
    // only in the sense that the next page asks from the last stored position again).
    if (static_cast<int>(pending->size()) >= PageSize * 2)
        return true;
    item.archived = true;
    item.token = m_context.channel.deferInbound();
    pending->push_back(std::move(item));
    return true;
}

void GroupArchive::catchUp(const QString &room, std::function<void(Result<int>)> done)
{
    auto run = std::make_shared<Run>();
    run->room = room;
    run->done = std::move(done);
    rangesOf(room).catchUpFrom(this, [this, run](Result<std::optional<QString>> from) {
        if (!from) {
            run->done(from.error());
            return;
        }
        run->firstSync = !from->has_value();
        if (!run->firstSync && !(**from).isEmpty())
            run->after = **from;
        requestPage(run);
    });
}

void GroupArchive::requestPage(std::shared_ptr<Run> run)
{
    xmpp::MamQuery q;
    q.queryId = xmpp::ChatMessage::newId();
    q.max = PageSize;
    if (run->after)
        q.after = *run->after;
    auto iq = q.toIq();
    iq.setAttribute(QStringLiteral("to"), run->room);
    const QString queryId = q.queryId;
    m_queries.insert(queryId, {});
    m_context.channel.sendIq(
        iq, this,
        [this, run, queryId](Result<xmpp::XmlElement> reply) {
            std::vector<InboundItem> items = m_queries.take(queryId);
            if (!reply) {
                if (reply.error().code == "xmpp.iq.item-not-found" && run->after &&
                    !run->restarted) {
                    // The room's archive no longer has our position (it expired): read what
                    // it still has.
                    IMP_LOG_WARN("group archive: position forgotten; reading from the start");
                    run->after.reset();
                    run->restarted = true;
                    requestPage(run);
                    return;
                }
                run->done(reply.error());
                return;
            }
            const auto fin = xmpp::MamFin::fromIq(reply.value());
            if (!fin) {
                run->done(makeError("xmpp.mam.malformed", "the room's archive has no fin"));
                return;
            }
            for (auto &item : items)
                item.countUnread = !run->firstSync;
            const int size = static_cast<int>(items.size());
            InboundBatch batch;
            batch.items = std::move(items);
            m_pipeline.submit(std::move(batch), [this, run, fin = *fin, size](const InboundBatch &,
                                                                              bool completed) {
                if (!completed) {
                    run->done(makeError("store.error", "group archive page not stored"));
                    return;
                }
                run->read += size;
                if (!fin.last.isEmpty()) {
                    rangesOf(run->room).caughtUp(fin.last);
                    run->after = fin.last;
                } else if (!run->after) {
                    rangesOf(run->room).caughtUp(QString()); // an empty archive: synced
                }
                const bool capped = run->firstSync && run->read >= MaxFirstSync;
                if (fin.complete || fin.last.isEmpty() || capped) {
                    if (capped)
                        IMP_LOG_INFO("group archive: first read stopped at {} messages", run->read);
                    run->done(run->read);
                    return;
                }
                requestPage(run);
            });
        },
        std::chrono::seconds(60));
}

} // namespace imp::chat::groups
