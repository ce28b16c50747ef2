#include "chat/messages/ScrollBack.h"

#include "chat/messages/HistoryRanges.h"
#include "chat/messages/HistorySync.h"
#include "chat/messages/MessageContext.h"

#include <QPromise>

namespace imp::chat::messages {

namespace {
constexpr int OlderPageSize = 50;
constexpr int MaxPageSize = 250;
// Scroll-back asks the archive at most this many times for one page of the chat.
constexpr int MaxOlderRounds = 20;
} // namespace

ScrollBack::ScrollBack(MessageContext &context, LocalHistory &local, HistorySync &sync,
                       HistoryRanges &ranges, QObject *parent)
    : QObject(parent)
    , m_context(context)
    , m_local(local)
    , m_sync(sync)
    , m_ranges(ranges)
{}

void ScrollBack::fetchOlder(const QString &peer, int wanted,
                            std::function<void(Result<int>, bool)> done)
{
    m_ranges.older(peer).then(
        this, [this, peer, wanted, done = std::move(done)](Result<HistoryRanges::Older> older) {
            if (!older)
                return done(older.error(), false);
            if (older->reachedStart)
                return done(0, true); // nothing older on the server
            m_local.oldest(peer).then(this, [this, peer, wanted, before = older->before,
                                             done](Result<LocalHistory::Oldest> oldest) {
                if (!oldest)
                    return done(oldest.error(), false);
                xmpp::MamQuery query;
                query.with = peer;
                // Continue from the oldest archive page already fetched: archive entries that
                // store nothing (receipts, markers, repeats) must not make us ask for the same
                // page again.
                query.before = before.isEmpty() ? oldest->archiveId : before;
                query.max = std::clamp(wanted, OlderPageSize, MaxPageSize);
                const qint64 oldestTs = oldest->ts;
                // Archive stamps have whole seconds and rows tie-break by arrival: keep older
                // history strictly before what is shown, in archive order, a millisecond apart
                // where they tie.
                auto tune = [oldestTs](std::vector<InboundItem> &items) {
                    qint64 below = oldestTs;
                    for (auto it = items.rbegin(); it != items.rend(); ++it) {
                        below = std::min(it->message.time.toMSecsSinceEpoch(), below - 1);
                        it->message.time = QDateTime::fromMSecsSinceEpoch(below, Qt::UTC);
                        it->countUnread = false;
                    }
                };
                m_sync.query(query, tune, [this, peer, done](Result<HistorySync::Page> page) {
                    if (!page)
                        return done(page.error(), false);
                    const bool start = page->fin.complete || page->fin.first.isEmpty();
                    m_ranges.olderFetched(peer, page->fin.first, start);
                    done(page->added, start);
                });
            });
        });
}

QFuture<Result<QList<Message>>>
ScrollBack::page(const QString &peer, std::optional<LocalHistory::Cursor> before, int limit)
{
    auto promise = std::make_shared<QPromise<Result<QList<Message>>>>();
    auto future = promise->future();
    promise->start();
    auto attempt = std::make_shared<std::function<void(int)>>();
    auto answer = [promise, attempt](Result<QList<Message>> page) {
        promise->addResult(std::move(page));
        promise->finish();
        *attempt = nullptr; // break the cycle
    };
    *attempt = [this, peer, before, limit, attempt, answer](int round) {
        m_local.page(peer, before, limit)
            .then(this, [this, peer, limit, attempt, answer, round](Result<QList<Message>> local) {
                if (!local || local->size() >= limit || !m_context.online() ||
                    round >= MaxOlderRounds)
                    return answer(std::move(local));
                const int missing = limit - static_cast<int>(local->size());
                // On an error (offline, refused) what this device has is the answer.
                fetchOlder(peer, missing,
                           [local, attempt, answer, round](Result<int> added, bool start) {
                               if (!added || (start && added.value() == 0))
                                   return answer(local);
                               (*attempt)(round + 1);
                           });
            });
    };
    (*attempt)(0);
    return future;
}

} // namespace imp::chat::messages
