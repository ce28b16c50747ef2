#include "MediaImageProvider.h"

#include "common/Log.h"

#include <QBuffer>
#include <QImageReader>
#include <QRunnable>

namespace imp::app {

namespace {

class MediaImageResponse : public QQuickImageResponse, public QRunnable {
public:
    MediaImageResponse(chat::attachments::MediaLibrary library, QString fileId, QSize size)
        : m_library(std::move(library))
        , m_fileId(std::move(fileId))
        , m_size(size)
    {
        setAutoDelete(false); // the engine deletes the response
    }

    void run() override
    {
        if (chat::attachments::MediaLibrary::validId(m_fileId)) {
            auto bytes = m_library.readAll(m_fileId, MediaImageProvider::MaxBytes);
            if (bytes) {
                QBuffer buffer(&bytes.value());
                buffer.open(QIODevice::ReadOnly);
                QImageReader reader(&buffer);
                reader.setAutoTransform(true); // Exif orientation
                // Refuse decompression bombs before decoding: 100 megapixels at most.
                const QSize full = reader.size();
                if (full.isValid() && qint64(full.width()) * full.height() <= 100'000'000) {
                    // Down to the size asked for, never up (a thumbnail is not blown up).
                    if (m_size.isValid() && !m_size.isEmpty() &&
                        (full.width() > m_size.width() || full.height() > m_size.height()))
                        reader.setScaledSize(full.scaled(m_size, Qt::KeepAspectRatio));
                    m_image = reader.read();
                }
            }
            if (m_image.isNull())
                IMP_LOG_WARN("media image: a photo could not be shown");
        }
        emit finished();
    }

    QQuickTextureFactory *textureFactory() const override
    {
        return QQuickTextureFactory::textureFactoryForImage(m_image);
    }
    QString errorString() const override
    {
        return m_image.isNull() ? QStringLiteral("media.not_image") : QString();
    }

private:
    chat::attachments::MediaLibrary m_library;
    QString m_fileId;
    QSize m_size;
    QImage m_image;
};

} // namespace

MediaImageProvider::MediaImageProvider(chat::attachments::MediaLibrary library)
    : m_library(std::move(library))
{
    m_pool.setMaxThreadCount(2);
}

QQuickImageResponse *MediaImageProvider::requestImageResponse(const QString &id,
                                                              const QSize &requestedSize)
{
    auto *response = new MediaImageResponse(m_library, id, requestedSize);
    m_pool.start(response);
    return response;
}

QString MediaImageProvider::sourceFor(const QString &fileId)
{
    return QStringLiteral("image://%1/%2").arg(QLatin1String(Name), fileId);
}

} // namespace imp::app
