#pragma once

#include "common/Result.h"

#include <QByteArray>
#include <QString>
#include <memory>

namespace imp::crypto {
class SealedFileReader;
class SealedFileWriter;
} // namespace imp::crypto

namespace imp::chat::attachments {

// The profile's media folder: every voice note, photo and file sealed (crypto/SealedFile) under
// the media sub-key, named by a random id (never its hash, URL or sender), so the folder tells
// a reader nothing but sizes and times.
class MediaLibrary {
public:
    MediaLibrary(QString dir, QByteArray key);

    static QString newFileId();
    // Only ids this library made: 32 hex digits.
    static bool validId(const QString &fileId);

    QString pathOf(const QString &fileId) const;
    // A writer for a new file (seal as you write; finish() makes it appear).
    Result<std::unique_ptr<crypto::SealedFileWriter>> create(const QString &fileId) const;
    // Opened for reading (random access, decrypting as it reads). media.missing, media.corrupt.
    Result<std::unique_ptr<crypto::SealedFileReader>> open(const QString &fileId) const;
    // The whole plaintext, up to maxBytes (media.too_large beyond).
    Result<QByteArray> readAll(const QString &fileId, qint64 maxBytes) const;
    // Seals bytes the user picked or recorded as a new file; returns its id.
    Result<QString> store(const QByteArray &plaintext) const;
    void remove(const QString &fileId) const;

private:
    QString m_dir;
    QByteArray m_key;
};

} // namespace imp::chat::attachments
