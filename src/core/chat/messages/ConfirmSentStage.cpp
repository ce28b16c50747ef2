#include "chat/messages/ConfirmSentStage.h"

#include "chat/messages/Outbox.h"

namespace imp::chat::messages {

void ConfirmSentStage::run(InboundBatch &batch, std::function<void(bool)> next)
{
    QList<Outbox::Sent> own;
    for (const auto &item : batch.items) {
        if (item.archived && item.message.outgoing && !item.message.originId.isEmpty())
            own.append({item.message.peer, item.message.originId});
    }
    if (!own.isEmpty())
        m_outbox.confirm(own);
    next(true);
}

} // namespace imp::chat::messages
