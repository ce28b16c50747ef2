#pragma once

#include "chat/attachments/MediaLibrary.h"

#include <QQuickAsyncImageProvider>
#include <QThreadPool>

namespace imp::app {

// image://impmedia/<file id>: a photo from the sealed media library, decrypted and decoded on
// a worker thread (never the UI thread), turned upright by its Exif orientation and scaled to
// the size asked for (a bubble's thumbnail, the viewer's screen). Nothing is written to disk.
class MediaImageProvider : public QQuickAsyncImageProvider {
public:
    static constexpr auto Name = "impmedia";
    // The largest photo decoded (a peer can send anything; 50 MB is far above any camera's).
    static constexpr qint64 MaxBytes = 50LL << 20;

    explicit MediaImageProvider(chat::attachments::MediaLibrary library);
    QQuickImageResponse *requestImageResponse(const QString &id,
                                              const QSize &requestedSize) override;
    static QString sourceFor(const QString &fileId);

private:
    chat::attachments::MediaLibrary m_library;
    QThreadPool m_pool;
};

} // namespace imp::app
