#pragma once

#include "chat/messages/InboundStage.h"

namespace imp::xmpp {
class StanzaChannel;
}

namespace imp::chat::messages {

// The batch is on disk (or refused on purpose): release the server's acknowledgement
// (XEP-0198) for every message, and confirm delivery (XEP-0184) of those new here.
class AcknowledgeStage : public InboundStage {
public:
    explicit AcknowledgeStage(xmpp::StanzaChannel &channel)
        : m_channel(channel)
    {}
    const char *name() const override { return "acknowledge"; }
    void run(InboundBatch &batch, std::function<void(bool)> next) override;

private:
    xmpp::StanzaChannel &m_channel;
};

} // namespace imp::chat::messages
