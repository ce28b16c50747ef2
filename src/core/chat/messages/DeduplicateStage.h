#pragma once

#include "chat/messages/InboundStage.h"

namespace imp::chat::messages {

// Drops repeats within a batch (the same message live and from the archive, a carbon and its
// archived copy) by origin id, else the sender's stanza id, and by archive id. Repeats of what
// is already stored are found by the store's unique indexes.
class DeduplicateStage : public InboundStage {
public:
    const char *name() const override { return "deduplicate"; }
    void run(InboundBatch &batch, std::function<void(bool)> next) override;
};

} // namespace imp::chat::messages
