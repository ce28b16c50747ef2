#include "chat/messages/AdmissionStage.h"

#include "common/Log.h"

namespace imp::chat::messages {

void AdmissionStage::run(InboundBatch &batch, std::function<void(bool)> next)
{
    if (m_admit) {
        int refused = 0;
        for (auto &item : batch.items) {
            if (item.dropped || item.message.outgoing || m_admit(item.message.peer))
                continue;
            item.dropped = true;
            ++refused;
        }
        if (refused > 0)
            IMP_LOG_INFO("inbound: {} message(s) refused (blocked or not allowed)", refused);
    }
    next(true);
}

} // namespace imp::chat::messages
