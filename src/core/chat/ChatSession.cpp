#include "chat/ChatSession.h"

#include "chat/AccountService.h"
#include "chat/ContactService.h"
#include "chat/MessageService.h"
#include "chat/Profile.h"
#include "chat/attachments/AttachmentTransfer.h"
#include "chat/attachments/MediaLibrary.h"
#include "chat/attachments/TransferClient.h"
#include "chat/attachments/UploadService.h"
#include "chat/groups/GroupService.h"
#include "xmpp/Jid.h"

namespace imp::chat {

ChatSession::ChatSession(std::shared_ptr<Profile> profile, AccountService &account, QObject *parent)
    : QObject(parent)
    , m_contacts(std::make_unique<ContactService>(profile, account))
    , m_messages(std::make_unique<MessageService>(profile, account))
    , m_account(account)
    , m_media(std::make_unique<attachments::MediaLibrary>(profile->dir() + QStringLiteral("/media"),
                                                          profile->subKey("imp.media.v1")))
    , m_transfers(std::make_unique<attachments::TransferClient>(
          attachments::TransferClient::Options{account.endpoint().caFile}))
    , m_uploads(std::make_unique<attachments::UploadService>(
          account.xmpp(), [&account] { return account.account().domain; }))
    , m_attachments(
          std::make_unique<attachments::AttachmentTransfer>(*m_media, *m_uploads, *m_transfers))
{
    groups::GroupService::Options options;
    options.ownName = [&account] {
        const auto &a = account.account();
        return !a.nickname.isEmpty() ? a.nickname : a.imptechId;
    };
    options.nameOf = [contacts = m_contacts.get()](const QString &jid) {
        const auto contact = contacts->contact(jid);
        return contact ? contact->displayName() : xmpp::Jid(jid).node();
    };
    // A friend's invitation is taken at once; anyone else's is asked about first.
    options.trusts = [contacts = m_contacts.get()](const QString &inviter) {
        const auto contact = contacts->contact(inviter);
        return contact && contact->isFriend() && !contact->blocked;
    };
    m_groups = std::make_unique<groups::GroupService>(
        m_messages->context(), m_messages->outbox(),
        [messages = m_messages.get()](const Message &m) { messages->added(m); },
        std::move(options));
    m_messages->setForeign(
        [groups = m_groups.get()](const QString &jid) { return groups->isGroup(jid); });
    // Our own server's hosts may be on loopback (development); every other host must be public.
    auto trust = [this, &account] {
        const auto &a = account.account();
        m_transfers->setTrustedHosts({a.host, a.domain, QStringLiteral("upload.") + a.domain});
    };
    trust();
    connect(&account, &AccountService::accountChanged, this, trust);
    auto *transfer = m_attachments.get();
    m_messages->setUpload([transfer](const Attachment &a, auto progress, auto done) {
        transfer->upload(a, std::move(progress), std::move(done));
    });
    m_messages->setFetch([transfer](const Attachment &a, auto progress, auto done) {
        transfer->fetch(a, std::move(progress), std::move(done));
    });
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
    m_groups->start(QStringLiteral("groups.") + m_account.account().domain);
}

bool ChatSession::isGroup(const QString &peer) const
{
    return m_groups->isGroup(peer);
}

bool ChatSession::send(const QString &peer, const QString &text)
{
    return isGroup(peer) ? m_groups->send(peer, text) : m_messages->send(peer, text);
}

bool ChatSession::sendAttachment(const QString &peer, const Attachment &attachment)
{
    return isGroup(peer) ? m_groups->sendAttachment(peer, attachment)
                         : m_messages->sendAttachment(peer, attachment);
}

} // namespace imp::chat
