#pragma once

#include "chat/Conversation.h"
#include "common/Result.h"
#include "store/ConversationRepository.h"

#include <optional>

namespace imp::chat {
class Keyring;
}

namespace imp::chat::messages {

// A conversation row as the store keeps it: the peer, title and preview sealed; time, unread
// count and pin plain (DESIGN.md §3 residue). Only ConversationLedger writes these rows.
class ConversationRecord {
public:
    static constexpr int PreviewLength = 200;

    static Result<store::ConversationRow> seal(const Keyring &keys, const Conversation &c);
    static std::optional<Conversation> open(const Keyring &keys, const store::ConversationRow &row);
    // The first line of a body, at most PreviewLength characters.
    static QString previewOf(const QString &body);
};

} // namespace imp::chat::messages
