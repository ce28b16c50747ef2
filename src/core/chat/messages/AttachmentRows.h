#pragma once

#include "chat/Message.h"
#include "common/Result.h"

#include <functional>
#include <optional>

namespace imp::store {
class Database;
}

namespace imp::chat {
class Keyring;
}

namespace imp::chat::messages {

// Changes to the attachment of a stored message (its URL once uploaded, its local copy once
// downloaded, a failure), sealed again in place. Runs on the database thread, inside the
// caller's transaction.
class AttachmentRows {
public:
    using Change = std::function<void(Attachment &)>;
    // The message after the change; nullopt when it is not stored (or does not open).
    static Result<std::optional<Message>> updateByOriginId(store::Database &tx, const Keyring &keys,
                                                           const QString &peer,
                                                           const QString &originId,
                                                           const Change &change);
    static Result<std::optional<Message>> updateById(store::Database &tx, const Keyring &keys,
                                                     qint64 id, const Change &change);
};

} // namespace imp::chat::messages
