#pragma once

#include "chat/messages/InboundBatch.h"
#include "common/Result.h"

#include <QHash>
#include <QObject>
#include <functional>
#include <map>
#include <memory>

namespace imp::chat::messages {
struct MessageContext;
class HistoryRanges;
class InboundPipeline;
} // namespace imp::chat::messages

namespace imp::chat::groups {

// A room's own archive (XEP-0313 addressed to the room, `muc_mam`): we join with no MUC
// history and read what we missed from here, forward from the last position this device
// holds (kept per room in history_ranges). A device that never read the room reads it from
// its start, up to MaxFirstSync messages. Every page goes through the group pipeline and is
// stored before its results are acknowledged and the next page is asked for.
class GroupArchive : public QObject {
    Q_OBJECT
public:
    static constexpr int PageSize = 250;
    static constexpr int MaxFirstSync = 10000;

    GroupArchive(messages::MessageContext &context, messages::InboundPipeline &pipeline,
                 QObject *parent = nullptr);
    ~GroupArchive() override;

    // A result of one of our queries (false: not ours, or no longer awaited).
    bool collect(const QString &queryId, messages::InboundItem item);
    // done(messages read) once the room's archive is read to its end, or the error.
    void catchUp(const QString &room, std::function<void(Result<int>)> done);

private:
    struct Run;
    void requestPage(std::shared_ptr<Run> run);
    messages::HistoryRanges &rangesOf(const QString &room);

    messages::MessageContext &m_context;
    messages::InboundPipeline &m_pipeline;
    QHash<QString, std::vector<messages::InboundItem>> m_queries; // by query id
    std::map<QString, std::unique_ptr<messages::HistoryRanges>> m_ranges;
};

} // namespace imp::chat::groups
