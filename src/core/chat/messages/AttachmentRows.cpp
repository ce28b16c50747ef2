#include "chat/messages/AttachmentRows.h"

#include "chat/Keyring.h"
#include "chat/messages/MessageRecord.h"
#include "store/Database.h"
#include "store/MessageRepository.h"

namespace imp::chat::messages {

using store::MessageRepository;
using store::MessageRow;

namespace {
Result<std::optional<Message>> apply(MessageRepository &repo, const Keyring &keys,
                                     const std::optional<MessageRow> &row,
                                     const AttachmentRows::Change &change)
{
    if (!row)
        return std::optional<Message>();
    auto m = MessageRecord::open(keys, *row);
    if (!m || m->attachment.isNull())
        return std::optional<Message>();
    change(m->attachment);
    auto sealed = MessageRecord::reseal(keys, *m, *row);
    if (!sealed)
        return sealed.error();
    auto replaced = repo.replaceSealed(row->id, sealed.value(), row->flags);
    if (!replaced)
        return replaced.error();
    return m;
}
} // namespace

Result<std::optional<Message>>
AttachmentRows::updateByOriginId(store::Database &tx, const Keyring &keys, const QString &peer,
                                 const QString &originId, const Change &change)
{
    MessageRepository repo(tx);
    auto row = repo.findByOriginIdTag(keys.conversationTag(peer), keys.originIdTag(originId));
    if (!row)
        return row.error();
    return apply(repo, keys, row.value(), change);
}

Result<std::optional<Message>> AttachmentRows::updateById(store::Database &tx, const Keyring &keys,
                                                          qint64 id, const Change &change)
{
    MessageRepository repo(tx);
    auto row = repo.findById(id);
    if (!row)
        return row.error();
    return apply(repo, keys, row.value(), change);
}

} // namespace imp::chat::messages
