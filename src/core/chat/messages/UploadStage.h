#pragma once

#include "chat/Attachment.h"
#include "chat/messages/OutboxEntry.h"
#include "common/Result.h"

#include <QHash>
#include <QObject>
#include <functional>

namespace imp::chat::messages {

// The outgoing step between the outbox and the codec for an attachment: its bytes go to the
// upload service before the stanza that points at them is sent. Retries what may pass later
// (the network, the server's 5xx, an expired slot) with growing delays, and gives up at once
// on what will not (too large, over the quota).
class UploadStage : public QObject {
    Q_OBJECT
public:
    using Progress = std::function<void(qint64 done, qint64 total)>;
    // Uploads the sealed local copy; the attachment comes back with its URL.
    using Upload = std::function<void(const Attachment &attachment, Progress progress,
                                      std::function<void(Result<Attachment>)> done)>;
    static constexpr int MaxAttempts = 3;

    explicit UploadStage(QObject *parent = nullptr);
    // Without an upload function every attachment fails with upload.unavailable.
    void setUpload(Upload upload) { m_upload = std::move(upload); }
    // The delay before attempt n+1 (tests make it short).
    void setRetryDelays(QList<int> delaysMs) { m_retryDelaysMs = std::move(delaysMs); }

    // Starts the upload unless one for this entry runs already.
    void start(const OutboxEntry &entry);
    bool running(const QString &originId) const { return m_running.contains(originId); }

    static bool retryable(const std::string &code);

signals:
    void uploaded(const imp::chat::messages::OutboxEntry &entry);
    void failed(const imp::chat::messages::OutboxEntry &entry, const QString &code);
    void progress(const QString &peer, const QString &originId, qint64 done, qint64 total);

private:
    void attempt(const OutboxEntry &entry, int n);

    Upload m_upload;
    QList<int> m_retryDelaysMs{2000, 8000};
    QHash<QString, int> m_running; // origin id -> attempt
};

} // namespace imp::chat::messages
