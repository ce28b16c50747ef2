#pragma once

#include "xmpp/StanzaChannel.h"

#include <QString>
#include <functional>
#include <memory>

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

    bool online() const { return channel.state() == xmpp::StanzaChannel::State::Online; }
};

} // namespace imp::chat::messages
