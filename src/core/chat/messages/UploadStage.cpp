#include "chat/messages/UploadStage.h"

#include "common/Log.h"

#include <QPointer>
#include <QTimer>

namespace imp::chat::messages {

UploadStage::UploadStage(QObject *parent)
    : QObject(parent)
{}

bool UploadStage::retryable(const std::string &code)
{
    if (code == "upload.too_large" || code == "upload.quota" || code == "upload.http_413" ||
        code == "media.missing" || code == "media.corrupt" || code == "upload.unavailable")
        return false;
    return true;
}

void UploadStage::start(const OutboxEntry &entry)
{
    if (m_running.contains(entry.originId))
        return;
    m_running.insert(entry.originId, 1);
    attempt(entry, 1);
}

void UploadStage::attempt(const OutboxEntry &entry, int n)
{
    if (!m_upload) {
        m_running.remove(entry.originId);
        emit failed(entry, QStringLiteral("upload.unavailable"));
        return;
    }
    QPointer<UploadStage> self(this);
    m_upload(
        entry.attachment,
        [self, peer = entry.peer, originId = entry.originId](qint64 done, qint64 total) {
            if (self)
                emit self->progress(peer, originId, done, total);
        },
        [self, entry, n](Result<Attachment> result) {
            if (!self)
                return;
            if (result) {
                self->m_running.remove(entry.originId);
                OutboxEntry sent = entry;
                sent.attachment = result.value();
                emit self->uploaded(sent);
                return;
            }
            const std::string code = result.error().code;
            IMP_LOG_WARN("upload: attempt {} failed ({})", n, code);
            if (n < MaxAttempts && retryable(code)) {
                const int delay = self->m_retryDelaysMs.value(
                    n - 1, self->m_retryDelaysMs.isEmpty() ? 1000 : self->m_retryDelaysMs.last());
                self->m_running[entry.originId] = n + 1;
                QTimer::singleShot(delay, self, [self, entry, n] {
                    if (self)
                        self->attempt(entry, n + 1);
                });
                return;
            }
            self->m_running.remove(entry.originId);
            emit self->failed(entry, QString::fromStdString(code));
        });
}

} // namespace imp::chat::messages
