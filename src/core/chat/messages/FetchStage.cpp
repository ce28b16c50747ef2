#include "chat/messages/FetchStage.h"

#include "chat/Profile.h"
#include "chat/messages/AttachmentRows.h"
#include "chat/messages/MessageContext.h"
#include "common/Log.h"
#include "store/Database.h"
#include "store/DatabaseWorker.h"

#include <QPointer>

namespace imp::chat::messages {

FetchStage::FetchStage(MessageContext &context, QObject *parent)
    : QObject(parent)
    , m_context(context)
{}

bool FetchStage::fetchesByItself(const Attachment &a)
{
    return (a.kind == Attachment::Kind::Voice || a.kind == Attachment::Kind::Image) &&
           a.size <= AutoFetchLimit && a.transfer == Attachment::Transfer::Remote;
}

void FetchStage::run(InboundBatch &batch, std::function<void(bool)> next)
{
    for (const auto &item : batch.items) {
        const Message &m = item.message;
        if (item.isNew && !m.outgoing && fetchesByItself(m.attachment))
            fetch(m);
    }
    next(true);
}

void FetchStage::fetch(const Message &message)
{
    if (message.attachment.isNull() || message.attachment.url.isEmpty() || message.id == 0 ||
        m_running.contains(message.id))
        return;
    if (!m_fetch) {
        settle(message, makeError("download.unavailable", ""));
        return;
    }
    m_running.insert(message.id, true);
    emit runningChanged(runningCount());
    QPointer<FetchStage> self(this);
    m_fetch(
        message.attachment,
        [self, peer = message.peer, id = message.id](qint64 done, qint64 total) {
            if (self)
                emit self->progress(peer, id, done, total);
        },
        [self, message](Result<Attachment> result) {
            if (self)
                self->settle(message, std::move(result));
        });
}

void FetchStage::settle(const Message &message, Result<Attachment> result)
{
    Attachment settled = message.attachment;
    if (result) {
        settled.fileId = result->fileId;
        settled.transfer = Attachment::Transfer::Ready;
        settled.error.clear();
        if (settled.durationMs == 0)
            settled.durationMs = result->durationMs;
        if (settled.waveform.isEmpty())
            settled.waveform = result->waveform;
    } else {
        IMP_LOG_WARN("fetch: an attachment was not fetched ({})", result.error().code);
        settled.transfer = Attachment::Transfer::DownloadFailed;
        settled.error = QString::fromStdString(result.error().code);
    }
    write(
        message.id,
        [settled](Attachment &a) {
            a.fileId = settled.fileId;
            a.transfer = settled.transfer;
            a.error = settled.error;
            a.durationMs = settled.durationMs;
            a.waveform = settled.waveform;
        },
        [this, id = message.id] {
            // Running until its row says how it ended, so a caller waiting for idle sees the end.
            m_running.remove(id);
            emit runningChanged(runningCount());
        });
}

void FetchStage::markPlayed(const Message &message)
{
    write(message.id, [](Attachment &a) { a.played = true; });
}

void FetchStage::write(qint64 messageId, std::function<void(Attachment &)> change,
                       std::function<void()> then)
{
    m_context.profile->worker()
        .run([keys = m_context.keys, messageId,
              change = std::move(change)](store::Database &db) -> Result<std::optional<Message>> {
            std::optional<Message> changed;
            auto done = db.transaction([&](store::Database &tx) -> Result<void> {
                auto m = AttachmentRows::updateById(tx, *keys, messageId, change);
                if (!m)
                    return m.error();
                changed = m.value();
                return {};
            });
            if (!done)
                return done.error();
            return changed;
        })
        .then(this, [this, then = std::move(then)](Result<std::optional<Message>> changed) {
            if (changed && changed.value())
                emit messageChanged(*changed.value());
            if (then)
                then();
        });
}

} // namespace imp::chat::messages
