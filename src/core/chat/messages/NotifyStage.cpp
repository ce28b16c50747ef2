#include "chat/messages/NotifyStage.h"

#include "chat/messages/ConversationLedger.h"

namespace imp::chat::messages {

void NotifyStage::run(InboundBatch &batch, std::function<void(bool)> next)
{
    for (const auto &item : batch.items) {
        if (item.isNew)
            m_added(item.message);
    }
    m_ledger.publish(batch.conversations);
    next(true);
}

} // namespace imp::chat::messages
