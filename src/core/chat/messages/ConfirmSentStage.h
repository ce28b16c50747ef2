#pragma once

#include "chat/messages/InboundStage.h"

namespace imp::chat::messages {

class Outbox;

// Our own messages found in the archive are on the server: their outbox entries are done and
// must not be sent again (a peer that does not deduplicate would see them twice after a
// connection died between the send and its acknowledgement).
class ConfirmSentStage : public InboundStage {
public:
    explicit ConfirmSentStage(Outbox &outbox)
        : m_outbox(outbox)
    {}
    const char *name() const override { return "confirm own"; }
    void run(InboundBatch &batch, std::function<void(bool)> next) override;

private:
    Outbox &m_outbox;
};

} // namespace imp::chat::messages
