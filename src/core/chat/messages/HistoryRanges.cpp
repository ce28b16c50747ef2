#include "chat/messages/HistoryRanges.h"

#include "chat/Keyring.h"
#include "chat/Profile.h"
#include "chat/messages/MessageContext.h"
#include "chat/messages/RecordCodec.h"
#include "common/Log.h"
#include "common/Utf8.h"
#include "crypto/SecureRandom.h"
#include "store/DatabaseWorker.h"
#include "store/HistoryRangeRepository.h"

#include <QDateTime>

namespace imp::chat::messages {

using store::HistoryRangeRepository;
using store::HistoryRangeRow;

namespace {

// The whole archive (catch-up), or one chat's scroll-back.
QByteArray scopeOf(const Keyring &keys, const QString &peer = {})
{
    return peer.isEmpty() ? keys.tag("mam", QStringLiteral("archive"))
                          : keys.tag("mam", QStringLiteral("with:") + peer);
}

// A group's own archive (the room's, not ours).
QByteArray catchUpScope(const Keyring &keys, const QString &archive)
{
    return archive.isEmpty() ? scopeOf(keys) : keys.tag("mam", QStringLiteral("room:") + archive);
}

struct Range {
    HistoryRangeRow row;
    QString fromId;
    QString toId;
};

// The newest range of the scope (nullopt when there is none or it does not open).
Result<std::optional<Range>> newest(store::Database &db, const Keyring &keys,
                                    const QByteArray &scope)
{
    auto rows = HistoryRangeRepository(db).ranges(scope);
    if (!rows)
        return rows.error();
    for (const auto &row : rows.value()) {
        auto opened = keys.open(row.sealed, HistoryRangeRepository::sealedAssociatedData(row.key));
        if (!opened)
            continue;
        RecordCodec::Reader r(opened.value());
        Range range{row, r.string(), r.string()};
        if (r.ok())
            return std::optional<Range>(range);
    }
    return std::optional<Range>();
}

Result<void> put(store::Database &db, const Keyring &keys, Range range)
{
    if (range.row.key.isEmpty())
        range.row.key = crypto::SecureRandom::bytes(16);
    auto sealed = keys.seal(RecordCodec::Writer().string(range.fromId).string(range.toId).take(),
                            HistoryRangeRepository::sealedAssociatedData(range.row.key));
    if (!sealed)
        return sealed.error();
    range.row.sealed = sealed.value();
    auto done = HistoryRangeRepository(db).upsert(range.row);
    if (!done)
        return done.error();
    return {};
}

} // namespace

HistoryRanges::HistoryRanges(MessageContext &context, QString archive)
    : m_context(context)
    , m_archive(std::move(archive))
{}

void HistoryRanges::catchUpFrom(QObject *context, From done)
{
    m_context.profile->worker()
        .run([keys = m_context.keys,
              archive = m_archive](store::Database &db) -> Result<std::optional<QString>> {
            auto range = newest(db, *keys, catchUpScope(*keys, archive));
            if (!range)
                return range.error();
            if (range.value())
                return std::optional<QString>(range.value()->toId);
            return std::optional<QString>();
        })
        .then(context, [profile = m_context.profile, context, done,
                        own = m_archive.isEmpty()](Result<std::optional<QString>> from) {
            if (!from || from->has_value() || !own)
                return done(from);
            // Devices that synced before the ranges existed kept one cursor in the settings.
            profile->setting("mam.last")
                .then(context, [done](Result<std::optional<QByteArray>> cursor) {
                    if (!cursor)
                        return done(cursor.error());
                    if (!cursor->has_value())
                        return done(std::optional<QString>());
                    done(std::optional<QString>(fromUtf8Exact(**cursor)));
                });
        });
}

void HistoryRanges::caughtUp(const QString &lastId)
{
    m_context.profile->worker()
        .run([keys = m_context.keys, lastId,
              archive = m_archive](store::Database &db) -> Result<void> {
            const QByteArray scope = catchUpScope(*keys, archive);
            auto range = newest(db, *keys, scope);
            if (!range)
                return range.error();
            Range r = range.value().value_or(Range{});
            r.row.scopeTag = scope;
            if (r.row.id == 0) {
                r.fromId = lastId;
                r.row.fromTs = QDateTime::currentMSecsSinceEpoch();
            }
            r.toId = lastId;
            r.row.toTs = QDateTime::currentMSecsSinceEpoch();
            return put(db, *keys, r);
        })
        .then([](Result<void> done) {
            if (!done)
                IMP_LOG_WARN("history sync: position not stored ({})", done.error().code);
        });
}

QFuture<Result<HistoryRanges::Older>> HistoryRanges::older(const QString &peer)
{
    return m_context.profile->worker().run(
        [keys = m_context.keys, peer](store::Database &db) -> Result<Older> {
            auto range = newest(db, *keys, scopeOf(*keys, peer));
            if (!range)
                return range.error();
            if (!range.value())
                return Older{};
            return Older{range.value()->fromId, range.value()->row.reachedStart};
        });
}

void HistoryRanges::olderFetched(const QString &peer, const QString &firstId, bool reachedStart)
{
    m_context.profile->worker()
        .run([keys = m_context.keys, peer, firstId,
              reachedStart](store::Database &db) -> Result<void> {
            const QByteArray scope = scopeOf(*keys, peer);
            auto range = newest(db, *keys, scope);
            if (!range)
                return range.error();
            Range r = range.value().value_or(Range{});
            r.row.scopeTag = scope;
            if (r.row.id == 0) {
                r.toId = firstId;
                r.row.toTs = QDateTime::currentMSecsSinceEpoch();
            }
            if (!firstId.isEmpty())
                r.fromId = firstId;
            r.row.fromTs = QDateTime::currentMSecsSinceEpoch();
            r.row.reachedStart = r.row.reachedStart || reachedStart;
            return put(db, *keys, r);
        })
        .then([](Result<void> done) {
            if (!done)
                IMP_LOG_WARN("scroll-back: position not stored ({})", done.error().code);
        });
}

} // namespace imp::chat::messages
