#pragma once

#include <QObject>
#include <memory>

namespace imp::chat {

class AccountService;
class ContactService;
class MessageService;
class Profile;

// The chat services of one signed-in profile and the wiring between them (contact names become
// conversation titles; contacts decide who may reach the user), owned in one place so that the
// app and imptech-cli get the same behaviour.
class ChatSession : public QObject {
    Q_OBJECT
public:
    ChatSession(std::shared_ptr<Profile> profile, AccountService &account,
                QObject *parent = nullptr);
    ~ChatSession() override;

    // Loads the stored lists and the outbox and hooks into the XMPP session; call once.
    void start();

    MessageService &messages() { return *m_messages; }
    ContactService &contacts() { return *m_contacts; }

private:
    std::unique_ptr<ContactService> m_contacts;
    std::unique_ptr<MessageService> m_messages;
};

} // namespace imp::chat
