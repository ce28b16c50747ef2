#pragma once

#include "chat/Message.h"
#include "chat/groups/GroupStanzaCodec.h"
#include "common/Result.h"

#include <QHash>
#include <QObject>
#include <QTimer>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace imp::chat::messages {
struct InboundBatch;
struct InboundItem;
struct MessageContext;
class InboundPipeline;
class Outbox;
} // namespace imp::chat::messages

namespace imp::chat::groups {

class GroupArchive;

// What the rooms send, on its way to the store: the same stages as one-to-one chat
//   deduplicate → store → reflection (our own, matched to the outbox) → acknowledge → notify
// with live messages batched per event-loop turn, and held while their room's archive is read
// so that the archive's copies come first.
class GroupInbound : public QObject {
    Q_OBJECT
public:
    GroupInbound(messages::MessageContext &context, messages::Outbox &outbox,
                 std::function<void(const Message &)> added, QObject *parent = nullptr);
    ~GroupInbound() override;

    // The message a room's event means, or nullopt (nothing to tell it from a repeat by).
    // `ownNick`: ours in that room; `memberJid`: who the room said holds that nickname.
    static std::optional<messages::InboundItem> itemOf(const GroupEvent &event,
                                                       const QString &ownBare,
                                                       const QString &ownNick,
                                                       const QString &memberJid);

    // A live message; call from inside the stanza handler (its acknowledgement waits for the
    // store). Held while `room` catches up.
    void receive(messages::InboundItem item);
    void collectArchived(const QString &queryId, messages::InboundItem item);
    // Reads the room's archive from our last position, then lets its held messages through.
    void catchUp(const QString &room, std::function<void(Result<int>)> done);
    bool catchingUp(const QString &room) const { return m_held.contains(room); }

signals:
    void storageError(const QString &code);

private:
    void flushLive();

    messages::MessageContext &m_context;
    std::unique_ptr<messages::InboundPipeline> m_pipeline;
    std::unique_ptr<GroupArchive> m_archive;
    std::unique_ptr<messages::InboundBatch> m_live;
    QHash<QString, std::vector<messages::InboundItem>> m_held; // by room, while catching up
    QTimer m_liveTimer;
};

} // namespace imp::chat::groups
