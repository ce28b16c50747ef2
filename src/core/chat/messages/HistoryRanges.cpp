#include "chat/messages/HistoryRanges.h"

#include "chat/Profile.h"
#include "common/Utf8.h"

namespace imp::chat::messages {

namespace {
constexpr const char *CatchUpSetting = "mam.last";
}

HistoryRanges::HistoryRanges(std::shared_ptr<Profile> profile)
    : m_profile(std::move(profile))
{}

QFuture<Result<std::optional<QString>>> HistoryRanges::catchUpFrom()
{
    return m_profile->setting(CatchUpSetting)
        .then([](Result<std::optional<QByteArray>> stored) -> Result<std::optional<QString>> {
            if (!stored)
                return stored.error();
            if (!stored->has_value())
                return std::optional<QString>();
            return std::optional<QString>(fromUtf8Exact(**stored));
        });
}

void HistoryRanges::caughtUp(const QString &lastId)
{
    m_profile->putSetting(CatchUpSetting, lastId.toUtf8());
}

HistoryRanges::Older HistoryRanges::older(const QString &peer, const QString &oldestHeld) const
{
    return {m_olderFrom.value(peer, oldestHeld), m_reachedStart.contains(peer)};
}

void HistoryRanges::olderFetched(const QString &peer, const QString &firstId, bool reachedStart)
{
    if (reachedStart)
        m_reachedStart.insert(peer);
    else
        m_olderFrom.insert(peer, firstId);
}

} // namespace imp::chat::messages
