#include "AttachmentController.h"

#include "ChatsController.h"
#include "MediaImageProvider.h"
#include "chat/ChatSession.h"
#include "chat/MessageService.h"
#include "chat/attachments/MediaLibrary.h"
#include "chat/attachments/OutgoingFile.h"
#include "common/Log.h"

#include <QBuffer>
#include <QClipboard>
#include <QGuiApplication>
#include <QImage>
#include <QMimeData>
#include <QSaveFile>
#include <QtConcurrent>

namespace imp::app {

AttachmentController::AttachmentController(QObject *parent)
    : QObject(parent)
{
    m_io.setMaxThreadCount(1);
}

AttachmentController::~AttachmentController()
{
    m_io.waitForDone();
}

AttachmentController *AttachmentController::create(QQmlEngine *engine, QJSEngine *)
{
    auto *controller = new AttachmentController;
    controller->m_engine = engine;
    QJSEngine::setObjectOwnership(controller, QJSEngine::JavaScriptOwnership);
    return controller;
}

ChatsController *AttachmentController::chats() const
{
    return ChatsController::instance(m_engine ? m_engine : qmlEngine(this));
}

void AttachmentController::sendFiles(const QList<QUrl> &urls)
{
    for (const QUrl &url : urls) {
        if (url.isLocalFile())
            sendPath(url.toLocalFile());
        else
            emit notice(errorMessage(QStringLiteral("attachment.cannot_read")));
    }
}

void AttachmentController::sendPath(const QString &path)
{
    auto *c = chats();
    if (!c || !c->session() || c->currentPeer().isEmpty())
        return;
    sendPrepared(c->currentPeer(), path, {}, {});
}

bool AttachmentController::pasteImage()
{
    auto *c = chats();
    const QMimeData *mime = QGuiApplication::clipboard()->mimeData();
    if (!c || !c->session() || c->currentPeer().isEmpty() || !mime || !mime->hasImage())
        return false;
    const QImage image = qvariant_cast<QImage>(mime->imageData());
    if (image.isNull())
        return false;
    // Encoded off the UI thread: a screenshot can be tens of megapixels.
    ++m_preparing;
    emit preparingChanged();
    const QString peer = c->currentPeer();
    QtConcurrent::run(&m_io, [image] {
        QByteArray png;
        QBuffer buffer(&png);
        buffer.open(QIODevice::WriteOnly);
        image.save(&buffer, "PNG");
        return png;
    }).then(this, [this, peer](QByteArray png) {
        --m_preparing;
        emit preparingChanged();
        sendPrepared(peer, {}, std::move(png), tr("Pasted image") + QStringLiteral(".png"));
    });
    return true;
}

void AttachmentController::sendPrepared(const QString &peer, const QString &path, QByteArray bytes,
                                        const QString &name)
{
    auto *c = chats();
    if (!c || !c->session())
        return;
    const chat::attachments::MediaLibrary library = c->session()->media();
    ++m_preparing;
    emit preparingChanged();
    QtConcurrent::run(&m_io, [library, path, bytes = std::move(bytes), name]() mutable {
        using chat::attachments::OutgoingFile;
        return path.isEmpty() ? OutgoingFile::fromBytes(std::move(bytes), name, library, {})
                              : OutgoingFile::fromPath(path, library, {});
    }).then(this, [this, peer](Result<chat::Attachment> prepared) {
        --m_preparing;
        emit preparingChanged();
        auto *chatsNow = chats();
        if (!prepared) {
            emit notice(errorMessage(QString::fromStdString(prepared.error().code)));
            return;
        }
        if (!chatsNow || !chatsNow->messageService() ||
            !chatsNow->session()->sendAttachment(peer, *prepared))
            emit notice(errorMessage(QStringLiteral("attachment.failed")));
    });
}

void AttachmentController::save(qint64 messageId, const QUrl &to)
{
    auto *c = chats();
    const auto message = c ? c->messages()->message(messageId) : std::nullopt;
    if (!message || !c->session() || !message->attachment.isHere() || !to.isLocalFile())
        return;
    const chat::attachments::MediaLibrary library = c->session()->media();
    const QString fileId = message->attachment.fileId;
    const QString path = to.toLocalFile();
    QtConcurrent::run(&m_io, [library, fileId, path]() -> QString {
        auto bytes = library.readAll(fileId, chat::Attachment::MaxBytes);
        if (!bytes)
            return QString::fromStdString(bytes.error().code);
        // The user asked for the plaintext there: whole or not at all.
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes.value()) != bytes->size() ||
            !file.commit())
            return QStringLiteral("attachment.cannot_write");
        return {};
    }).then(this, [this](const QString &code) {
        emit notice(code.isEmpty() ? tr("Saved") : errorMessage(code));
    });
}

QString AttachmentController::imageSource(qint64 messageId) const
{
    auto *c = chats();
    const auto message = c ? c->messages()->message(messageId) : std::nullopt;
    if (!message || message->attachment.kind != chat::Attachment::Kind::Image ||
        !message->attachment.isHere())
        return {};
    return MediaImageProvider::sourceFor(message->attachment.fileId);
}

QString AttachmentController::suggestedName(qint64 messageId) const
{
    auto *c = chats();
    const auto message = c ? c->messages()->message(messageId) : std::nullopt;
    if (!message)
        return {};
    if (!message->attachment.name.isEmpty())
        return message->attachment.name;
    return message->attachment.kind == chat::Attachment::Kind::Image ? tr("Photo") : tr("File");
}

QString AttachmentController::errorMessage(const QString &code)
{
    if (code == QLatin1String("attachment.too_large"))
        return tr("This file is too large to send (100 MB at most).");
    if (code == QLatin1String("attachment.empty"))
        return tr("This file is empty.");
    if (code == QLatin1String("attachment.cannot_read"))
        return tr("This file cannot be read.");
    if (code == QLatin1String("media.corrupt"))
        return tr("This photo is damaged and was not sent.");
    if (code == QLatin1String("media.disk_full"))
        return tr("Your device is full. Free some space and try again.");
    if (code == QLatin1String("attachment.cannot_write"))
        return tr("The file could not be saved there.");
    return tr("The file could not be sent.");
}

} // namespace imp::app
