#pragma once

#include "chat/Message.h"
#include "chat/messages/ConversationLedger.h"

#include <vector>

namespace imp::chat::messages {

// One received message on its way through the inbound pipeline.
struct InboundItem {
    Message message;
    quint64 token = 0;       // StanzaChannel::deferInbound() token; 0 = none
    QString receiptTo;       // full JID to confirm delivery to (XEP-0184); "" = none
    bool countUnread = true; // false for history the user has not missed (the newest page)
    bool live = false;       // received now: never sorts before what is already stored
    bool archived = false;   // from the server's archive (catch-up or scroll-back)
    bool dropped = false;    // refused by a filter or a repeat within the batch: not stored
    bool isNew = false;      // stored now (not already on this device)
};

// Messages that go through the pipeline together: one transaction, one acknowledgement.
struct InboundBatch {
    std::vector<InboundItem> items;
    ConversationLedger::Changes conversations; // rows the store stage changed
    int added() const
    {
        int n = 0;
        for (const auto &item : items)
            n += item.isNew ? 1 : 0;
        return n;
    }
};

} // namespace imp::chat::messages
