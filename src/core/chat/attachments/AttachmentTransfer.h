#pragma once

#include "chat/Attachment.h"
#include "common/Result.h"

#include <QObject>
#include <QThreadPool>
#include <functional>
#include <memory>

class QIODevice;

namespace imp::chat::attachments {

class MediaLibrary;
class TransferClient;
class UploadService;

// Moves an attachment's bytes between the media library and the upload server: uploads read
// the sealed copy as they go (no plaintext file), downloads seal as they arrive and are
// checked (size, SHA-256, and for voice that the bytes are audio) before they count. What the
// message path calls through UploadStage and FetchStage.
class AttachmentTransfer : public QObject {
    Q_OBJECT
public:
    AttachmentTransfer(MediaLibrary &library, UploadService &uploads, TransferClient &client,
                       QObject *parent = nullptr);
    ~AttachmentTransfer() override;

    // Up to this size an upload is decrypted off the UI thread and sent from memory.
    static constexpr qint64 InMemoryUpload = 25LL << 20;

    using Progress = std::function<void(qint64 done, qint64 total)>;
    using Done = std::function<void(Result<Attachment>)>;
    void upload(const Attachment &attachment, Progress progress, Done done);
    void fetch(const Attachment &attachment, Progress progress, Done done);

    // The name a slot asks for: the file's own, or one made from the kind.
    static QString uploadName(const Attachment &attachment);

private:
    void uploadStreaming(const Attachment &attachment, Progress progress, Done done);
    void putBody(const Attachment &attachment, std::shared_ptr<QIODevice> body, Progress progress,
                 Done done);

    MediaLibrary &m_library;
    UploadService &m_uploads;
    TransferClient &m_client;
    // Sealed writes run here, one at a time and in order, never on the UI thread.
    QThreadPool m_io;
};

} // namespace imp::chat::attachments
