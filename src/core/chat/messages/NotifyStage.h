#pragma once

#include "chat/messages/InboundStage.h"

namespace imp::chat::messages {

class ConversationLedger;

// Announces what is new: each new message, then the conversation rows it changed.
class NotifyStage : public InboundStage {
public:
    using Added = std::function<void(const Message &message)>;

    NotifyStage(ConversationLedger &ledger, Added added)
        : m_ledger(ledger)
        , m_added(std::move(added))
    {}
    const char *name() const override { return "notify"; }
    void run(InboundBatch &batch, std::function<void(bool)> next) override;

private:
    ConversationLedger &m_ledger;
    Added m_added;
};

} // namespace imp::chat::messages
