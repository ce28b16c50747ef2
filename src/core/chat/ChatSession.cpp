#include "chat/ChatSession.h"

#include "chat/AccountService.h"
#include "chat/ContactService.h"
#include "chat/MessageService.h"

namespace imp::chat {

ChatSession::ChatSession(std::shared_ptr<Profile> profile, AccountService &account, QObject *parent)
    : QObject(parent)
    , m_contacts(std::make_unique<ContactService>(profile, account))
    , m_messages(std::make_unique<MessageService>(profile, account))
{
    connect(m_contacts.get(), &ContactService::titleChanged, m_messages.get(),
            &MessageService::setTitle);
    // The server refuses blocked senders too (XEP-0191); this also holds while a block is on
    // its way and for what the archive kept from before it.
    m_messages->setAdmission([contacts = m_contacts.get()](const QString &peer) {
        const auto contact = contacts->contact(peer);
        return !contact || !contact->blocked;
    });
}

ChatSession::~ChatSession() = default;

void ChatSession::start()
{
    m_contacts->start();
    m_messages->start();
}

} // namespace imp::chat
