#include "chat/groups/ReflectionStage.h"

#include "chat/messages/Outbox.h"

namespace imp::chat::groups {

void ReflectionStage::run(messages::InboundBatch &batch, std::function<void(bool)> next)
{
    QList<messages::Outbox::Sent> own;
    for (const auto &item : batch.items) {
        if (item.message.outgoing && !item.message.originId.isEmpty())
            own.append({item.message.peer, item.message.originId});
    }
    if (!own.isEmpty())
        m_outbox.confirm(own);
    next(true);
}

} // namespace imp::chat::groups
