#pragma once

#include <QString>
#include <functional>
#include <memory>

namespace imp::xmpp {
class StanzaChannel;
}

namespace imp::chat {
class Keyring;
class Profile;
} // namespace imp::chat

namespace imp::chat::messages {

class ConversationLedger;

// What every part of the message path shares: the profile (its database thread), the chat
// store's keys, the XMPP session, the conversation ledger and our own bare JID. Owned by
// MessageService; the parts hold it by reference.
struct MessageContext {
    std::shared_ptr<Profile> profile;
    std::shared_ptr<Keyring> keys;
    xmpp::StanzaChannel &channel;
    ConversationLedger &ledger;
    std::function<QString()> ownJid; // bare

    bool online() const;
};

} // namespace imp::chat::messages
