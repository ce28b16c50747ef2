#pragma once

#include "chat/messages/InboundStage.h"

namespace imp::chat::messages {
class Outbox;
}

namespace imp::chat::groups {

// A group message of ours is sent when the room reflects it (live, or found in the room's
// archive after a reconnect), not when the server acknowledges the stanza: the room may still
// refuse it. The reflection is matched to our outbox entry by origin id; the store has
// already recognised it as the message we show, so it is never shown twice.
class ReflectionStage : public messages::InboundStage {
public:
    explicit ReflectionStage(messages::Outbox &outbox)
        : m_outbox(outbox)
    {}
    const char *name() const override { return "reflection"; }
    void run(messages::InboundBatch &batch, std::function<void(bool)> next) override;

private:
    messages::Outbox &m_outbox;
};

} // namespace imp::chat::groups
