#pragma once

#include <QObject>
#include <QQmlEngine>
#include <QThreadPool>
#include <QUrl>

namespace imp::app {

class ChatsController;

// Photos and files in the open chat: sending what the user picked or pasted (prepared off the
// UI thread by chat::attachments::OutgoingFile: kind from the bytes, a photo's place removed,
// sealed), and saving one decrypted where the user chose. Tells how it went with notice().
class AttachmentController : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_PROPERTY(int preparing READ preparing NOTIFY preparingChanged)

public:
    explicit AttachmentController(QObject *parent = nullptr);
    ~AttachmentController() override;
    static AttachmentController *create(QQmlEngine *engine, QJSEngine *);

    // Files being read and sealed before they go into the outbox.
    int preparing() const { return m_preparing; }

    // From the picker or a drop: each is sent as a photo or a file, in order.
    Q_INVOKABLE void sendFiles(const QList<QUrl> &urls);
    // A local path (tests, drag and drop from a file manager).
    Q_INVOKABLE void sendPath(const QString &path);
    // Ctrl+V in the message box: true when the clipboard held an image, which is sent.
    Q_INVOKABLE bool pasteImage();
    // The attachment of `messageId`, decrypted, written whole (or not at all) to `to`.
    Q_INVOKABLE void save(qint64 messageId, const QUrl &to);
    // What the viewer shows for a photo that is here ("" otherwise).
    Q_INVOKABLE QString imageSource(qint64 messageId) const;
    // A file name to offer in the save dialog.
    Q_INVOKABLE QString suggestedName(qint64 messageId) const;

    static QString errorMessage(const QString &code);

signals:
    void preparingChanged();
    void notice(const QString &text);

private:
    ChatsController *chats() const;
    void sendPrepared(const QString &peer, const QString &path, QByteArray bytes,
                      const QString &name);

    QQmlEngine *m_engine = nullptr;
    QThreadPool m_io; // one at a time, so files go out in the order they were picked
    int m_preparing = 0;
};

} // namespace imp::app
