#pragma once

#include "chat/messages/InboundBatch.h"

#include <functional>

namespace imp::chat::messages {

// One step of the inbound pipeline. run() works on the batch and calls next(true) to hand it
// to the next stage, or next(false) to stop it there (what is not stored is not acknowledged:
// the server keeps it). A stage may call next later (after disk work), never twice.
class InboundStage {
public:
    virtual ~InboundStage() = default;
    virtual const char *name() const = 0;
    virtual void run(InboundBatch &batch, std::function<void(bool)> next) = 0;
};

} // namespace imp::chat::messages
