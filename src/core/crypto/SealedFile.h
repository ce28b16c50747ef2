#pragma once

#include "common/Result.h"
#include "crypto/SealedFileFormat.h"
#include "crypto/SealedFileReader.h"
#include "crypto/SealedFileWriter.h"

#include <QByteArray>
#include <QString>

namespace imp::crypto {

// Whole-file shortcuts over SealedFileWriter and SealedFileReader, for media small enough to
// hold in memory (avatars, thumbnails). Format: SealedFileFormat.h.
class SealedFile {
public:
    // Errors: crypto.bad_key, media.disk_full, media.write_failed.
    static Result<void> writeAll(const QString &path, const QByteArray &key,
                                 const QByteArray &plaintext);
    // Refuses a file whose plaintext is over `maxBytes` before decrypting any of it.
    // Errors: crypto.bad_key, media.missing, media.corrupt, media.too_large.
    static Result<QByteArray> readAll(const QString &path, const QByteArray &key, qint64 maxBytes);
};

} // namespace imp::crypto
