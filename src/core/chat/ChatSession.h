#pragma once

#include <QObject>
#include <memory>

namespace imp::chat {

namespace groups {
class GroupService;
}

namespace attachments {
class AttachmentTransfer;
class MediaLibrary;
class TransferClient;
class UploadService;
} // namespace attachments

struct Attachment;
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
    groups::GroupService &groups() { return *m_groups; }
    // What the user writes in a chat goes to the service that owns the peer: a group on the
    // groups service, else one to one. False when nothing was queued (empty, too long, or a
    // group we are no longer in).
    bool send(const QString &peer, const QString &text);
    bool sendAttachment(const QString &peer, const Attachment &attachment);
    bool isGroup(const QString &peer) const;
    // The sealed voice notes, photos and files of this profile.
    const attachments::MediaLibrary &media() const { return *m_media; }

private:
    std::unique_ptr<ContactService> m_contacts;
    std::unique_ptr<MessageService> m_messages;
    std::unique_ptr<groups::GroupService> m_groups;
    AccountService &m_account;
    std::unique_ptr<attachments::MediaLibrary> m_media;
    std::unique_ptr<attachments::TransferClient> m_transfers;
    std::unique_ptr<attachments::UploadService> m_uploads;
    std::unique_ptr<attachments::AttachmentTransfer> m_attachments;
};

} // namespace imp::chat
