#pragma once

#include "common/Result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QCryptographicHash>
#include <QFile>
#include <QIODevice>
#include <QString>

namespace imp::crypto {

// Media at rest (DESIGN §3): a file sealed in 64 KiB chunks of AES-256-GCM.
//
//   header  = "IMPM" || version (0x01) || salt (16 random bytes)                    21 bytes
//   chunk i = AES-256-GCM(fileKey, nonce_i, plaintext_i, aad_i) || tag              +16 bytes
//   fileKey = HKDF-SHA256(key, salt, "imp.media.file.v1")   (a new key for every file, so the
//             counter nonces below never repeat under one key)
//   nonce_i = 0x00000000 || i (u64 big-endian)
//   aad_i   = header || i (u64 big-endian) || final (0x01 for the last chunk, else 0x00)
//
// Every chunk but the last holds exactly ChunkSize plaintext bytes; the last holds 0..ChunkSize
// and is the only one marked final. So a dropped, repeated or reordered chunk, a file cut at a
// chunk boundary, or a chunk from another file all fail to open; and any byte can be read
// without decrypting what comes before it.
struct SealedFile {
    static constexpr int ChunkSize = 64 * 1024;
    static constexpr int TagSize = 16;
    static constexpr int HeaderSize = 4 + 1 + 16;
    static constexpr int KeySize = 32;

    // Errors: crypto.bad_key, media.disk_full, media.write_failed.
    static Result<void> writeAll(const QString &path, const QByteArray &key,
                                 const QByteArray &plaintext);
    // Errors: media.missing, media.corrupt, media.too_large.
    static Result<QByteArray> readAll(const QString &path, const QByteArray &key, qint64 maxBytes);
};

// Seals as it is written. Nothing appears at `path` before finish(): the bytes go to
// `path + ".part"`, which finish() syncs and renames, and abort() or a failed write removes.
class SealedFileWriter {
public:
    SealedFileWriter() = default;
    ~SealedFileWriter();
    SealedFileWriter(const SealedFileWriter &) = delete;
    SealedFileWriter &operator=(const SealedFileWriter &) = delete;

    Result<void> open(const QString &path, const QByteArray &key);
    Result<void> write(QByteArrayView bytes);
    Result<void> finish();
    void abort();

    qint64 plaintextSize() const { return m_size; }
    // SHA-256 of the plaintext written (valid after finish()).
    QByteArray sha256() const { return m_digest; }

private:
    Result<void> sealChunk(QByteArrayView plain, bool final);
    Result<void> failed(const char *what);

    QString m_path;
    QFile m_file;
    QByteArray m_fileKey;
    QByteArray m_header;
    QByteArray m_buffer;
    quint64 m_index = 0;
    qint64 m_size = 0;
    QCryptographicHash m_hash{QCryptographicHash::Sha256};
    QByteArray m_digest;
    bool m_open = false;
};

// Reads a sealed file as its plaintext: random access, decrypting one chunk at a time. The last
// chunk is checked when the file opens, so a truncated file never starts to play. A chunk that
// fails to open makes read() return -1 (lastError() says media.corrupt); no unauthenticated
// byte is ever returned.
class SealedFileReader : public QIODevice {
    Q_OBJECT
public:
    SealedFileReader(QString path, QByteArray key, QObject *parent = nullptr);

    // Opens ReadOnly; false with lastError() media.missing or media.corrupt.
    bool open(OpenMode mode = ReadOnly) override;
    void close() override;
    bool isSequential() const override { return false; }
    qint64 size() const override { return m_size; }
    QString lastError() const { return m_error; }

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    bool loadChunk(quint64 index);

    QString m_path;
    QByteArray m_key;
    QFile m_file;
    QByteArray m_fileKey;
    QByteArray m_header;
    qint64 m_size = 0;
    quint64 m_chunks = 0;
    qint64 m_cachedIndex = -1;
    QByteArray m_cached;
    QString m_error;
};

} // namespace imp::crypto
