#pragma once

#include "chat/Attachment.h"
#include "chat/messages/RecordCodec.h"

namespace imp::chat::messages {

// An attachment's fields inside a sealed record (a message, an outbox entry), after the
// record's own fields: a record written before attachments existed simply ends there.
class AttachmentRecord {
public:
    static void write(RecordCodec::Writer &w, const Attachment &a);
    // Kind None when the record ends here.
    static Attachment read(RecordCodec::Reader &r);
};

} // namespace imp::chat::messages
