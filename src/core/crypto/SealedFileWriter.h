#pragma once

#include "common/Result.h"
#include "crypto/SealedFileCipher.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QFile>
#include <QString>
#include <openssl/types.h>

namespace imp::crypto {

// Seals a media file as it is written (format: SealedFileFormat.h), so a download or a
// recording is never on disk in the clear. Nothing appears at `path` before finish(): the bytes
// go to `path + ".part"` (owner-only), which finish() syncs and renames over `path` in one step;
// abort(), a failed write or destroying an unfinished writer removes it.
//
// Errors: "crypto.bad_key" (key not 32 bytes), "media.disk_full" (no space left),
// "media.write_failed" (any other failure, or a call after the writer failed or finished).
// After an error the writer is closed and the .part is gone; open() may start a new file.
class SealedFileWriter {
public:
    SealedFileWriter();
    ~SealedFileWriter();
    SealedFileWriter(const SealedFileWriter &) = delete;
    SealedFileWriter &operator=(const SealedFileWriter &) = delete;

    // `key` is the 32-byte media key (a sub-key of the vault's data key).
    Result<void> open(const QString &path, const QByteArray &key);
    // Buffers at most one chunk of plaintext; full chunks are sealed and written as they fill.
    Result<void> write(QByteArrayView bytes);
    // Seals the last chunk with the final flag, fsyncs the file, renames it to `path` and
    // fsyncs the folder: once this returns success the file survives a power cut.
    Result<void> finish();
    // Drops the file being written. Does nothing once finish() has succeeded.
    void abort();

    bool isOpen() const { return m_open; }
    // Plaintext bytes accepted so far.
    qint64 plaintextSize() const { return m_size; }
    // SHA-256 of the plaintext accepted so far (XEP-0446 wants it; no second pass needed).
    // Still valid after finish().
    QByteArray sha256() const;

private:
    Result<void> sealChunk(QByteArrayView plain, bool final);
    Result<void> fail(const char *step, bool diskFull);
    Result<void> writeOut(const QByteArray &bytes, const char *step);
    Result<void> failFile(const char *step);
    void reset();
    QString partPath() const { return m_path + QStringLiteral(".part"); }

    QString m_path;
    QFile m_file;
    QByteArray m_header;
    QByteArray m_buffer; // plaintext not yet sealed, < ChunkSize bytes between calls
    QByteArray m_sealed; // reused output buffer
    detail::SealedFileCipher m_cipher{detail::SealedFileCipher::Direction::Seal};
    EVP_MD_CTX *m_hash = nullptr;
    quint64 m_index = 0;
    qint64 m_size = 0;
    bool m_open = false;
};

} // namespace imp::crypto
