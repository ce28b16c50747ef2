#include "chat/messages/AcknowledgeStage.h"

#include "chat/messages/StanzaCodec.h"
#include "xmpp/StanzaChannel.h"

namespace imp::chat::messages {

void AcknowledgeStage::run(InboundBatch &batch, std::function<void(bool)> next)
{
    for (const auto &item : batch.items) {
        if (item.token != 0)
            m_channel.releaseInbound(item.token);
        if (item.isNew && !item.receiptTo.isEmpty() && !item.message.stanzaId.isEmpty())
            m_channel.send(StanzaCodec::receipt(item.receiptTo, item.message.stanzaId));
    }
    next(true);
}

} // namespace imp::chat::messages
