#pragma once

#include "chat/Message.h"
#include "common/Result.h"
#include "store/MessageRepository.h"

#include <optional>

namespace imp::chat {
class Keyring;
}

namespace imp::chat::messages {

// A message as the store keeps it: id tags (HMAC) and plain residue in the row, everything else
// sealed (DESIGN.md §3). Runs on the database thread; no state.
class MessageRecord {
public:
    static constexpr qint64 DirectionIn = 0;
    static constexpr qint64 DirectionOut = 1;

    static Result<store::MessageRow> seal(const Keyring &keys, const Message &m);
    // nullopt (logged) when the row does not open: tampered or sealed under other keys.
    static std::optional<Message> open(const Keyring &keys, const store::MessageRow &row);
    // The sealed value again after a change of the message's text (a recall).
    static Result<QByteArray> reseal(const Keyring &keys, const Message &m,
                                     const store::MessageRow &row);
    // The row identity of a message: its origin id when it has one, else the sender's stanza
    // id (XEP-0359 allows that when no origin id exists), so a copy that arrives again through
    // the archive or carbons is recognised.
    static QByteArray originTag(const Keyring &keys, const Message &m);
};

} // namespace imp::chat::messages
